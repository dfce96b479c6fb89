#!/usr/bin/env bash
# Formatting and static analysis: clang-format (.clang-format) must find
# nothing to change in analyzer/, rules/, cli/, tests/ and fuzz/, and clang-tidy
# (.clang-tidy) must report nothing in analyzer/, rules/ and cli/.
#
#   tools/lint.sh [BUILD_DIR]              # default build-dev
#   tools/lint.sh --format-only            # clang-format alone (a second, no build)
#   tools/lint.sh --tidy-only [BUILD_DIR]  # clang-tidy alone
#
# clang-tidy reads BUILD_DIR/compile_commands.json: the directory is
# configured here (Debug, compile commands exported) when it has none, and
# only the generated headers the sources include are built. clang-tidy runs
# with one job per core through tools/tidy-cached, which remembers the files
# that came out clean (10-15 s each otherwise). Exits 1 on any formatting
# difference or warning.
set -euo pipefail
cd "$(dirname "$0")/.."
format_only=false
tidy_only=false
if [[ ${1:-} == --format-only ]]; then
  format_only=true
  shift
elif [[ ${1:-} == --tidy-only ]]; then
  tidy_only=true
  shift
fi
build=${1:-build-dev}

tools=(clang-format)
$format_only || tools+=(clang-tidy)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || { echo "lint: $tool not found (tools/setup-deps.sh installs it)" >&2; exit 1; }
done

status=0
if ! $tidy_only; then
  mapfile -t sources < <(git ls-files -- analyzer rules cli tests fuzz | grep -E '\.(c|cpp|h)$')
  if ! clang-format --dry-run --Werror "${sources[@]}"; then
    echo "lint: clang-format would change the files above (clang-format -i FILE fixes them)" >&2
    status=1
  fi
  $format_only && exit "$status"
fi

if [[ ! -f "$build/compile_commands.json" ]]; then
  type=()
  [[ -f "$build/CMakeCache.txt" ]] || type=(-DCMAKE_BUILD_TYPE=Debug)
  cmake -S . -B "$build" -G Ninja "${type[@]}" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
fi
# The protobuf AST headers are generated at build time.
ninja -C "$build" proto/pg_query/pg_query.pb.h proto/pg_query/pg_ast_meta.h >/dev/null

tools/tidy-cached "$build" || status=1
exit "$status"
