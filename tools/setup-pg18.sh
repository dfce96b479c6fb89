#!/usr/bin/env bash
# Build a PostgreSQL 18 server on Debian 12 from Debian's own postgresql-18
# source package (Debian 12 ships only PostgreSQL 15, and the later suites'
# binary packages need a newer C library). Optional: the tests that need a
# PostgreSQL 18 server (ctest pg18_harness) skip without it.
#
#   tools/setup-pg18.sh [PREFIX]     # default /opt/pg18; a few minutes on 2 cores
#
# The source package comes through a private apt sources list (the machine's
# own apt setup is untouched) and apt checks its hashes. Build dependencies
# (bison, flex, libssl-dev) are installed with apt-get, with sudo when not
# root. Idempotent: an existing PREFIX/bin/postgres of version 18 is kept.
# Use the server with: MIGLINT_PG_BIN=PREFIX/bin tools/pg-server start
set -euo pipefail

prefix=${1:-/opt/pg18}
case ${1:-} in -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

if [[ -x "$prefix/bin/postgres" ]] && "$prefix/bin/postgres" --version | grep -q ' 18\.'; then
  echo "setup-pg18: $("$prefix/bin/postgres" --version) already in $prefix"
  exit 0
fi

SUDO=()
if ((EUID != 0)); then
  command -v sudo >/dev/null 2>&1 || { echo "setup-pg18: not root and no sudo" >&2; exit 1; }
  SUDO=(sudo)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/miglint-pg18.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}
printf 'deb-src %s sid main\n' "$mirror" >"$work/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache")
((EUID == 0)) && apt_opts+=(-o APT::Sandbox::User=root)

"${SUDO[@]}" apt-get install -y -q bison flex libssl-dev >/dev/null
apt-get "${apt_opts[@]}" -q update >/dev/null
(cd "$work" && apt-get "${apt_opts[@]}" -q source --download-only postgresql-18 >/dev/null)
tar -C "$work" -xjf "$work"/postgresql-18_*.orig.tar.bz2
src=$(find "$work" -maxdepth 1 -type d -name 'postgresql-18.*' | head -n 1)
cd "$src"
./configure -q --prefix="$prefix" --without-icu --without-readline --with-ssl=openssl >/dev/null
make -s -j"$(nproc)" >/dev/null
make -s -C contrib -j"$(nproc)" >/dev/null
"${SUDO[@]}" make -s install >/dev/null
"${SUDO[@]}" make -s -C contrib install >/dev/null
echo "setup-pg18: $("$prefix/bin/postgres" --version) in $prefix"
