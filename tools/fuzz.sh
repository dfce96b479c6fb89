#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs each for SECONDS on a corpus seeded
# from testdata/ that grows from run to run.
#
#   tools/fuzz.sh SECONDS [TARGET ...]    # targets: parse check config lsp folder (default: all)
#   tools/fuzz.sh --regressions FUZZER DIR  # run the saved inputs in DIR once each (the tests do)
#
# MIGLINT_FUZZ_BUILD_DIR names the build (default build-fuzz; tools/test.sh
# uses its sanitizer build, which has the targets). The corpus is kept in
# $build/fuzz-corpus/<target>, and an input that crashes is written to
# $build/fuzz-crashes/: copy it to testdata/fuzz/<target>/ with the fix, and
# the regression test runs it from then on. Exits 1 when a target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ${1:-} == --regressions ]]; then
  fuzzer=$2 dir=$3
  shopt -s nullglob
  inputs=("$dir"/*)
  ((${#inputs[@]})) || { echo "no saved inputs in $dir"; exit 0; }
  exec "$fuzzer" -runs=1 "${inputs[@]}"
fi

seconds=${1:?usage: tools/fuzz.sh SECONDS [TARGET ...]}
shift
targets=("$@")
((${#targets[@]})) || targets=(parse check config lsp folder)
build=${MIGLINT_FUZZ_BUILD_DIR:-build-fuzz}

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=1
if [[ ! -f $build/CMakeCache.txt ]] || ! grep -q '^MIGLINT_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMIGLINT_SANITIZE=ON -DMIGLINT_FUZZ=ON >/dev/null
fi
cmake --build "$build" --target "${targets[@]/#/fuzz_}"

corpus=$build/fuzz-corpus crashes=$build/fuzz-crashes
mkdir -p "$crashes"
python3 tools/fuzz_seeds.py "$corpus" "${targets[@]}"

# The targets' scratch folders: libFuzzer ends a timed run with _Exit, which
# skips their own removal at exit, so they live in one folder removed here.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/miglint-fuzz-run.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export TMPDIR=$scratch

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=0
for t in "${targets[@]}"; do
  log=$build/fuzz-$t.log
  # One job: the machine's other core keeps the rest of a test run going.
  if "$build/fuzz/fuzz_$t" "$corpus/$t" -dict=fuzz/sql.dict -max_total_time="$seconds" \
      -timeout=30 -rss_limit_mb=3072 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$crashes/$t-" >"$log" 2>&1; then
    status=ok
  else
    status=CRASHED failed=1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(grep -ao 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -ao 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf 'fuzz %-7s %s  %s executions, %s edges, %s features, corpus %s inputs\n' \
    "$t" "$status" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$(find "$corpus/$t" -type f | wc -l)"
  if [[ $status != ok ]]; then
    grep -aE 'ERROR|SUMMARY|Test unit written' "$log" | head -5
    echo "  full log: $log"
  fi
done
exit "$failed"
