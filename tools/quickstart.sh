#!/usr/bin/env bash
# Installs the dependencies, builds miglint, and runs it on the bundled
# example migrations folder.
#
#   sudo tools/quickstart.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-deps.sh
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=1
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
echo
echo "\$ build/miglint check examples/migrations"
build/miglint check examples/migrations
