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
  nlohmann-json3-dev libtomlplusplus-dev googletest libgtest-dev libssl-dev libzstd-dev
  # the allocator miglint links (tcmalloc, statically)
  libgoogle-perftools-dev
  # tests: real PostgreSQL 15 (tools/pg-server, tools/pg-chain), editor tests
  postgresql-15 postgresql-client-15 neovim
  # tools/pg-chain, tools/pg-chain-check, tools/corpus-agreement
  python3
  # tools/pg-server: runuser, useradd
  util-linux passwd
)

# SARIF validator for tests/sarif_validate_test.sh (Microsoft's sarif-multitool,
# a self-contained .NET binary shipped through npm). Optional: the test skips
# without it; installed only when npm is there, skipped when already present.
install_sarif_validator() {
  if command -v sarif-multitool >/dev/null 2>&1; then return 0; fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup-deps: npm not found; SARIF validator not installed (tests/sarif_validate_test.sh will skip)"
    return 0
  fi
  local npm_cmd=(npm install -g --no-fund --no-audit @microsoft/sarif-multitool)
  if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1; then npm_cmd=(sudo "${npm_cmd[@]}"); fi
  "${npm_cmd[@]}" || { echo "setup-deps: could not install @microsoft/sarif-multitool" >&2; return 0; }
  # npm may skip the package's postinstall (chmod): make the binary executable ourselves.
  local root
  root=$(npm root -g)
  for bin in "$root"/@microsoft/sarif-multitool/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool \
             "$root"/@microsoft/sarif-multitool-*/Sarif.Multitool; do
    [[ -f "$bin" ]] && { chmod a+x "$bin" 2>/dev/null || sudo chmod a+x "$bin" 2>/dev/null || true; }
  done
}

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup-deps: all ${#PACKAGES[@]} packages already installed"
  install_sarif_validator
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

install_sarif_validator
echo "setup-deps: done"
