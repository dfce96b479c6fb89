#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), one per argument:
#
#   tools/action.sh install   # miglint from PATH, else built from this source
#   tools/action.sh check     # run it; exit code and SARIF path to $GITHUB_OUTPUT
#   tools/action.sh verdict   # fail the job when miglint found something
#
# Inputs come as MIGLINT_* environment variables (action.yml maps them), never
# spliced into the script, so a ref or path cannot inject commands.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

output() { if [[ -n "${GITHUB_OUTPUT:-}" ]]; then echo "$1" >>"$GITHUB_OUTPUT"; fi; }

case ${1:-} in
  install)
    if [[ "${MIGLINT_INSTALL:-auto}" != always ]] && command -v miglint >/dev/null 2>&1; then
      echo "miglint: using $(miglint --version) from $(command -v miglint)"
      exit 0
    fi
    prefix=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/miglint
    "$root/tools/install.sh" --prefix "$prefix"
    if [[ -n "${GITHUB_PATH:-}" ]]; then echo "$prefix/bin" >>"$GITHUB_PATH"; fi
    ;;
  check)
    args=(check --fail-on "${MIGLINT_FAIL_ON:-warning}")
    if [[ -n "${MIGLINT_CONFIG:-}" ]]; then args+=(--config "$MIGLINT_CONFIG"); fi
    if [[ -n "${MIGLINT_SINCE:-}" ]]; then args+=(--since "$MIGLINT_SINCE"); fi
    format=${MIGLINT_FORMAT:-github}
    case $format in
      github | sarif) args+=(--format "$format") ;;
      *) echo "::error title=miglint::format must be github or sarif, not '$format'"; exit 2 ;;
    esac
    read -r -a paths <<<"${MIGLINT_PATH:-}"
    set +e
    if [[ $format == sarif ]]; then
      sarif=${MIGLINT_SARIF_FILE:-miglint.sarif}
      miglint "${args[@]}" "${paths[@]}" >"$sarif"
      code=$?
      output "sarif-file=$sarif"
    else
      miglint "${args[@]}" "${paths[@]}"
      code=$?
    fi
    set -e
    output "exit-code=$code"
    if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
      case $code in
        0) echo "miglint: no finding at or above ${MIGLINT_FAIL_ON:-warning}" ;;
        1) echo "miglint: findings at or above ${MIGLINT_FAIL_ON:-warning} (see the annotations or code scanning)" ;;
        *) echo "miglint: could not analyse (exit $code): see the step's log" ;;
      esac >>"$GITHUB_STEP_SUMMARY"
    fi
    # A usage or I/O error fails here; findings fail in `verdict`, after the
    # SARIF upload.
    if ((code >= 2)); then exit "$code"; fi
    ;;
  verdict)
    code=${MIGLINT_EXIT_CODE:-}
    if [[ -z "$code" ]]; then echo "::error title=miglint::miglint did not run"; exit 2; fi
    if ((code != 0)); then
      echo "::error title=miglint::findings at or above ${MIGLINT_FAIL_ON:-warning}"
      exit "$code"
    fi
    ;;
  *)
    echo "usage: tools/action.sh install|check|verdict" >&2
    exit 2
    ;;
esac
