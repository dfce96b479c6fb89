#!/usr/bin/env bash
# `miglint schema` prints a script PostgreSQL accepts, and that script makes
# the schema the migrations make. For every chain folder under
# testdata/chains/ and every folder of $MIGLINT_CORPUS (default
# /work/shared/corpus) that is present:
#
#   1. the ups are applied in order on a real PostgreSQL 15 (tools/pg-chain
#      --ups-only) and the schema dumped (pg_dump --schema-only, normalised);
#   2. `miglint schema` output loads into an empty database with
#      ON_ERROR_STOP (a sequence owned by a column after its table, functions
#      before the defaults that call them, foreign keys once every table
#      exists, indexes of materialized views after the views);
#   3. that database dumps as the replayed folder does.
#
# testdata/schema_dump_differs.txt lists the folders whose dumps are known to
# differ, with the reason; a listed folder that comes out identical fails
# too (take it off the list).
#
#   tests/schema_loads_test.sh MIGLINT_BINARY
#
# Set MIGLINT_PG_KEEP_OUT=DIR to keep the scripts, dumps and diffs.
# Exit 77 (CTest SKIP) when PostgreSQL 15 or python3 is not installed.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MIGLINT=${1:?usage: schema_loads_test.sh MIGLINT_BINARY}
PGBIN=${MIGLINT_PG_BIN:-/usr/lib/postgresql/15/bin}
CORPUS=${MIGLINT_CORPUS:-/work/shared/corpus}
KNOWN=$ROOT/testdata/schema_dump_differs.txt

if [[ ! -x "$PGBIN/initdb" || ! -x "$PGBIN/psql" ]]; then
  echo "SKIP: PostgreSQL server binaries not found in $PGBIN"
  exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
export PATH="$PGBIN:$PATH"

# label<TAB>folder
folders=()
for d in "$ROOT"/testdata/chains/*/; do
  # Chains of newer syntax need a newer server.
  grep -qsE '^pg_version *= *1[6-9]' "$d/miglint.toml" "$d/migrations/miglint.toml" && continue
  label=$(basename "$d")
  if [[ -d "$d/migrations" ]]; then folders+=("$label	${d}migrations"); else folders+=("$label	${d%/}"); fi
done
for d in "$CORPUS"/*/migrations; do
  [[ -d "$d" ]] && folders+=("corpus:$(basename "$(dirname "$d")")	$d")
done

# shellcheck source=tests/pg_lib.sh
. "$ROOT/tests/pg_lib.sh"
pg_start "$ROOT" schema-loads
OUT=$PG_OUT

normalise() {
  python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import pgchain_lib as l; sys.stdout.write(l.normalise_dump(sys.stdin.read()))' "$ROOT/tools"
}
known_reason() {
  awk -v c="$1" '$1 == c { $1 = ""; print substr($0, 2) }' "$KNOWN"
}

failed=0 loaded=0 same=0 compared=0 n=0
seen=()
for entry in "${folders[@]}"; do
  label=${entry%%	*}
  folder=${entry#*	}
  n=$((n + 1))
  dir="$OUT/$n-${label//[^a-zA-Z0-9_.-]/_}"
  mkdir -p "$dir"
  db="schema_$n"
  # A folder the model cannot replay to the end has nothing to check here.
  if ! "$MIGLINT" schema "$folder" >"$dir/schema.sql" 2>"$dir/schema.err"; then
    echo "skip: $label (miglint schema: $(head -1 "$dir/schema.err"))"
    continue
  fi
  createdb "$db" || { echo "FAIL: createdb $db"; exit 1; }
  if ! psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$dir/schema.sql" >"$dir/load.log" 2>&1; then
    echo "FAIL: $label: miglint schema does not load: $(grep -m1 ERROR "$dir/load.log")"
    failed=$((failed + 1))
    dropdb "$db" || true
    continue
  fi
  loaded=$((loaded + 1))
  pg_dump --schema-only --no-owner --no-privileges -d "$db" | normalise >"$dir/schema.dump.sql"
  dropdb "$db" || true
  # The folder itself, replayed: a folder whose ups the server refuses has no
  # schema to compare with.
  if ! "$ROOT/tools/pg-chain" --ups-only "$folder" "$dir/replayed" 2>"$dir/replay.log"; then
    echo "ok: $label loads (not compared: $(tail -1 "$dir/replay.log"))"
    continue
  fi
  compared=$((compared + 1))
  seen+=("$label")
  reason=$(known_reason "$label")
  if diff -u "$dir/replayed/final.sql" "$dir/schema.dump.sql" >"$dir/schema.diff"; then
    same=$((same + 1))
    if [[ -n "$reason" ]]; then
      echo "FAIL: $label: miglint schema now dumps as the replayed folder: take it off $KNOWN"
      failed=$((failed + 1))
    else
      echo "ok: $label loads and dumps as the replayed folder"
    fi
  elif [[ -n "$reason" ]]; then
    echo "known: $label loads; its dump differs from the replayed folder's ($reason)"
  else
    echo "FAIL: $label: miglint schema, loaded and dumped, differs from the replayed folder:"
    head -40 "$dir/schema.diff"
    failed=$((failed + 1))
  fi
done
# A listed chain must still be there (corpus folders may be absent).
while read -r label _; do
  [[ -z "$label" || "$label" == \#* || "$label" == corpus:* ]] && continue
  if [[ ! " ${seen[*]} " == *" $label "* ]]; then
    echo "FAIL: $KNOWN lists $label, which was not compared"
    failed=$((failed + 1))
  fi
done <"$KNOWN"
echo "schema_loads: $loaded of $n folders' schema loaded; $same of $compared dump as the replayed folder"
((failed == 0))
