-- miglint language server for SQL migrations, no lspconfig needed.
-- Put in ~/.config/nvim/after/ftplugin/sql.lua.
local root = vim.fs and vim.fs.dirname(vim.fs.find({ 'miglint.toml', '.git' }, { upward = true })[1] or '')
local config = {
  name = 'miglint',
  cmd = { 'miglint', 'lsp' },
  root_dir = (root ~= nil and root ~= '') and root or vim.fn.getcwd(),
}
if vim.lsp.start then
  vim.lsp.start(config)  -- Neovim 0.8+: reuses a running server
else
  -- Neovim 0.7: start one client and attach every SQL buffer to it.
  _G.miglint_client = _G.miglint_client or vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(0, _G.miglint_client)
end
