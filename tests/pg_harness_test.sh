#!/usr/bin/env bash
# Differential harness: replay every chain under testdata/chains/ on a real
# PostgreSQL 15 server and check the server's per-migration down verdicts
# against the chain's expected.txt.
#
#   tests/pg_harness_test.sh [CHAIN_DIR ...]
#
# A chain is a folder with expected.txt and its migrations, either in a
# migrations/ subfolder or directly in the chain folder. expected.txt lists
# `<version> <verdict>` for every migration whose down does not restore the
# schema (differs) or fails (down_failed, up_failed); the others must be
# identical. Exit 77 (CTest SKIP) when PostgreSQL 15 or python3 is missing.
# Set MIGLINT_PG_KEEP_OUT=DIR to keep the dumps (DIR/<chain>/...).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=${MIGLINT_PG_BIN:-/usr/lib/postgresql/15/bin}

if [[ ! -x "$PGBIN/initdb" || ! -x "$PGBIN/pg_ctl" ]]; then
  echo "SKIP: PostgreSQL 15 server binaries not found in $PGBIN"
  exit 77
fi
for tool in psql pg_dump python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool not found"; exit 77; }
done

if (($#)); then
  chains=("$@")
else
  chains=()
  for d in "$ROOT"/testdata/chains/*/; do
    [[ -f "$d/expected.txt" ]] && chains+=("${d%/}")
  done
fi
if ((${#chains[@]} == 0)); then
  echo "SKIP: no chain with expected.txt under testdata/chains/"
  exit 77
fi

OUTROOT=${MIGLINT_PG_KEEP_OUT:-}
[[ -n "$OUTROOT" ]] || OUTROOT=$(mktemp -d "${TMPDIR:-/tmp}/miglint-pg-harness.XXXXXX")
PG_DIR=""
cleanup() {
  if [[ -n "$PG_DIR" ]]; then
    "$ROOT/tools/pg-server" stop "$PG_DIR" || true
  fi
  [[ -n "${MIGLINT_PG_KEEP_OUT:-}" ]] || rm -rf "$OUTROOT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! env_lines=$("$ROOT/tools/pg-server" start); then
  echo "FAIL: could not start PostgreSQL (tools/pg-server start)"
  exit 1
fi
eval "$env_lines"
PG_DIR=$MIGLINT_PG_DIR

failed=0
passed=0
for chain in "${chains[@]}"; do
  name=$(basename "$chain")
  migdir="$chain"
  [[ -d "$chain/migrations" ]] && migdir="$chain/migrations"
  if "$ROOT/tools/pg-chain" "$migdir" "$OUTROOT/$name" --expected "$chain/expected.txt"; then
    echo "PASS: $name"
    passed=$((passed + 1))
  else
    echo "FAIL: $name (server verdicts in $OUTROOT/$name/verdicts.tsv)"
    cat "$OUTROOT/$name/verdicts.tsv" 2>/dev/null || true
    failed=$((failed + 1))
  fi
done

echo "pg_harness: $passed passed, $failed failed"
((failed == 0))
