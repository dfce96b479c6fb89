#!/usr/bin/env bash
# The adoption files, run the way their tools run them:
# - action.yml: its steps run by tests/action_runner.py (a composite-action
#   runner) with a fake GITHUB_* environment, on temporary git repositories;
# - .pre-commit-hooks.yaml: `pre-commit try-repo` against a temporary repo
#   (skipped, with a line saying so, when pre-commit is not installed);
# - the CI templates and the Dockerfile: they install miglint with
#   tools/install.sh, the command tools/test.sh runs.
#
#   tests/adoption_test.sh MIGLINT_BINARY
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:?usage: tests/adoption_test.sh MIGLINT_BINARY}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
# shellcheck source=tests/check_lib.sh
. "$ROOT/tests/check_lib.sh"

# miglint on PATH, as an installed one would be.
mkdir -p "$WORK/bin"
ln -s "$BIN" "$WORK/bin/miglint"
export PATH=$WORK/bin:$PATH
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
git_quiet() { git -c user.name=test -c user.email=test@example.invalid -c init.defaultBranch=main "$@" >/dev/null 2>&1; }

repo() {  # NAME MIGRATIONS_DIR -> a git repo with migrations/ and miglint.toml, committed
  local dir=$WORK/$1
  mkdir -p "$dir"
  cp -r "$ROOT/$2" "$dir/migrations"
  cp "$ROOT/examples/miglint.toml" "$dir/miglint.toml"
  git_quiet -C "$dir" init
  git_quiet -C "$dir" add -A
  git_quiet -C "$dir" commit -m base
  echo "$dir"
}

python3 -c 'import yaml' 2>/dev/null || { echo "SKIP: python3-yaml is not installed"; exit 77; }

# --- action.yml -------------------------------------------------------------
run_action() {  # WORKSPACE input=value... -> $report (JSON)
  report=$(python3 "$ROOT/tests/action_runner.py" "$ROOT/action.yml" "$@")
}
field() { python3 -c "import json,sys; r=json.load(sys.stdin); print($1)" <<<"$report"; }

bad=$(repo bad examples/variants/drops_protected_index/migrations)
good=$(repo good examples/migrations)

run_action "$bad" path=migrations format=github
check "action, github format: uses the miglint on PATH" \
  grep -q "using miglint" <<<"$(field 'r["steps"][0]["stdout"]')"
check "action, github format: annotates the protected index" \
  grep -q '^::error file=migrations/.*protected-object' <<<"$(field 'r["steps"][1]["stdout"]')"
check "action, github format: exit-code output 1" test "$(field 'r["outputs"]["exit-code"]')" = 1
check "action, github format: no SARIF upload" test "$(field 'r["steps"][2]["ran"]')" = False
check "action, github format: the job fails" test "$(field 'r["failed"]')" = True
check "action, github format: the last step failed it" test "$(field 'r["steps"][3]["exit"]')" = 1
check "action: job summary written" grep -q "findings at or above warning" <<<"$(field 'r["summary"]')"

run_action "$bad" path=migrations format=sarif
check "action, sarif format: upload step runs after findings" test "$(field 'r["steps"][2]["ran"]')" = True
check "action, sarif format: uploads miglint.sarif" test "$(field 'r["steps"][2]["with"]["sarif_file"]')" = miglint.sarif
check "action, sarif format: a SARIF 2.1.0 file with the finding" python3 -c '
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0"
assert any(r["ruleId"] == "protected-object" for r in log["runs"][0]["results"])' "$bad/miglint.sarif"
check "action, sarif format: the job fails after the upload" test "$(field 'r["failed"]')" = True

run_action "$bad" path=migrations fail-on=never
check "action, fail-on never: the job passes" test "$(field 'r["failed"]')" = False

run_action "$bad" path=migrations since=HEAD
check "action, since HEAD: nothing changed, the job passes" test "$(field 'r["outputs"]["exit-code"]')" = 0

run_action "$good"
check "action, default path and config: a clean folder passes" test "$(field 'r["failed"]')" = False
check "action, default path: exit-code 0" test "$(field 'r["outputs"]["exit-code"]')" = 0

# shellcheck disable=SC2016 # the text must reach the action unexpanded
run_action "$bad" 'path=migrations $(touch INJECTED)' format=github
check "action: an input is never run as a command" test ! -e "$bad/INJECTED"

run_action "$bad" path=migrations config=no-such.toml
check "action: a bad config fails the run step (exit 2)" test "$(field 'r["steps"][1]["exit"]')" = 2

# --- pre-commit -------------------------------------------------------------
if command -v pre-commit >/dev/null 2>&1 && git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  export PRE_COMMIT_HOME=$WORK/pre-commit-home
  hooks_bad=$(repo hooks-bad examples/variants/drops_protected_index/migrations)
  up=$(cd "$hooks_bad" && ls migrations/*drop_runtime_image_pins.up.sql)
  out=$(cd "$hooks_bad" && pre-commit try-repo "$ROOT" miglint-check --files "$up" 2>&1)
  status=$?
  check "pre-commit miglint-check: exits 1 on a finding" test "$status" -eq 1
  check "pre-commit miglint-check: shows the finding" grep -q "protected-object" <<<"$out"
  hooks_good=$(repo hooks-good examples/migrations)
  out=$(cd "$hooks_good" && pre-commit try-repo "$ROOT" miglint-check --all-files 2>&1)
  status=$?
  check "pre-commit miglint-check: a clean folder passes" test "$status" -eq 0
  # miglint.sum is committed; a new migration changes it: the hook rewrites
  # it and fails, like a formatter, until the new file is staged.
  (cd "$hooks_good" && miglint sum migrations >/dev/null) && git_quiet -C "$hooks_good" add -A &&
    git_quiet -C "$hooks_good" commit -m sum
  printf 'ALTER TABLE workspaces ADD COLUMN note text;\n' >"$hooks_good/migrations/20270101000000_add_note.up.sql"
  printf 'ALTER TABLE workspaces DROP COLUMN note;\n' >"$hooks_good/migrations/20270101000000_add_note.down.sql"
  git_quiet -C "$hooks_good" add -A
  out=$(cd "$hooks_good" && pre-commit try-repo "$ROOT" miglint-sum --all-files 2>&1)
  status=$?
  check "pre-commit miglint-sum: rewrites miglint.sum for a new migration and fails" test "$status" -eq 1
  check "pre-commit miglint-sum: the new migration is in miglint.sum" grep -q 20270101000000 "$hooks_good/migrations/miglint.sum"
  git_quiet -C "$hooks_good" add -A
  out=$(cd "$hooks_good" && pre-commit try-repo "$ROOT" miglint-sum --all-files 2>&1)
  status=$?
  check "pre-commit miglint-sum: passes once miglint.sum is current" test "$status" -eq 0
else
  echo "SKIP pre-commit hooks: pre-commit not installed (tools/setup-deps.sh installs it) or no git checkout"
fi

# --- CI templates and the Dockerfile ------------------------------------------
version=$(sed -n 's/^project(miglint VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")
for f in "$ROOT"/docs/integrations/github-*.yml; do
  check "$(basename "$f"): uses this version of the action" grep -q "uses: miglint/miglint@v$version" "$f"
  for input in $(python3 -c '
import sys, yaml
for job in yaml.safe_load(open(sys.argv[1]))["jobs"].values():
    for s in job["steps"]:
        if s.get("uses", "").startswith("miglint/miglint@"): print(" ".join(s.get("with", {})))' "$f"); do
    check "$(basename "$f"): input $input exists in action.yml" \
      python3 -c 'import sys, yaml; assert sys.argv[2] in yaml.safe_load(open(sys.argv[1]))["inputs"]' "$ROOT/action.yml" "$input"
  done
done
check "gitlab-ci.yml: installs with tools/install.sh" grep -q '/tools/install.sh$' "$ROOT/docs/integrations/gitlab-ci.yml"
check "gitlab-ci.yml: clones this version" grep -q "MIGLINT_REF: v$version" "$ROOT/docs/integrations/gitlab-ci.yml"
check "pre-commit.md: pins this version" grep -q "rev: v$version" "$ROOT/docs/integrations/pre-commit.md"
check "Dockerfile: builds with tools/install.sh --package-only" grep -q '^RUN tools/install.sh --package-only' "$ROOT/Dockerfile"
check "tools/test.sh runs the same command" grep -q '^tools/install.sh --package-only' "$ROOT/tools/test.sh"
check "Dockerfile: final stage holds only the binary" test "$(grep -c '^COPY --from=build' "$ROOT/Dockerfile")" -eq 1

finish adoption
