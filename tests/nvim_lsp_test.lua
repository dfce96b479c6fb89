-- Neovim (0.7+) as a real LSP client of `miglint lsp`, driven headless by
-- tests/nvim_lsp_test.sh. Writes one line per check to $MIGLINT_RESULT and
-- ends with "RESULT PASS" or "RESULT FAIL"; never waits longer than the
-- per-step timeout.
local bin = os.getenv('MIGLINT_BIN')
local down = os.getenv('MIGLINT_DOWN')
local result_path = os.getenv('MIGLINT_RESULT')
local step_ms = 20000
local lines_out = {}
local failed = false

local function log(s) table.insert(lines_out, s) end
local function check(cond, what)
  log((cond and 'ok   ' or 'FAIL ') .. what)
  if not cond then failed = true end
  return cond
end
local function finish()
  log(failed and 'RESULT FAIL' or 'RESULT PASS')
  local f = io.open(result_path, 'w')
  f:write(table.concat(lines_out, '\n') .. '\n')
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(down))
  local buf = vim.api.nvim_get_current_buf()
  local original = vim.api.nvim_buf_get_lines(buf, 0, -1, false)

  local last = nil
  local published = 0
  local client_id = vim.lsp.start_client({
    name = 'miglint',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.fnamemodify(down, ':h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, params, ctx, config)
        last = params
        published = published + 1
        vim.lsp.diagnostic.on_publish_diagnostics(e, params, ctx, config)
      end,
    },
  })
  if not check(client_id ~= nil, 'miglint lsp started') then return end
  vim.lsp.buf_attach_client(buf, client_id)

  local function find(params, code)
    for _, d in ipairs(params and params.diagnostics or {}) do
      if d.code == code then return d end
    end
    return nil
  end
  local function wait(pred) return vim.wait(step_ms, pred, 10) end

  -- 1. The correct down: no down-not-inverse.
  local t0 = vim.loop.hrtime()
  check(wait(function() return last ~= nil end), 'diagnostics published after open')
  log(string.format('info open->diagnostics %.0f ms', (vim.loop.hrtime() - t0) / 1e6))
  check(last ~= nil and find(last, 'down-not-inverse') == nil, 'no down-not-inverse for the correct down')

  -- 2. Break it: recreate the table without its CHECK constraint.
  last = nil
  t0 = vim.loop.hrtime()
  vim.api.nvim_buf_set_lines(buf, 2, 4, false, { '  digest text NOT NULL' })
  check(wait(function() return find(last, 'down-not-inverse') ~= nil end), 'down-not-inverse after the edit')
  log(string.format('info edit->diagnostics %.0f ms', (vim.loop.hrtime() - t0) / 1e6))
  local d = find(last, 'down-not-inverse')
  if d then
    local r = d.range
    log(string.format('info range %d:%d-%d:%d', r.start.line, r.start.character, r['end'].line, r['end'].character))
    check(r.start.line == tonumber(os.getenv('EXPECT_START_LINE')) and r.start.character == tonumber(os.getenv('EXPECT_START_CHAR'))
      and r['end'].line == tonumber(os.getenv('EXPECT_END_LINE')) and r['end'].character == tonumber(os.getenv('EXPECT_END_CHAR')),
      'down-not-inverse range is the CREATE TABLE statement')
    check(d.severity == 1, 'severity error')
    check(d.codeDescription and d.codeDescription.href == 'https://github.com/miglint/miglint/blob/main/docs/rules/down-not-inverse.md', 'codeDescription.href')
    check(d.message:find('pins_digest_check', 1, true) ~= nil, 'message names the constraint')
    local shown = vim.diagnostic.get(buf)
    local any = false
    for _, x in ipairs(shown) do if x.message:find('pins_digest_check', 1, true) then any = true end end
    check(any, 'Neovim shows it (vim.diagnostic.get)')
  end

  -- 3. Fix it back: the finding clears.
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, original)
  check(wait(function() return last ~= nil and find(last, 'down-not-inverse') == nil end), 'down-not-inverse cleared after the fix')

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)
if not ok then check(false, 'lua error: ' .. tostring(err)) end
finish()
