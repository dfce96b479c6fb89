#!/usr/bin/env bash
# Installs the dependencies, builds miglint with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs the whole test suite (unit tests, rule
# fixtures, folder fixtures, end-to-end runs of the binary, and the
# real-PostgreSQL harness, which starts and stops its own server, the setup
# script, ShellCheck, the GitHub Action and the pre-commit hooks), then builds
# the Debian package and checks it installed. A second, smaller build runs the
# parse, rule and model suites with the PostgreSQL 15 grammar. The code must
# be formatted as .clang-format says and clean for clang-tidy, and each
# libFuzzer target runs for a short while.
#
#   tools/test.sh        # as root, or as a user with sudo
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-deps.sh
# The tree is formatted as .clang-format says (clang-tidy: tools/lint.sh).
tools/lint.sh --format-only
build=${MIGLINT_TEST_BUILD_DIR:-build-test}
# Lets ccache reuse objects across checkouts in different directories.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=1
# The test builds use clang: it compiles them two to three times faster than
# gcc, and the same objects serve the tests and the libFuzzer targets. (The
# shipped Release build below is gcc's.) A build directory made with another
# compiler is configured afresh.
configure_clang() {
  local dir=$1
  shift
  if [[ -f $dir/CMakeCache.txt ]] && ! grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang' "$dir/CMakeCache.txt"; then
    rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
  fi
  CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
}
configure_clang "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIGLINT_SANITIZE=ON -DMIGLINT_FUZZ=ON
cmake --build "$build"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
# clang-tidy over analyzer/, rules/ and cli/ (clean units are remembered).
tools/lint.sh --tidy-only "$build"
# Each fuzz target briefly, so that they keep building and running.
MIGLINT_FUZZ_BUILD_DIR=$build tools/fuzz.sh "${MIGLINT_FUZZ_SECONDS:-15}"

# The parse, rule-fixture and model suites with Debian 12's own libpg_query
# (the PostgreSQL 15 grammar) too, so that neither grammar rots. Fixtures of
# newer syntax (`-- fixture: grammar=18`) skip there.
build15=${MIGLINT_TEST_BUILD15_DIR:-build-g15}
# Assertions on, no optimisation and no debug information: the quickest to build.
configure_clang "$build15" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 -DCMAKE_C_FLAGS_DEBUG=-O0 \
  -DMIGLINT_PG_GRAMMAR=15
cmake --build "$build15" --target miglint_grammar_tests
"$build15/tests/miglint_grammar_tests" --gtest_brief=1 \
  --gtest_filter='Rules/RuleFixture.*:RulesConsistency.*:SyntaxHint.*:ParseSplit.*:LexerComments.*:CorpusSyntax.*:BadInput.*:Catalog*:ViewDeps.*:-CatalogScale.*:CatalogMemory.*'

# The shipped configuration: the static Release binary in its Debian package
# (the build the Dockerfile and tools/install.sh make), checked installed.
tools/install.sh --package-only
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' build/CMakeCache.txt)
tests/package_test.sh "build/miglint_${version}_amd64.deb"
# The install command of the CI templates, into a prefix.
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
tools/install.sh --prefix "$prefix"
"$prefix/bin/miglint" check examples/migrations >/dev/null
echo "release build: installed with tools/install.sh --prefix and checked the examples"
