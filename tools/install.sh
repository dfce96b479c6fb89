#!/usr/bin/env bash
# Build miglint from this source tree and install it (Debian 12).
#
#   tools/install.sh                  # build the .deb and install it (dpkg -i): /usr/bin/miglint
#   tools/install.sh --prefix DIR     # install under DIR (DIR/bin/miglint), no package manager
#   tools/install.sh --package-only   # only build build/miglint_<version>_amd64.deb
#
# Installs the build dependencies first (tools/setup-deps.sh --build-only).
# Run as root, or as a user with sudo (used only for apt-get and dpkg -i).
# The Release build goes to $MIGLINT_BUILD_DIR (default: build); the package
# is static and depends on nothing, so it can be copied to other machines.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=deb
prefix=
while (($#)); do
  case $1 in
    --prefix) mode=prefix; prefix=${2:?--prefix needs a directory}; shift ;;
    --prefix=*) mode=prefix; prefix=${1#--prefix=} ;;
    --package-only) mode=package ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

tools/setup-deps.sh --build-only

build=${MIGLINT_BUILD_DIR:-build}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=1
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIGLINT_BUILD_TESTS=OFF \
  "-DMIGLINT_GIT_COMMIT=${MIGLINT_GIT_COMMIT:-}" >/dev/null
cmake --build "$build" --target package >/dev/null
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
deb=$build/miglint_${version}_amd64.deb
[[ -f "$deb" ]] || { echo "install: $deb was not made" >&2; exit 1; }
echo "install: built $deb"

case $mode in
  package) ;;
  prefix)
    cmake --install "$build" --prefix "$prefix" >/dev/null
    echo "install: installed $("$prefix/bin/miglint" --version) in $prefix"
    ;;
  deb)
    SUDO=()
    if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1; then SUDO=(sudo); fi
    "${SUDO[@]}" dpkg -i "$deb" >/dev/null
    echo "install: installed $(miglint --version) as $(command -v miglint)"
    ;;
esac
