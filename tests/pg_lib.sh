# shellcheck shell=bash
# Shared by the tests that need a real PostgreSQL: a throwaway server
# (tools/pg-server) whose libpq environment is exported, and an output
# folder; both go on exit, the folder unless MIGLINT_PG_KEEP_OUT names it.
#
#   . "$(dirname "$0")/pg_lib.sh"
#   pg_start ROOT NAME    # sets PG_OUT ($MIGLINT_PG_KEEP_OUT or a new temp dir)
PG_DIR=""
PG_OUT=""
PG_ROOT=""
pg_cleanup() {
  [[ -n "$PG_DIR" ]] && { "$PG_ROOT/tools/pg-server" stop "$PG_DIR" || true; }
  [[ -n "$PG_OUT" && -z "${MIGLINT_PG_KEEP_OUT:-}" ]] && rm -rf "$PG_OUT"
  return 0
}
pg_start() {
  PG_ROOT=$1
  PG_OUT=${MIGLINT_PG_KEEP_OUT:-}
  [[ -n "$PG_OUT" ]] || PG_OUT=$(mktemp -d "${TMPDIR:-/tmp}/miglint-$2.XXXXXX")
  mkdir -p "$PG_OUT"
  trap pg_cleanup EXIT
  trap 'exit 130' INT TERM
  local env_lines
  if ! env_lines=$("$PG_ROOT/tools/pg-server" start); then
    echo "FAIL: could not start PostgreSQL (tools/pg-server start)"
    exit 1
  fi
  eval "$env_lines"
  PG_DIR=$MIGLINT_PG_DIR
}
