#!/usr/bin/env bash
# Installs the dependencies, builds miglint with AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs the whole test suite (unit tests, rule
# fixtures, folder fixtures, end-to-end runs of the binary, and the
# real-PostgreSQL harness, which starts and stops its own server), then
# builds the shipped configuration and checks it on the bundled examples.
#
#   sudo tools/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-deps.sh
build=${MIGLINT_TEST_BUILD_DIR:-build-test}
# Lets ccache reuse objects across checkouts in different directories.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=1
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIGLINT_SANITIZE=ON >/dev/null
cmake --build "$build"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"

# The shipped configuration (static, tcmalloc: the build tools/quickstart.sh
# makes) must build too, and give the bundled examples' verdicts.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target miglint
build/miglint check examples/migrations >/dev/null
set +e
verdict=$(build/miglint check --config examples/miglint.toml --format json \
  examples/variants/drops_protected_index/migrations)
status=$?
set -e
if [ "$status" -ne 1 ] || ! grep -q '"rule": "protected-object"' <<<"$verdict"; then
  echo "release build: expected exit 1 with protected-object on examples/variants/drops_protected_index (exit $status)" >&2
  exit 1
fi
echo "release build: examples give their verdicts"
