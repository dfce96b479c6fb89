#!/usr/bin/env bash
# Installs everything (build and test dependencies, then miglint itself from
# its Debian package, in /usr/bin) and runs miglint on the bundled example
# migrations folder, then on a variant of it with a mistake.
#
#   tools/quickstart.sh   # as root, or as a user with sudo
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup-deps.sh
tools/install.sh
echo
echo "\$ miglint check examples/migrations"
miglint check examples/migrations
echo
echo "\$ miglint check --config examples/miglint.toml examples/variants/drops_protected_index/migrations"
status=0
miglint check --config examples/miglint.toml examples/variants/drops_protected_index/migrations || status=$?
echo "(exit $status: the variant's up drops the protected index)"
