#!/usr/bin/env bash
# tools/corpus-agreement on a hand-made corpus and miglint JSON (no server needed).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOL="$ROOT/tools/corpus-agreement"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/miglint-agreement-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
C="$WORK/corpus"
mkdir -p "$C/migrations"
for v in 1_a 2_b 3_c 4_d 5_e 6_f 7_g; do
  : >"$C/migrations/$v.up.sql"
  : >"$C/migrations/$v.down.sql"
done
T=$'\t'
{
  echo "migration_id${T}up_path${T}down_path${T}verdict${T}diff_kind${T}summary${T}detail_file"
  echo "1_a${T}migrations/1_a.up.sql${T}migrations/1_a.down.sql${T}identical${T}${T}${T}"
  echo "2_b${T}migrations/2_b.up.sql${T}migrations/2_b.down.sql${T}identical${T}${T}${T}"
  echo "3_c${T}migrations/3_c.up.sql${T}migrations/3_c.down.sql${T}differs${T}lost${T}lost: TABLE public.c${T}truth/3_c.diff"
  echo "4_d${T}migrations/4_d.up.sql${T}migrations/4_d.down.sql${T}differs${T}extra${T}extra: INDEX public.d_idx${T}truth/4_d.diff"
  echo "5_e${T}migrations/5_e.up.sql${T}migrations/5_e.down.sql${T}down_failed${T}${T}\"ERROR:  table \"\"e\"\" does not exist\"${T}truth/5_e.down.err"
  echo "6_f${T}migrations/6_f.up.sql${T}migrations/6_f.down.sql${T}down_failed${T}${T}\"ERROR:  syntax error at or near \"\"x\"\"\"${T}truth/6_f.down.err"
  echo "7_g${T}migrations/7_g.up.sql${T}migrations/7_g.down.sql${T}identical${T}${T}${T}"
} >"$C/truth.tsv"

# Paths as miglint prints them: relative to its working directory ($WORK),
# absolute, and one diesel-style relative path from another directory.
cat >"$WORK/out.json" <<EOF
{"version": 1, "diagnostics": [
  {"rule": "down-not-inverse", "severity": "error", "path": "corpus/migrations/2_b.down.sql", "line": 1, "column": 1,
   "message": "down does not restore table b: column x differs"},
  {"rule": "down-not-inverse", "severity": "error", "path": "$C/migrations/3_c.down.sql", "line": 1, "column": 1,
   "message": "down does not restore table c: missing"},
  {"rule": "ban-drop-table", "severity": "warning", "path": "./corpus/migrations/4_d.down.sql", "line": 1, "column": 1,
   "message": "dropping table d"},
  {"rule": "unknown-object", "severity": "error", "path": "corpus/../corpus/migrations/5_e.down.sql", "line": 1, "column": 1,
   "message": "table e does not exist"},
  {"rule": "down-not-inverse", "severity": "error", "path": "corpus/migrations/1_a.up.sql", "line": 1, "column": 1,
   "message": "on the up file: never counted"}
], "summary": {"files": 14, "migrations": 7, "errors": 3, "warnings": 1, "infos": 0}}
EOF

fail=0
expect() {
  if ! grep -qF -- "$1" <<<"$OUT"; then
    echo "FAIL: expected line containing: $1"
    fail=1
  fi
}

OUT=$(cd "$WORK" && "$TOOL" corpus out.json --list)
echo "$OUT"
expect "corpus corpus: 7 migrations (truth: differs 2, down_failed 2, identical 3); miglint: 5 diagnostics"
expect "down-not-inverse on pairs where both files apply (identical/differs): 5"
expect "  agree            3  (60.0%)"
expect "  false alarms     1  (33.3% of 3 identical)"
expect "  missed           1  (50.0% of 2 differs)"
expect "  agreement 60.0%, false-alarm 33.3%"
expect "down_failed: 2; 1 (50.0%) got syntax-error/unknown-object/duplicate-object/dependent-objects on the down file"
expect '  not flagged: 6_f: ERROR:  syntax error at or near "x"'
expect "  false alarm 2_b  truth=identical  -"
expect "      miglint: [down-not-inverse] down does not restore table b: column x differs"
expect "  missed      4_d  truth=differs  extra: INDEX public.d_idx"
expect "      miglint: [ban-drop-table] dropping table d"
expect "(1 diagnostics on files that are not a truth down/up file)"

# --cwd: the same JSON read from another directory
OUT=$(cd / && "$TOOL" "$C" "$WORK/out.json" --cwd "$WORK")
expect "  agreement 60.0%, false-alarm 33.3%"

# stdin, and --min-agreement sets the exit code
if (cd "$WORK" && "$TOOL" corpus - --min-agreement 90 <out.json >/dev/null); then
  echo "FAIL: --min-agreement 90 should fail at 60%"
  fail=1
fi
(cd "$WORK" && "$TOOL" corpus - --min-agreement 50 <out.json >/dev/null) || {
  echo "FAIL: --min-agreement 50 should pass at 60%"
  fail=1
}

# bad JSON is a usage error (2)
echo '{"nope": 1}' >"$WORK/bad.json"
set +e
(cd "$WORK" && "$TOOL" corpus bad.json >/dev/null 2>&1)
rc=$?
set -e
[[ $rc -eq 2 ]] || { echo "FAIL: bad JSON gave exit $rc, want 2"; fail=1; }

if ((fail)); then
  exit 1
fi
echo "PASS: corpus-agreement"
