#!/usr/bin/env bash
# Validates miglint's JSON output against its schema (docs/json/miglint.schema.json):
# the golden JSON of the output suite, and `check --format json` and
# `audit --format json` (default rules and --select all) over every folder
# under testdata/ and examples/, and over every shared corpus folder present.
# Fails on any document the schema refuses.
#
#   tests/json_schema_test.sh [MIGLINT_BINARY]
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-${MIGLINT_BINARY:-$ROOT/build/miglint}}
CORPUS=${MIGLINT_CORPUS:-/work/shared/corpus}
SCHEMA=$ROOT/docs/json/miglint.schema.json
[[ -x "$BIN" ]] || { echo "miglint binary not found: $BIN" >&2; exit 1; }
python3 -c 'import jsonschema' 2>/dev/null || { echo "python3-jsonschema is missing (tools/setup-deps.sh installs it)" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
n=0
run() {  # NAME ARGS...: one JSON document into $WORK
  local name=$1
  shift
  n=$((n + 1))
  "$BIN" "$@" --fail-on never >"$WORK/$(printf '%04d' "$n")-$name.json" 2>"$WORK/$n.err"
  local rc=$?
  if ((rc != 0)); then echo "FAIL $name: exit $rc"; cat "$WORK/$n.err"; exit 1; fi
}

cd "$ROOT" || exit 1
cp testdata/output/json.golden "$WORK/0000-golden.json"
folders=(examples/migrations)
while IFS= read -r d; do folders+=("$d"); done < <(find testdata/migrations testdata/chains testdata/output -mindepth 1 -maxdepth 1 -type d | sort)
for d in "$CORPUS"/*/migrations; do [[ -d "$d" ]] && folders+=("$d"); done
for d in "${folders[@]}"; do
  name=$(echo "$d" | tr '/' '_')
  run "check-$name" check --format json "$d"
  run "check-all-$name" check --format json --select all "$d"
  run "audit-$name" audit --format json "$d"
done

python3 - "$SCHEMA" "$WORK" <<'PY'
import json, pathlib, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
files = sorted(pathlib.Path(sys.argv[2]).glob("*.json"))
bad = 0
for f in files:
    errors = list(validator.iter_errors(json.load(open(f))))
    for e in errors[:5]:
        print(f"FAIL {f.name}: {'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
    bad += bool(errors)
# The schema refuses what it does not describe.
sample = json.load(open(files[0]))
sample["undocumented"] = 1
if validator.is_valid(sample):
    print("FAIL: the schema accepts an undocumented top-level field")
    bad += 1
print(f"{len(files) - bad} of {len(files)} JSON documents match {pathlib.Path(sys.argv[1]).name}")
sys.exit(1 if bad or not files else 0)
PY
