# shellcheck shell=bash
# Shared by the shell tests: a temporary folder ($WORK, removed on exit) and
# named checks that count failures; `finish NAME` reports and sets the exit.
# Source it: . "$(dirname "$0")/check_lib.sh"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
ok() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }
quiet() { "$@" >/dev/null 2>&1; }
finish() {
  if ((failures > 0)); then echo "$1: $failures check(s) failed"; exit 1; fi
  echo "$1: all checks passed"
}
