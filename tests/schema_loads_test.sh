#!/usr/bin/env bash
# `miglint schema` prints a script PostgreSQL accepts: for every chain folder
# under testdata/chains/ and every folder of $MIGLINT_CORPUS (default
# /work/shared/corpus) that is present, the output loads into an empty
# database of a real PostgreSQL 15 with ON_ERROR_STOP (a sequence owned by a
# column after its table, functions before the defaults that call them,
# foreign keys once every table exists, indexes of materialized views after
# the views).
#
#   tests/schema_loads_test.sh MIGLINT_BINARY
#
# Exit 77 (CTest SKIP) when PostgreSQL 15 is not installed.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MIGLINT=${1:?usage: schema_loads_test.sh MIGLINT_BINARY}
PGBIN=${MIGLINT_PG_BIN:-/usr/lib/postgresql/15/bin}
CORPUS=${MIGLINT_CORPUS:-/work/shared/corpus}

if [[ ! -x "$PGBIN/initdb" || ! -x "$PGBIN/psql" ]]; then
  echo "SKIP: PostgreSQL server binaries not found in $PGBIN"
  exit 77
fi
export PATH="$PGBIN:$PATH"

folders=()
for d in "$ROOT"/testdata/chains/*/; do
  # Chains of newer syntax need a newer server.
  grep -qsE '^pg_version *= *1[6-9]' "$d/miglint.toml" "$d/migrations/miglint.toml" && continue
  if [[ -d "$d/migrations" ]]; then folders+=("${d}migrations"); else folders+=("${d%/}"); fi
done
for d in "$CORPUS"/*/migrations; do
  [[ -d "$d" ]] && folders+=("$d")
done

PG_DIR=""
OUT=$(mktemp -d "${TMPDIR:-/tmp}/miglint-schema-loads.XXXXXX")
cleanup() {
  [[ -n "$PG_DIR" ]] && { "$ROOT/tools/pg-server" stop "$PG_DIR" || true; }
  rm -rf "$OUT"
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
n=0
for folder in "${folders[@]}"; do
  n=$((n + 1))
  db="schema_$n"
  # A folder the model cannot replay to the end has nothing to check here.
  if ! "$MIGLINT" schema "$folder" >"$OUT/$n.sql" 2>"$OUT/$n.err"; then
    echo "skip: $folder (miglint schema: $(head -1 "$OUT/$n.err"))"
    continue
  fi
  createdb "$db" || { echo "FAIL: createdb $db"; exit 1; }
  if psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$OUT/$n.sql" >"$OUT/$n.log" 2>&1; then
    echo "ok: $folder"
  else
    echo "FAIL: $folder: $(grep -m1 ERROR "$OUT/$n.log")"
    failed=$((failed + 1))
  fi
  dropdb "$db" || true
done
echo "$((n - failed)) of $n folders' schema loaded"
((failed == 0))
