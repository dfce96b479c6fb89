#!/usr/bin/env bash
# Differential harness: replay migration chains on a real PostgreSQL server
# (15; another with MIGLINT_PG_BIN, e.g. /opt/pg18/bin for chains that target 18)
# and compare, after every up and every down, the schema model with the
# server's catalog (pg_dump --schema-only), and the model's down verdicts with
# the server's.
#
#   tests/pg_harness_test.sh [--corpus] [--model-vs-dump BIN] [CHAIN_DIR ...]
#
# Chains (default: every testdata/chains/*/ with expected.txt) are strict: a
# chain fails when the server's down verdicts differ from its expected.txt,
# or when the model and the server disagree after any step or on any down
# verdict. A chain is a folder with expected.txt and its migrations, either in
# a migrations/ subfolder or directly in the chain folder. expected.txt lists
# `<version> <verdict>` for every migration whose down does not restore the
# schema (differs) or fails (down_failed, up_failed); the others must be
# identical.
#
# --corpus also replays every folder of $MIGLINT_CORPUS (default
# /work/shared/corpus) that has a migrations/ folder and reports the model
# vs server figures without failing on them.
#
# BIN is the model_vs_dump test tool (default: $MIGLINT_MODEL_VS_DUMP, else the
# newest build*/tests/model_vs_dump); without it only the server verdicts are
# checked. Exit 77 (CTest SKIP) when PostgreSQL 15 or python3 is missing.
#
# Set MIGLINT_PG_KEEP_OUT=DIR to keep the dumps (DIR/<chain>/...).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=${MIGLINT_PG_BIN:-/usr/lib/postgresql/15/bin}

corpus=0
mvd=${MIGLINT_MODEL_VS_DUMP:-}
chains=()
while (($#)); do
  case $1 in
    --corpus) corpus=1 ;;
    --model-vs-dump) mvd=$2; shift ;;
    *) chains+=("$1") ;;
  esac
  shift
done
if [[ -n "$mvd" && ! -x "$mvd" ]]; then
  echo "FAIL: model_vs_dump not found at $mvd"
  exit 1
fi
if [[ -z "$mvd" ]]; then
  # The newest one of any build directory.
  mvd=$(find "$ROOT" -maxdepth 3 -path "$ROOT/build*/tests/model_vs_dump" -printf '%T@ %p\n' 2>/dev/null |
    sort -rn | head -n 1 | cut -d' ' -f2-)
fi
if [[ -z "$mvd" ]]; then
  echo "note: model_vs_dump not built (cmake --build <dir> --target model_vs_dump); checking server verdicts only"
  mvd=""
fi

if [[ ! -x "$PGBIN/initdb" || ! -x "$PGBIN/pg_ctl" ]]; then
  echo "SKIP: PostgreSQL server binaries not found in $PGBIN"
  exit 77
fi
# psql and pg_dump of the server's own version (a PostgreSQL 18 server needs pg_dump 18).
export PATH="$PGBIN:$PATH"
server_major=$("$PGBIN/postgres" --version | sed -n 's/.* \([0-9][0-9]*\)\.[0-9].*/\1/p')
for tool in psql pg_dump python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool not found"; exit 77; }
done

if ((${#chains[@]} == 0)); then
  for d in "$ROOT"/testdata/chains/*/; do
    [[ -f "$d/expected.txt" ]] && chains+=("${d%/}")
  done
fi
if ((${#chains[@]} == 0)); then
  echo "SKIP: no chain with expected.txt under testdata/chains/"
  exit 77
fi

# shellcheck source=tests/pg_lib.sh
. "$ROOT/tests/pg_lib.sh"
pg_start "$ROOT" pg-harness
OUTROOT=$PG_OUT

failed=0
passed=0
figures=()
for chain in "${chains[@]}"; do
  name=$(basename "$chain")
  # A chain whose miglint.toml targets a newer server than this one is not run here.
  target=$(sed -n 's/^pg_version *= *\([0-9][0-9]*\).*/\1/p' "$chain/miglint.toml" 2>/dev/null)
  if [[ -n "$target" && -n "$server_major" ]] && ((target > server_major)); then
    echo "skip: $name targets PostgreSQL $target; this server is $server_major"
    continue
  fi
  migdir="$chain"
  [[ -d "$chain/migrations" ]] && migdir="$chain/migrations"
  ok=1
  if ! "$ROOT/tools/pg-chain" "$migdir" "$OUTROOT/$name" --expected "$chain/expected.txt"; then
    echo "FAIL: $name: server verdicts differ from expected.txt ($OUTROOT/$name/verdicts.tsv)"
    cat "$OUTROOT/$name/verdicts.tsv" 2>/dev/null || true
    ok=0
  fi
  if [[ -n "$mvd" && -f "$OUTROOT/$name/verdicts.tsv" ]]; then
    report=$("$mvd" "$migdir" "$OUTROOT/$name" --name "$name")
    rc=$?
    echo "$report" | grep -v ': model vs server: '
    figures+=("$(echo "$report" | grep ': model vs server: ')")
    ((rc == 0)) || ok=0
  fi
  if ((ok)); then
    echo "PASS: $name"
    passed=$((passed + 1))
  else
    echo "FAIL: $name"
    failed=$((failed + 1))
  fi
done

if ((corpus)) && [[ -n "$mvd" ]]; then
  croot=${MIGLINT_CORPUS:-/work/shared/corpus}
  for c in "$croot"/*/; do
    [[ -d "$c/migrations" ]] || continue
    name=corpus-$(basename "$c")
    "$ROOT/tools/pg-chain" "$c/migrations" "$OUTROOT/$name" || true
    [[ -f "$OUTROOT/$name/verdicts.tsv" ]] || continue
    report=$("$mvd" "$c/migrations" "$OUTROOT/$name" --name "$name" --quiet)
    echo "$report" | grep -v ': model vs server: '
    figures+=("$(echo "$report" | grep ': model vs server: ')")
  done
fi

echo
echo "Figures (model vs server after every up and down; down verdicts):"
for f in "${figures[@]}"; do echo "  $f"; done
# Totals over the chains (corpus folders are named corpus-*).
printf '%s\n' "${figures[@]}" | awk '
  /^corpus-/ { next }
  match($0, /[0-9]+\/[0-9]+ steps agree/) { split(substr($0, RSTART, RLENGTH), a, "[/ ]"); sa += a[1]; st += a[2] }
  match($0, /[0-9]+\/[0-9]+ down verdicts agree/) { split(substr($0, RSTART, RLENGTH), b, "[/ ]"); va += b[1]; vt += b[2] }
  END { if (st + vt) printf "  chains: model vs server: %d/%d steps agree, %d/%d down verdicts agree\n", sa, st, va, vt }'
echo "pg_harness: $passed chains passed, $failed failed"
((failed == 0))
