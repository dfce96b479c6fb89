#!/usr/bin/env bash
# `miglint verify` end to end on a real PostgreSQL 15, each case a small
# folder written here:
#
#   - a down that forgets a CHECK: differs, down-not-inverse with the diff;
#   - a down that fails, and an up that fails (later migrations not run);
#   - ACCESS EXCLUSIVE observed on a table that existed before the migration;
#   - a statement that hangs, cancelled by --statement-timeout;
#   - Ctrl-C while a statement runs: exit 130, no server and no temporary
#     directory left behind;
#   - --database-url with a password (a server started by tools/pg-server):
#     the password appears nowhere in the output, the scratch databases are
#     dropped, a database that holds objects is refused unless
#     --allow-non-empty;
#   - every output format, and the exit codes.
#
#   tests/verify_test.sh MIGLINT_BINARY
#
# Exit 77 (CTest SKIP) when PostgreSQL 15 is not installed.
# ok() never fails, so `A && ok … || fail …` is an if-then-else here.
# shellcheck disable=SC2015
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MIGLINT=${1:?usage: verify_test.sh MIGLINT_BINARY}
MIGLINT=$(cd "$(dirname "$MIGLINT")" && pwd)/$(basename "$MIGLINT")  # some cases run in another directory
PGBIN=${MIGLINT_PG_BIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x "$PGBIN/initdb" || ! -x "$PGBIN/postgres" || ! -x "$PGBIN/pg_dump" ]]; then
  echo "SKIP: PostgreSQL server binaries not found in $PGBIN"
  exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }

. "$ROOT/tests/pg_lib.sh"
pg_start "$ROOT" verify
W=$PG_OUT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# TMPDIR for the servers verify starts: checked empty after each run.
export TMPDIR=$W/tmp
mkdir -p "$TMPDIR"
chmod 711 "$W"
chmod 1777 "$TMPDIR"

mig() {  # DIR VERSION_NAME UP [DOWN]
  mkdir -p "$1"
  printf '%s\n' "$3" >"$1/$2.up.sql"
  [[ $# -ge 4 ]] && printf '%s\n' "$4" >"$1/$2.down.sql"
  return 0
}
verify() {  # OUT_PREFIX ARGS...: runs verify; OUT_PREFIX.out / .err / .rc
  local p=$1
  shift
  "$MIGLINT" verify --pg-bin "$PGBIN" --color never "$@" >"$p.out" 2>"$p.err"
  echo $? >"$p.rc"
}
jq_py() {  # FILE EXPR: prints a Python expression over the JSON document d
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}
no_leftovers() {  # WHAT
  if [[ -n "$(ls -A "$TMPDIR")" ]]; then
    fail "$1: left behind in TMPDIR: $(ls -A "$TMPDIR")"
  fi
  if pgrep -f "$TMPDIR/miglint-verify" >/dev/null; then
    fail "$1: a server of this run is still running"
    pkill -KILL -f "$TMPDIR/miglint-verify" || true
  fi
}

# --- the round trip: a forgotten CHECK, a failing down, a failing up, a lock
F=$W/folder
mig "$F" 20240101000000_users \
  "CREATE TABLE users (id bigint PRIMARY KEY, age int CHECK (age >= 0), email text NOT NULL DEFAULT '');" \
  "DROP TABLE users;"
mig "$F" 20240102000000_drop_users "DROP TABLE users;" \
  "CREATE TABLE users (id bigint PRIMARY KEY, age int, email text NOT NULL DEFAULT '');"
mig "$F" 20240103000000_accounts \
  "CREATE TABLE accounts (id bigint PRIMARY KEY, name text);" \
  "DROP TABLE accounts;"
mig "$F" 20240104000000_accounts_plan "ALTER TABLE accounts ADD COLUMN plan text;" \
  "ALTER TABLE accounts DROP COLUMN plan;"
mig "$F" 20240105000000_bad_down "CREATE TABLE t5 (id int);" "DROP TABLE t5_typo;"
mig "$F" 20240106000000_bad_up "SELECT 1 / 0;" "SELECT 1;"
mig "$F" 20240107000000_never "CREATE TABLE never (id int);" "DROP TABLE never;"

verify "$W/r" "$F" --format json
rc=$(cat "$W/r.rc")
if [[ $rc != 1 ]]; then
  fail "round trip: exit $rc, want 1"
  cat "$W/r.err"
fi
verdicts=$(jq_py "$W/r.out" "' '.join(m['id'].split('_',1)[1] + '=' + m['real'] for m in d['verify']['migrations'])")
want="users=identical drop_users=differs accounts=identical accounts_plan=identical bad_down=down_failed bad_up=up_failed never=not_run"
[[ $verdicts == "$want" ]] && ok "round-trip verdicts" || fail "round-trip verdicts: $verdicts (want $want)"
diff_text=$(jq_py "$W/r.out" "[m for m in d['verify']['migrations'] if m['id'].endswith('drop_users')][0]['diff']")
if grep -q -- "-    CONSTRAINT users_age_check CHECK ((age >= 0))" <<<"$diff_text"; then ok "the diff shows the forgotten CHECK"; else
  fail "the diff does not show the forgotten CHECK: $diff_text"
fi
rules=$(jq_py "$W/r.out" "' '.join(sorted(set(x['rule'] + '@' + x['path'].rsplit('/',1)[1] for x in d['diagnostics'])))")
for want in "down-not-inverse@20240102000000_drop_users.down.sql" "unknown-object@20240105000000_bad_down.down.sql" \
  "migration-fails@20240106000000_bad_up.up.sql"; do
  grep -q -- "$want" <<<"$rules" && ok "finding $want" || fail "no finding $want in: $rules"
done
msg=$(jq_py "$W/r.out" "[x['message'] for x in d['diagnostics'] if x['rule'] == 'migration-fails'][0]")
grep -q 'division by zero (SQLSTATE 22012)' <<<"$msg" && ok "the server's error is in the finding" ||
  fail "migration-fails message: $msg"
# The lock: ALTER TABLE accounts (created by an earlier migration) takes ACCESS EXCLUSIVE.
lock=$(jq_py "$W/r.out" "[l for m in d['verify']['migrations'] if m['id'].endswith('accounts_plan') for s in m['statements'] for l in s['locks']]")
grep -q "'relation': 'public.accounts', 'mode': 'AccessExclusiveLock', 'existed_before': True" <<<"$lock" &&
  ok "ACCESS EXCLUSIVE observed on public.accounts" || fail "locks of accounts_plan: $lock"
# ... and not on a table the same migration creates.
lock=$(jq_py "$W/r.out" "[l for m in d['verify']['migrations'] if m['id'].endswith('_accounts') for s in m['statements'] for l in s['locks'] if l['existed_before']]")
[[ $lock == "[]" ]] && ok "no lock reported on a table created by the migration" || fail "locks of accounts: $lock"
obs=$(jq_py "$W/r.out" "[x['rule'] for x in d['diagnostics'] if 'accounts_plan' in x['path'] and x['message'].startswith('observed: takes an ACCESS EXCLUSIVE lock on public.accounts')]")
[[ $obs != "[]" ]] && ok "observed lock finding ($obs)" || fail "no observed lock finding on accounts_plan"
"$(command -v python3)" - "$ROOT/docs/json/miglint.schema.json" "$W/r.out" <<'PY' && ok "the JSON report is valid against docs/json/miglint.schema.json" || fail "the JSON report does not match the schema"
import json, sys
try:
    import jsonschema
except ImportError:
    sys.exit(0)  # python3-jsonschema: the json_schema test says when it is missing
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
stat=$(jq_py "$W/r.out" "[m['static'] for m in d['verify']['migrations'] if m['id'].endswith('bad_down')][0]")
[[ $stat == down_failed ]] && ok "the static verdict is carried beside the real one" || fail "static verdict: $stat"
no_leftovers "round trip"

# --- every format, and --fail-on
for f in human sarif github gitlab junit; do
  verify "$W/f_$f" "$F" --format "$f"
  [[ $(cat "$W/f_$f.rc") == 1 ]] || fail "--format $f: exit $(cat "$W/f_$f.rc")"
done
grep -q 'round trip' "$W/f_human.out" && grep -q 'differs' "$W/f_human.out" && grep -q -- '-    CONSTRAINT users_age_check' "$W/f_human.out" &&
  ok "human: table and diff" || fail "human output lacks the table or the diff"
jq_py "$W/f_sarif.out" "d['runs'][0]['results'][0]['ruleId']" >/dev/null && ok "sarif parses" || fail "sarif"
grep -q '^::error file=.*20240105000000_bad_down.down.sql' "$W/f_github.out" && ok "github annotations" || fail "github"
jq_py "$W/f_gitlab.out" "len(d)" >/dev/null && ok "gitlab parses" || fail "gitlab"
python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$W/f_junit.out" && ok "junit parses" || fail "junit"
G=$W/good
mig "$G" 20240101000000_a "CREATE TABLE a (id int);" "DROP TABLE a;"
# COPY … FROM stdin: the data lines that follow are sent, as psql does.
mig "$G" 20240102000000_colors "CREATE TABLE colors (id int, name text);
COPY colors (id, name) FROM stdin;
1	red
2	green
\.
DO \$\$ BEGIN IF (SELECT count(*) FROM colors) <> 2 THEN RAISE EXCEPTION 'COPY data lost'; END IF; END \$\$;" \
  "DROP TABLE colors;"
verify "$W/g" "$G"
[[ $(cat "$W/g.rc") == 0 ]] && ok "a folder whose downs restore exits 0" || fail "good folder: exit $(cat "$W/g.rc"): $(cat "$W/g.err")"
(cd "$G" && "$MIGLINT" verify . --pg-bin "$PGBIN" >"$W/dot.out" 2>"$W/dot.err")
rc=$?
[[ $rc == 0 ]] && grep -q '20240102000000_colors  identical' "$W/dot.out" && ok "the folder given as ." ||
  fail "verify .: exit $rc: $(cat "$W/dot.err" "$W/dot.out")"
verify "$W/n" "$F" --fail-on never
[[ $(cat "$W/n.rc") == 0 ]] && ok "--fail-on never exits 0" || fail "--fail-on never: exit $(cat "$W/n.rc")"
verify "$W/ft" "$F" --from 20240103000000 --to 20240104000000 --format json
ids=$(jq_py "$W/ft.out" "' '.join(m['real'] for m in d['verify']['migrations'])")
[[ $ids == "identical identical" ]] && ok "--from/--to verify the range only" || fail "--from/--to: $ids"

# --- a hanging statement
H=$W/hang
mig "$H" 20240101000000_slow "SELECT pg_sleep(30);" "SELECT 1;"
start=$(date +%s)
verify "$W/h" "$H" --statement-timeout 1 --format json
took=$(($(date +%s) - start))
msg=$(jq_py "$W/h.out" "[x['message'] for x in d['diagnostics']]")
if [[ $(cat "$W/h.rc") == 1 && $took -lt 20 && $msg == *"did not finish within the statement timeout"* ]]; then
  ok "a hanging statement is cancelled by --statement-timeout (${took}s)"
else
  fail "hanging statement: exit $(cat "$W/h.rc"), ${took}s, $msg"
fi
no_leftovers "timeout"

# --- Ctrl-C while a statement runs
S=$W/sleep
mig "$S" 20240101000000_slow "SELECT pg_sleep(60);" "SELECT 1;"
"$MIGLINT" verify --pg-bin "$PGBIN" "$S" >"$W/c.out" 2>"$W/c.err" &
pid=$!
for _ in $(seq 1 100); do
  pgrep -f "$TMPDIR/miglint-verify.*postgres|postgres.*$TMPDIR/miglint-verify" >/dev/null && break
  sleep 0.1
done
sleep 1.5  # connected, inside pg_sleep
kill -INT "$pid"
wait "$pid"
rc=$?
[[ $rc == 130 ]] && ok "Ctrl-C exits 130" || fail "Ctrl-C: exit $rc ($(cat "$W/c.err"))"
no_leftovers "Ctrl-C"

# --- the server dies mid-run: exit 2, what was proven so far is reported
D=$W/dies
mig "$D" 20240101000000_a "CREATE TABLE a (id int);" "DROP TABLE a;"
mig "$D" 20240102000000_slow "SELECT pg_sleep(30);" "SELECT 1;"
"$MIGLINT" verify --pg-bin "$PGBIN" "$D" --format json >"$W/d.out" 2>"$W/d.err" &
pid=$!
for _ in $(seq 1 100); do
  pgrep -f "postgres -D $TMPDIR/miglint-verify" >/dev/null && break
  sleep 0.1
done
sleep 5  # the first migration's round trip is done; the second's up sleeps
pkill -QUIT -f "postgres -D $TMPDIR/miglint-verify" || fail "no server to stop"
wait "$pid"
rc=$?
done_=$(jq_py "$W/d.out" "(d['verify']['complete'], [m['real'] for m in d['verify']['migrations']])" 2>/dev/null)
if [[ $rc == 2 && $done_ == "(False, ['identical', 'not_run'])" ]] && grep -q 'verify stopped' "$W/d.err"; then
  ok "a server lost mid-run: exit 2, one error, the first migration's verdict kept"
else
  fail "server lost: exit $rc, $done_, $(cat "$W/d.err")"
fi
no_leftovers "server lost"

# --- a --from or --to that is no version is a usage error, not the whole folder
"$MIGLINT" verify --from not-a-version "$F" >"$W/v.out" 2>"$W/v.err"
rc=$?
[[ $rc == 2 ]] && grep -q 'not a migration version' "$W/v.err" && ok "--from that is no version: exit 2" ||
  fail "--from not-a-version: exit $rc: $(cat "$W/v.err")"

# --- --database-url with a password
SECRET=s3cr3t-Passw0rd
URL="postgresql://${PGUSER}:${SECRET}@/postgres?host=${PGHOST}&port=${PGPORT}"
"$MIGLINT" verify --color never --database-url "$URL" "$F" >"$W/u.out" 2>"$W/u.err"
rc=$?
[[ $rc == 1 ]] && ok "--database-url runs (exit 1 for the folder's findings)" || fail "--database-url: exit $rc: $(cat "$W/u.err")"
grep -q 'differs' "$W/u.out" && ok "--database-url: verdicts" || fail "--database-url: no verdict table"
left=$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_database WHERE datname LIKE 'miglint_verify_%'")
[[ $left == 0 ]] && ok "scratch databases dropped" || fail "$left scratch databases left"
"$MIGLINT" verify --database-url "postgresql://u:${SECRET}@/nodb?host=$W/nonexistent" "$F" >"$W/u2.out" 2>"$W/u2.err"
rc=$?
[[ $rc == 2 ]] && ok "unreachable server: exit 2" || fail "unreachable server: exit $rc"
"$MIGLINT" verify --database-url "postgresql://u:${SECRET}@/nodb?host=$W/nonexistent" --format json "$F" >>"$W/u2.out" 2>>"$W/u2.err"
if grep -q -- "$SECRET" "$W/u.out" "$W/u.err" "$W/u2.out" "$W/u2.err"; then fail "the password was printed"; else
  ok "the password appears nowhere in the output"
fi
psql -X -q -d postgres -c "CREATE TABLE in_use (id int)"
"$MIGLINT" verify --database-url "$URL" "$G" >"$W/e.out" 2>"$W/e.err"
rc=$?
[[ $rc == 2 ]] && grep -q 'not empty' "$W/e.err" && ok "a database in use is refused" || fail "non-empty: exit $rc: $(cat "$W/e.err")"
"$MIGLINT" verify --database-url "$URL" --allow-non-empty "$G" >"$W/e2.out" 2>"$W/e2.err"
rc=$?
[[ $rc == 0 ]] && ok "--allow-non-empty goes on" || fail "--allow-non-empty: exit $rc: $(cat "$W/e2.err")"
still=$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_class WHERE relname = 'in_use'")
[[ $still == 1 ]] && ok "the named database is untouched" || fail "the named database changed"

if ((failures > 0)); then
  echo "verify: $failures failure(s)"
  exit 1
fi
echo "verify: all cases pass"
