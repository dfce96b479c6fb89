#!/usr/bin/env bash
# ShellCheck over every shell script of the project (exit 77, a CTest skip,
# when shellcheck is not installed).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v shellcheck >/dev/null 2>&1; then
  echo "SKIP: shellcheck not installed (tools/setup-deps.sh installs it)"
  exit 77
fi
cd "$ROOT"
mapfile -t scripts < <(grep -rlE '^#!(/usr/bin/env bash|/bin/bash|/bin/sh)' .ci tools tests action.yml 2>/dev/null | sort)
shellcheck -x "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts clean"
