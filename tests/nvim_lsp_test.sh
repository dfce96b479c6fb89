#!/usr/bin/env bash
# End-to-end with a real editor: headless Neovim opens a down file, runs
# `miglint lsp`, breaks and repairs the buffer, and checks the diagnostics it
# receives (tests/nvim_lsp_test.lua). Exit 77 (CTest SKIP) without nvim.
#
#   tests/nvim_lsp_test.sh [MIGLINT_BINARY]
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-${MIGLINT_BINARY:-$ROOT/build/miglint}}

command -v nvim >/dev/null 2>&1 || { echo "SKIP: nvim not found"; exit 77; }
if ! timeout 20 nvim --headless -n -i NONE -u NONE \
    -c 'lua if vim.lsp == nil or vim.lsp.start_client == nil then vim.cmd("cquit 1") end' -c 'qa!' >/dev/null 2>&1; then
  echo "SKIP: this nvim has no built-in LSP client"
  exit 77
fi
[[ -x "$BIN" ]] || { echo "miglint binary not found: $BIN" >&2; exit 1; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")  # nvim runs it from another directory

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A copy: whatever the editor does, the fixture in the tree stays untouched.
cp -r "$ROOT/testdata/lsp/migrations" "$WORK/migrations"

# down-not-inverse is reported on the CREATE TABLE statement: lines 0..4 (0-based).
export MIGLINT_BIN=$BIN MIGLINT_DOWN=$WORK/migrations/20240102000000_drop_pins.down.sql MIGLINT_RESULT=$WORK/result.txt
export EXPECT_START_LINE=0 EXPECT_START_CHAR=0 EXPECT_END_LINE=3 EXPECT_END_CHAR=1

cd "$WORK" || exit 1
timeout 120 nvim --headless -n -i NONE -u NONE -c "luafile $ROOT/tests/nvim_lsp_test.lua" >"$WORK/nvim.log" 2>&1
rc=$?
cat "$WORK/result.txt" 2>/dev/null
if ((rc == 124)); then
  echo "nvim timed out" >&2
  cat "$WORK/nvim.log" >&2
  exit 1
fi
if ! grep -q '^RESULT PASS$' "$WORK/result.txt" 2>/dev/null; then
  echo "--- nvim output" >&2
  cat "$WORK/nvim.log" >&2
  exit 1
fi
