#!/usr/bin/env bash
# Validates miglint's SARIF with Microsoft's SARIF validator (sarif-multitool,
# npm @microsoft/sarif-multitool): the output for the shared golden set's
# fixture folder and for every corpus folder under /work/shared/corpus.
# Fails on any validator error; exit 77 (CTest SKIP) when the validator is absent.
#
#   tests/sarif_validate_test.sh [MIGLINT_BINARY [MIGLINT_TESTS_BINARY]]
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-${MIGLINT_BINARY:-$ROOT/build/miglint}}
TESTS=${2:-$(dirname "$BIN")/tests/miglint_tests}
CORPUS=${MIGLINT_CORPUS:-/work/shared/corpus}

VALIDATOR=$(command -v sarif-multitool || command -v sarif || true)
if [[ -z "$VALIDATOR" ]]; then
  echo "SKIP: sarif-multitool not found (npm install -g @microsoft/sarif-multitool)"
  exit 77
fi
[[ -x "$BIN" ]] || { echo "miglint binary not found: $BIN" >&2; exit 1; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")  # checks run from other directories

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The self-contained .NET validator needs no ICU when globalization is invariant.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

status=0
validate() {  # NAME FILE
  local name=$1 file=$2 log=$WORK/$1.log
  if ! timeout 300 "$VALIDATOR" validate "$file" -o "$WORK/$name.validation.sarif" --log ForceOverwrite >"$log" 2>&1; then
    if ! grep -q 'Analysis completed successfully' "$log"; then
      echo "FAIL $name: validator did not complete"; head -30 "$log"; status=1; return
    fi
  fi
  local errors warnings
  errors=$(grep -cE ': error [A-Z]+[0-9]+' "$log")
  warnings=$(grep -cE ': warning [A-Z]+[0-9]+' "$log")
  if ((errors > 0)); then
    echo "FAIL $name: $errors errors, $warnings warnings"; grep -E ': (error|warning) ' "$log" | head -20; status=1
  else
    echo "ok   $name: 0 errors, $warnings warnings ($(grep -c '"ruleId"' "$file") results)"
    grep -E ': warning ' "$log" | sed 's/^/       /' | sort -u | head -5
  fi
}

# The golden set's folder, from its root as CI runs it.
(cd "$ROOT" && "$BIN" check testdata/output/migrations --format sarif --fail-on never >"$WORK/fixture.sarif")
validate fixture "$WORK/fixture.sarif"
(cd "$ROOT" && "$BIN" check testdata/lsp/migrations --format sarif --fail-on never >"$WORK/lsp-fixture.sarif")
validate lsp-fixture "$WORK/lsp-fixture.sarif"
# The shared hand-built set (notes, fixes, non-ASCII, escaping), as the golden test renders it.
if [[ -x "$TESTS" ]]; then
  MIGLINT_SARIF_OUT=$WORK/shared.sarif "$TESTS" --gtest_filter=OutputFormats.SarifOfTheSharedSet >/dev/null
  validate shared-set "$WORK/shared.sarif"
else
  echo "FAIL: test binary not found at $TESTS"; status=1
fi

if [[ -d "$CORPUS" ]]; then
  for dir in "$CORPUS"/*/migrations; do
    [[ -d "$dir" ]] || continue
    name=$(basename "$(dirname "$dir")")
    (cd "$(dirname "$dir")" && "$BIN" check migrations --format sarif --fail-on never >"$WORK/$name.sarif")
    validate "$name" "$WORK/$name.sarif"
  done
else
  echo "corpus not found at $CORPUS: corpus folders not validated"
fi
exit $status
