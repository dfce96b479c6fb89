#!/usr/bin/env bash
# tools/setup-deps.sh on simulated machines: dpkg-query, apt-get, npm, sudo and
# id are stand-ins that record their calls, and PATH holds nothing else, so
# the real machine is never changed. Shows that an optional extra that cannot
# be installed never stops the setup, that sudo is used only when not root,
# and that a missing required package without root or sudo is a clear error.
#
#   tests/setup_deps_test.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0

# A machine: MISSING packages not installed, APT_FAIL packages apt-get cannot
# install, UID the user, HAVE the optional commands present (sudo, npm).
# npm always fails to install, as without a network.
make_machine() {  # NAME UID "MISSING..." "APT_FAIL..." "HAVE..."
  local dir=$WORK/$1 tool
  mkdir -p "$dir/bin"
  for tool in env dirname sed mkdir tee cat chmod mktemp ls sha256sum cut awk rm mv touch; do ln -s "$(command -v "$tool")" "$dir/bin/$tool"; done
  cat >"$dir/bin/dpkg-query" <<EOF
#!/bin/bash
for p in $3; do [[ "\${@: -1}" == "\$p" ]] && { printf 'unknown ok not-installed'; exit 0; }; done
printf 'install ok installed'
EOF
  cat >"$dir/bin/apt-get" <<EOF
#!/bin/bash
echo "apt-get \$* (uid \$(id -u))" >>"$dir/calls"
# download: a file of the right name whose sha256 is not the pinned one
if [[ " \$* " == *" download "* ]]; then pkg=\${@: -1}; echo corrupt >"\${pkg%%=*}_\${pkg#*=}_amd64.deb"; fi
for p in $4; do for a in "\$@"; do [[ "\$a" == "\$p" ]] && exit 100; done; done
exit 0
EOF
  cat >"$dir/bin/id" <<EOF
#!/bin/bash
if [[ "\$*" == "-u" ]]; then echo "\${FAKE_UID:-$2}"; else exec /usr/bin/id "\$@"; fi
EOF
  for tool in $5; do
    case $tool in
      sudo) printf '#!/bin/bash\necho "sudo $*" >>"%s/calls"\nFAKE_UID=0 exec "$@"\n' "$dir" >"$dir/bin/sudo" ;;
      npm) printf '#!/bin/bash\necho "npm $*" >>"%s/calls"\necho "npm ERR! network unreachable" >&2\nexit 1\n' "$dir" >"$dir/bin/npm" ;;
    esac
  done
  chmod +x "$dir"/bin/*
  touch "$dir/calls"
  # libpg_query 18 already unpacked (the fetch is tested on its own below)
  mkdir -p "$dir/deps/libpg-query-18.1.0-2" && touch "$dir/deps/libpg-query-18.1.0-2/SHA256SUMS"
}

run_setup() {  # NAME [ARGS...] -> sets out, status
  local name=$1
  shift
  set +e
  out=$(PATH=$WORK/$name/bin MIGLINT_CREATECLUSTER_CONF=$WORK/$name/createcluster.conf MIGLINT_DEPS_DIR=$WORK/$name/deps \
    /bin/bash "$ROOT/tools/setup-deps.sh" "$@" 2>&1)
  status=$?
  set -e
  calls=$(cat "$WORK/$name/calls")
}

expect() {  # DESCRIPTION CONDITION...
  local what=$1
  shift
  if "$@"; then echo "ok   $what"; else
    echo "FAIL $what"; echo "  output: ${out//$'\n'/$'\n          '}"; echo "  calls:  ${calls//$'\n'/$'\n          '}"
    failures=$((failures + 1))
  fi
}
has() { grep -qF -- "$1" <<<"$2"; }
lacks() { ! grep -qF -- "$1" <<<"$2"; }

# 1. Root, everything installed, npm present but failing.
make_machine all-installed 0 "" "" "npm"
run_setup all-installed
expect "optional validator failing: exit 0" test "$status" -eq 0
expect "optional validator failing: one line says so" has "optional, not installed: SARIF validator (npm install failed" "$out"
expect "optional validator failing: apt-get not run" test -z "$(grep apt-get <<<"$calls" || true)"

# 2. Root, no npm at all.
make_machine no-npm 0 "" "" ""
run_setup no-npm
expect "no npm: exit 0 and says so" test "$status" -eq 0
expect "no npm: one line" has "SARIF validator (no npm" "$out"

# 3. Root, optional packages missing and apt-get unable to install them.
make_machine optional-fail 0 "neovim pre-commit" "neovim pre-commit" "npm"
run_setup optional-fail
expect "optional apt packages failing: exit 0" test "$status" -eq 0
expect "optional apt packages failing: neovim named" has "optional, not installed: neovim" "$out"
expect "optional apt packages failing: pre-commit named" has "optional, not installed: pre-commit" "$out"
expect "optional apt packages failing: shellcheck not attempted" lacks "shellcheck" "$calls"

# 4. Root, a required package missing: apt-get without sudo; no default cluster.
make_machine root-missing 0 "cmake postgresql-15" "" "sudo npm"
run_setup root-missing
expect "root: exit 0" test "$status" -eq 0
expect "root: apt-get installs the missing packages" has "install -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold cmake postgresql-15" "$calls"
expect "root: sudo never used" lacks "sudo" "$calls"
expect "root: default cluster disabled" grep -qx "create_main_cluster = false" "$WORK/root-missing/createcluster.conf"

# 5. A user with sudo: apt-get through sudo.
make_machine user-sudo 1000 "cmake" "" "sudo npm"
run_setup user-sudo
expect "user with sudo: exit 0" test "$status" -eq 0
expect "user with sudo: apt-get through sudo" has "sudo env DEBIAN_FRONTEND=noninteractive apt-get install" "$calls"
expect "user with sudo: apt-get ran as root" has "cmake (uid 0)" "$calls"

# 6. A user without sudo, a required package missing: a clear error.
make_machine user-nosudo 1000 "cmake" "" ""
run_setup user-nosudo
expect "user without sudo, required missing: exit 1" test "$status" -eq 1
expect "user without sudo, required missing: says what to do" has "not root and no sudo: cannot install cmake" "$out"

# 7. A user without sudo, only optional packages missing: goes on.
make_machine user-nosudo-optional 1000 "neovim" "" ""
run_setup user-nosudo-optional
expect "user without sudo, optional missing: exit 0" test "$status" -eq 0
expect "user without sudo, optional missing: one line" has "optional, not installed (not root, no sudo): neovim" "$out"

# 8. Required apt-get failure is an error.
make_machine required-fail 0 "cmake" "cmake" ""
run_setup required-fail
expect "required package failing: exit 1" test "$status" -eq 1
expect "required package failing: named" has "apt-get could not install: cmake" "$out"

# 9. --build-only: test packages and extras are not wanted.
make_machine build-only 0 "postgresql-15 neovim" "" "npm"
run_setup build-only --build-only
expect "--build-only: exit 0" test "$status" -eq 0
expect "--build-only: no apt-get, no npm" test -z "$calls"

# 10. libpg_query 18 present: named, not fetched again.
expect "libpg_query present: named" has "libpg_query 18.1.0-2 (PostgreSQL 18 grammar) in $WORK/build-only/deps" "$out"

# 11. libpg_query not present and every download corrupt: never used, the
#     next pin tried, the setup goes on with the system's grammar.
make_machine pg-query-corrupt 0 "" "" ""
rm -rf "$WORK/pg-query-corrupt/deps"
run_setup pg-query-corrupt --build-only
expect "corrupt libpg_query download: exit 0" test "$status" -eq 0
expect "corrupt libpg_query download: the sha256 refused" has "sha256 differs from the pinned one; not used" "$out"
expect "corrupt libpg_query download: 17 tried after 18" has "download libpg-query-dev=17-6.1.0-1" "$calls"
expect "corrupt libpg_query download: says the build falls back" has "no newer libpg_query" "$out"
expect "corrupt libpg_query download: nothing unpacked" test ! -e "$WORK/pg-query-corrupt/deps/libpg-query-18.1.0-2"
expect "libpg_query fetch: the machine's apt sources untouched" has "Dir::Etc::SourceParts=/dev/null" "$calls"

if ((failures > 0)); then echo "$failures check(s) failed"; exit 1; fi
echo "setup-deps: all checks passed"
