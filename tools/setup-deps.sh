#!/usr/bin/env bash
# Install every build and test dependency of miglint on Debian 12 (bookworm).
#
#   sudo tools/setup-deps.sh          # or as root in CI
#
# Idempotent and quick when everything is present: installed packages are
# checked with dpkg-query first; apt-get update/install only run when
# something is missing.  No PostgreSQL cluster is created or started: the
# tests start their own throwaway server with tools/pg-server.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build g++ ccache pkg-config git
  # libraries
  libpg-query-dev libprotobuf-dev protobuf-compiler libcli11-dev libfmt-dev
  nlohmann-json3-dev libtomlplusplus-dev googletest libgtest-dev libssl-dev
  # tests: real PostgreSQL 15 (tools/pg-server, tools/pg-chain), editor tests
  postgresql-15 postgresql-client-15 neovim
  # tools/pg-chain, tools/pg-chain-check, tools/corpus-agreement
  python3
  # tools/pg-server: runuser, useradd
  util-linux passwd
)

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "setup-deps: installing: ${missing[*]}"

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "setup-deps: missing packages and not root (no sudo): ${missing[*]}" >&2
    exit 1
  fi
fi

# Installing postgresql-15 must not create (and start) the default "main"
# cluster: tests run their own server and nothing may be left running.
# (postgresql-common's createcluster.conf includes createcluster.d/*.conf.)
if [[ ! -e /etc/postgresql-common/createcluster.d/miglint.conf ]]; then
  "${SUDO[@]}" mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" |
    "${SUDO[@]}" tee /etc/postgresql-common/createcluster.d/miglint.conf >/dev/null
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"

echo "setup-deps: done"
