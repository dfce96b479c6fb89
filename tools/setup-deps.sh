#!/usr/bin/env bash
# Install what miglint needs on Debian 12 (bookworm).
#
#   tools/setup-deps.sh                # everything: build, tests, optional extras
#   tools/setup-deps.sh --build-only   # only what building the binary needs
#
# Run it as root, or as a user with sudo: sudo is used only when not root and
# only for commands that need it. Idempotent and quick when everything is
# present: packages are checked with dpkg-query first, apt-get runs only when
# something is missing.
#
# Required packages must install (exit 1 otherwise). Optional extras: Neovim,
# ShellCheck, pre-commit, zsh, fish, the SARIF validator from npm. They are best-effort: when
# one cannot be installed, one line says so and the setup goes on; the tests
# that need it skip with a reason.
#
# It also provides libpg_query with the PostgreSQL 18 grammar, which Debian 12
# does not carry: the -dev package of a later Debian suite (pinned version,
# its sha256 checked), unpacked with dpkg -x into a private prefix
# ($MIGLINT_DEPS_DIR; default /opt/miglint-deps as root, else
# ~/.cache/miglint-deps). The machine's own apt sources are never changed.
# Without it the build falls back to Debian 12's libpg_query (PostgreSQL 15).
#
# No PostgreSQL cluster is created or started: the tests start their own
# throwaway server with tools/pg-server.
set -euo pipefail

build_only=false
for arg in "$@"; do
  case $arg in
    --build-only) build_only=true ;;
    -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup-deps: unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

BUILD_PACKAGES=(
  cmake ninja-build g++ ccache pkg-config git python3
  libpg-query-dev libprotobuf-dev protobuf-compiler libcli11-dev libfmt-dev
  nlohmann-json3-dev libtomlplusplus-dev libssl-dev libzstd-dev
  # linear-time regular expressions for the patterns users write
  libre2-dev
  # the allocator miglint links (tcmalloc, statically)
  libgoogle-perftools-dev
  # miglint verify: the PostgreSQL client library, and unified diffs of schemas
  libpq-dev libdtl-dev
)
TEST_PACKAGES=(
  googletest libgtest-dev
  # real PostgreSQL 15 (tools/pg-server, tools/pg-chain)
  postgresql-15 postgresql-client-15
  # tools/pg-server: runuser, useradd
  util-linux passwd
  # the .deb test unpacks the package (dpkg-deb is in dpkg)
  dpkg
  # tests/action_runner.py reads action.yml
  python3-yaml
  # tests/json_schema_test.sh validates the JSON output against docs/json/
  python3-jsonschema
  # tools/lint.sh: formatting and static analysis (clang-tidy brings run-clang-tidy)
  clang-format clang-tidy
  # the sanitizer build and the libFuzzer targets (tools/fuzz.sh) use clang
  clang libclang-rt-14-dev
)
# Each test that uses one of these skips with a reason when it is missing.
OPTIONAL_PACKAGES=(
  neovim      # tests/nvim_lsp_test.sh: a real editor as LSP client
  shellcheck  # tools/test.sh lints the shell scripts
  pre-commit  # tests/adoption_test.sh: the hooks run by pre-commit itself
  zsh fish    # tests/package_test.sh: the completion scripts parse in their shell
)

# Where postgresql-common reads whether to create the default cluster (a test
# points it elsewhere).
CREATECLUSTER_CONF=${MIGLINT_CREATECLUSTER_CONF:-/etc/postgresql-common/createcluster.d/miglint.conf}

note() { echo "setup-deps: $*"; }

SUDO=()
can_install=true
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else can_install=false; fi
fi

missing_of() {  # PACKAGE... -> prints the ones not installed
  local p status
  for p in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || printf '%s\n' "$p"
  done
}

apt_updated=false
apt_install() {  # PACKAGE...; returns apt-get's status
  if ! $apt_updated; then
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q || return 1
    apt_updated=true
  fi
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}

install_required() {
  local wanted=("${BUILD_PACKAGES[@]}")
  $build_only || wanted+=("${TEST_PACKAGES[@]}")
  local missing
  mapfile -t missing < <(missing_of "${wanted[@]}")
  if ((${#missing[@]} == 0)); then
    note "all ${#wanted[@]} required packages already installed"
    return 0
  fi
  if ! $can_install; then
    echo "setup-deps: not root and no sudo: cannot install ${missing[*]}" >&2
    echo "setup-deps: run this script as root, or install sudo" >&2
    exit 1
  fi
  note "installing: ${missing[*]}"
  # Installing postgresql-15 must not create (and start) the default "main"
  # cluster: tests run their own server and nothing may be left running.
  if [[ ! -e "$CREATECLUSTER_CONF" ]]; then
    "${SUDO[@]}" mkdir -p "$(dirname "$CREATECLUSTER_CONF")"
    echo "create_main_cluster = false" | "${SUDO[@]}" tee "$CREATECLUSTER_CONF" >/dev/null
  fi
  if ! apt_install "${missing[@]}"; then
    echo "setup-deps: apt-get could not install: ${missing[*]}" >&2
    exit 1
  fi
}

install_optional_packages() {
  local missing p
  mapfile -t missing < <(missing_of "${OPTIONAL_PACKAGES[@]}")
  ((${#missing[@]} == 0)) && return 0
  if ! $can_install; then
    note "optional, not installed (not root, no sudo): ${missing[*]}"
    return 0
  fi
  # One at a time, so that one that fails does not keep the others out.
  for p in "${missing[@]}"; do
    if apt_install "$p" >/dev/null 2>&1; then note "installed optional: $p"; else
      note "optional, not installed: $p (apt-get failed; its tests will skip)"
    fi
  done
}

# Newest first: the grammar, the Debian suite, the package, its version and
# the sha256 of its .deb. A suite keeps only its current version: when one is
# gone the next is tried, and CMake says which grammar it found.
PG_QUERY_PINS=(
  "18 sid libpg-query-dev 18.1.0-2 a65df812eabf77e18fd1f16509f19df8a94579d2492ae78b1f8b3fc98460dddc"
  "17 trixie libpg-query-dev 17-6.1.0-1 95ec472c118bff553a901aa536fc0915114dcbf3293e3068fb642b460c5585b3"
)
if [[ $(id -u) -eq 0 ]]; then
  DEPS_DIR=${MIGLINT_DEPS_DIR:-/opt/miglint-deps}
else
  DEPS_DIR=${MIGLINT_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/miglint-deps}
fi

debian_mirror() {
  local m=
  if [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
    m=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [[ -z "$m" && -r /etc/apt/sources.list ]]; then
    m=$(awk '$1 == "deb" && $2 ~ /^https?:/ {print $2; exit}' /etc/apt/sources.list)
  fi
  echo "${m:-http://deb.debian.org/debian}"
}

# Fetches one pinned package into its prefix; returns 1 when it cannot.
fetch_pg_query() {  # GRAMMAR SUITE PACKAGE VERSION SHA256
  local suite=$2 pkg=$3 version=$4 sha=$5 prefix=$DEPS_DIR/libpg-query-$4 work deb
  work=$(mktemp -d)
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
  echo "deb $(debian_mirror) $suite main" >"$work/sources.list"
  local apt=(apt-get -q -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Architecture=amd64
    -o APT::Sandbox::User="$(id -un)")
  if ! "${apt[@]}" update >"$work/log" 2>&1 || ! (cd "$work" && "${apt[@]}" download "$pkg=$version") >>"$work/log" 2>&1; then
    rm -rf "$work"
    return 1
  fi
  deb=$(ls "$work"/"${pkg}"_*.deb)
  if [[ "$(sha256sum "$deb" | cut -d' ' -f1)" != "$sha" ]]; then
    echo "setup-deps: $(basename "$deb"): sha256 differs from the pinned one; not used" >&2
    rm -rf "$work"
    return 1
  fi
  mkdir -p "$DEPS_DIR"
  rm -rf "$prefix.new"
  dpkg -x "$deb" "$prefix.new"
  echo "$sha  $(basename "$deb")" >"$prefix.new/SHA256SUMS"
  rm -rf "$prefix"
  mv "$prefix.new" "$prefix"
  rm -rf "$work"
}

install_pg_query() {
  local pin grammar suite pkg version sha
  for pin in "${PG_QUERY_PINS[@]}"; do
    read -r grammar suite pkg version sha <<<"$pin"
    if [[ -f "$DEPS_DIR/libpg-query-$version/SHA256SUMS" ]]; then
      note "libpg_query $version (PostgreSQL $grammar grammar) in $DEPS_DIR"
      return 0
    fi
  done
  if [[ $(id -u) -ne 0 && ! -w "$(dirname "$DEPS_DIR")" && ! -d "$DEPS_DIR" ]]; then
    mkdir -p "$DEPS_DIR" 2>/dev/null || true
  fi
  for pin in "${PG_QUERY_PINS[@]}"; do
    read -r grammar suite pkg version sha <<<"$pin"
    if fetch_pg_query "$grammar" "$suite" "$pkg" "$version" "$sha"; then
      note "libpg_query $version (PostgreSQL $grammar grammar) unpacked into $DEPS_DIR/libpg-query-$version"
      return 0
    fi
    note "could not fetch $pkg $version from $suite; trying the next"
  done
  note "no newer libpg_query: the build will use Debian 12's (PostgreSQL 15 grammar)"
}

# SARIF validator for tests/sarif_validate_test.sh (Microsoft's sarif-multitool,
# a self-contained .NET binary shipped through npm).
install_sarif_validator() {
  command -v sarif-multitool >/dev/null 2>&1 && return 0
  if ! command -v npm >/dev/null 2>&1; then
    note "optional, not installed: SARIF validator (no npm; tests/sarif_validate_test.sh will skip)"
    return 0
  fi
  if ! $can_install && [[ $(id -u) -ne 0 ]]; then
    note "optional, not installed: SARIF validator (not root, no sudo)"
    return 0
  fi
  if ! "${SUDO[@]}" npm install -g --no-fund --no-audit @microsoft/sarif-multitool >/dev/null 2>&1; then
    note "optional, not installed: SARIF validator (npm install failed; tests/sarif_validate_test.sh will skip)"
    return 0
  fi
  # npm may skip the package's postinstall (chmod): make the binary executable ourselves.
  local root bin
  root=$(npm root -g 2>/dev/null) || return 0
  for bin in "$root"/@microsoft/sarif-multitool/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool \
             "$root"/@microsoft/sarif-multitool-*/Sarif.Multitool; do
    if [[ -f "$bin" ]]; then "${SUDO[@]}" chmod a+x "$bin" 2>/dev/null || true; fi
  done
  return 0
}

install_required
install_pg_query
if ! $build_only; then
  install_optional_packages
  install_sarif_validator
fi
note "done"
