#!/usr/bin/env bash
# `check --fix --unsafe-fixes` on every shared corpus folder (copied to a
# temporary folder): the fixed files parse as before (no new syntax-error),
# no finding with a fix is left, a second run has nothing to change, and
# the diff `--fix --diff` printed makes the same files (patch(1), when
# installed). Skips (exit 77) when no corpus folder is present.
#
#   tests/fix_corpus_test.sh [MIGLINT_BINARY]
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-${MIGLINT_BINARY:-$ROOT/build/miglint}}
CORPUS=${MIGLINT_CORPUS:-/work/shared/corpus}
[[ -x "$BIN" ]] || { echo "miglint binary not found: $BIN" >&2; exit 1; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")  # the checks run in a temporary folder
folders=()
for d in "$CORPUS"/*/migrations; do [[ -d "$d" ]] && folders+=("$d"); done
((${#folders[@]})) || { echo "SKIP: no corpus folder under $CORPUS"; exit 77; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
status=0
fixable() {  # FOLDER: findings that carry a fix
  "$BIN" check --format json --fail-on never "$1" |
    python3 -c 'import json, sys; print(sum(1 for d in json.load(sys.stdin)["diagnostics"] if d["fix"]))'
}
syntax_errors() { "$BIN" check --format gcc --fail-on never --select syntax-error "$1" | grep -c . || true; }

for src in "${folders[@]}"; do
  name=$(basename "$(dirname "$src")")
  cd "$WORK" || exit 1
  cp -r "$src" "fixed-$name"
  cp -r "$src" "patched-$name"
  before=$(syntax_errors "fixed-$name")
  had=$(fixable "fixed-$name")
  "$BIN" check --fix --diff --unsafe-fixes "fixed-$name" >"$name.diff" 2>/dev/null
  "$BIN" check --fix --unsafe-fixes --fail-on never --format gcc "fixed-$name" >/dev/null 2>"$name.log"
  after=$(syntax_errors "fixed-$name")
  left=$(fixable "fixed-$name")
  again=$("$BIN" check --fix --diff --unsafe-fixes "fixed-$name" 2>/dev/null | grep -c '^@@' || true)
  echo "$name: $had fixable findings; $(cat "$name.log"); syntax errors $before -> $after; $left fixable left; $again hunks on a second run"
  ((had > 0)) || { echo "FAIL $name: no fixable finding to try"; status=1; }
  [[ "$after" == "$before" ]] || { echo "FAIL $name: fixing made syntax errors"; status=1; }
  ((left == 0)) || { echo "FAIL $name: findings with a fix are left"; status=1; }
  ((again == 0)) || { echo "FAIL $name: a second run still changes files"; status=1; }
  if command -v patch >/dev/null; then
    sed "s#^--- a/fixed-$name/#--- a/#; s#^+++ b/fixed-$name/#+++ b/#" "$name.diff" >"$name.p1"
    if ! (cd "patched-$name" && patch -p1 -s <"../$name.p1") || ! diff -r -q "patched-$name" "fixed-$name"; then
      echo "FAIL $name: the --diff output does not make what --fix wrote"
      status=1
    fi
  fi
done
exit $status
