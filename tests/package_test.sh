#!/usr/bin/env bash
# The Debian package, installed into a temporary root with dpkg -x: its
# control fields (Depends: libpq5, for miglint-verify), a miglint binary that
# needs no shared library, the version in one
# place, the man page and shell completions, and the installed binary's
# verdicts on the bundled examples.
#
#   tests/package_test.sh build/miglint_<version>_amd64.deb
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEB=${1:?usage: tests/package_test.sh PACKAGE.deb}
# shellcheck source=tests/check_lib.sh
. "$ROOT/tests/check_lib.sh"

version=$(sed -n 's/^project(miglint VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")
check "package named miglint_${version}_amd64.deb" test "$(basename "$DEB")" = "miglint_${version}_amd64.deb"
check "control: Package miglint" test "$(dpkg-deb -f "$DEB" Package)" = miglint
check "control: Version $version" test "$(dpkg-deb -f "$DEB" Version)" = "$version"
check "control: Architecture amd64" test "$(dpkg-deb -f "$DEB" Architecture)" = amd64

dpkg -x "$DEB" "$WORK/root"
BIN=$WORK/root/usr/bin/miglint
check "installs /usr/bin/miglint" test -x "$BIN"
check "installs /usr/bin/miglint-verify beside it" test -x "$WORK/root/usr/bin/miglint-verify"
check "control: Depends libpq5 (miglint-verify)" grep -q libpq5 <<<"$(dpkg-deb -f "$DEB" Depends)"
ldd_out=$(ldd "$BIN" 2>&1)
if grep -qE 'not a dynamic executable|statically linked' <<<"$ldd_out"; then ok "binary needs no shared library"; else
  fail "binary needs no shared library: $ldd_out"
fi

line=$("$BIN" --version)
if [[ "$line" =~ ^miglint\ ${version//./\\.}\ \(commit\ ([0-9a-f]{12}(-dirty)?|unknown),\ PostgreSQL\ [0-9]+(\.[0-9]+)?\ grammar\)$ ]]; then
  ok "--version: $line"
else
  fail "--version names version, commit and grammar: $line"
fi
if head=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null); then
  check "--version names the commit built ($head)" grep -q "commit $head" <<<"$line"
fi

# The man page: every command and every rule.
man=$WORK/root/usr/share/man/man1/miglint.1.gz
check "man page installed" test -f "$man"
page=$(zcat "$man")
for cmd in check audit schema verify rules explain lsp sum completions; do
  grep -q "^\.SS miglint $cmd" <<<"$page" || fail "man page: command $cmd"
done
rules_json=$("$BIN" rules --json)
missing_rules=0
while read -r id; do
  grep -qF "${id//-/\\-}" <<<"$page" || { fail "man page: rule $id"; missing_rules=1; }
done < <(python3 -c 'import json,sys; print("\n".join(r["id"] for r in json.load(sys.stdin)))' <<<"$rules_json")
((missing_rules == 0)) && ok "man page lists every rule"
if command -v man >/dev/null 2>&1; then
  check "man renders the page" bash -c "MANWIDTH=80 man -l '$man' 2>&1 | grep -q 'static analysis for PostgreSQL'"
fi

# Rule documentation, one file per rule.
ndocs=$(find "$WORK/root/usr/share/doc/miglint/rules" -name '*.md' | wc -l)
nrules=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <<<"$rules_json")
check "rule docs installed ($ndocs for $nrules rules)" test "$ndocs" -eq "$nrules"
check "CHANGELOG installed" test -f "$WORK/root/usr/share/doc/miglint/CHANGELOG.md"

# Shell completions: bash for real, zsh and fish by content.
bashc=$WORK/root/usr/share/bash-completion/completions/miglint
check "bash completion installed" test -f "$bashc"
check "zsh completion installed" grep -q '^#compdef miglint' "$WORK/root/usr/share/zsh/vendor-completions/_miglint"
check "fish completion installed" grep -q "__fish_seen_subcommand_from check" \
  "$WORK/root/usr/share/fish/vendor_completions.d/miglint.fish"
if command -v shellcheck >/dev/null 2>&1; then
  check "bash completion: shellcheck clean" shellcheck -s bash "$bashc"
fi
if command -v zsh >/dev/null 2>&1; then
  check "zsh completion parses" zsh -n "$WORK/root/usr/share/zsh/vendor-completions/_miglint"
else
  echo "SKIP zsh completion syntax: zsh not installed"
fi
if command -v fish >/dev/null 2>&1; then
  check "fish completion parses" fish --no-execute "$WORK/root/usr/share/fish/vendor_completions.d/miglint.fish"
  check "fish: completes check's --format values" grep -qx 'sarif' <<<"$(fish -c "source '$WORK/root/usr/share/fish/vendor_completions.d/miglint.fish'; complete -C 'miglint check --format s'" 2>&1 | cut -f1)"
else
  echo "SKIP fish completion syntax: fish not installed"
fi
complete_words() {  # WORDS... -> the completions of the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _miglint; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$bashc" "$@" 2>&1
}
check "bash: miglint ch<TAB> -> check" test "$(complete_words miglint ch)" = check
check "bash: --format values" grep -qx sarif <<<"$(complete_words miglint check --format s)"
check "bash: --fail-on values" test "$(complete_words miglint check --fail-on ne)" = never
check "bash: explain completes rule ids" grep -qx ban-drop-table <<<"$(complete_words miglint explain ban-drop-t)"
check "bash: --select completes the id after a comma" \
  grep -qx "ban-drop-table,ban-drop-column" <<<"$(complete_words miglint check --select ban-drop-table,ban-drop-co)"
check "bash: options of check" grep -qx -- --since <<<"$(complete_words miglint check --sin)"
check "bash: schema --format is sql or json" test "$(complete_words miglint schema --format j)" = json

# dpkg -i into an empty dpkg database: installs, lists its files, removes cleanly.
mkdir -p "$WORK/dpkg/var/lib/dpkg/info" "$WORK/dpkg/var/lib/dpkg/updates"
touch "$WORK/dpkg/var/lib/dpkg/status"
# The empty root records no libpq5 (miglint-verify's dependency).
dpkg_root=(dpkg --root="$WORK/dpkg" --log=/dev/null --force-not-root --force-script-chrootless --force-depends)
check "dpkg -i installs the package" quiet "${dpkg_root[@]}" -i "$DEB"
check "dpkg lists /usr/bin/miglint" grep -qx /usr/bin/miglint <<<"$("${dpkg_root[@]}" -L miglint)"
check "the installed binary runs" quiet "$WORK/dpkg/usr/bin/miglint" --version
check "dpkg -r removes it" quiet "${dpkg_root[@]}" -r miglint
check "nothing left in /usr/bin" test ! -e "$WORK/dpkg/usr/bin/miglint"

# The installed binary's verdicts on the bundled examples.
cd "$ROOT" || exit 1
verdict() {  # DIR EXPECTED_EXIT RULE... (RULE prefixed with ! must be absent)
  local dir=$1 want=$2 out status r
  shift 2
  out=$("$BIN" check --config examples/miglint.toml --format json "$dir")
  status=$?
  [[ $status -eq $want ]] || { fail "$dir: exit $status, expected $want"; return; }
  for r in "$@"; do
    if [[ $r == !* ]]; then
      grep -q "\"rule\": \"${r#!}\"" <<<"$out" && { fail "$dir: unexpected ${r#!}"; return; }
    else
      grep -q "\"rule\": \"$r\"" <<<"$out" || { fail "$dir: no $r"; return; }
    fi
  done
  ok "$dir: exit $status $*"
}
verdict examples/migrations 0 '!protected-object' '!down-not-inverse'
verdict examples/variants/down_forgets_check/migrations 1 down-not-inverse
verdict examples/variants/drops_protected_index/migrations 1 protected-object unintended-drop
verdict examples/variants/drop_cascade/migrations 1 unintended-drop protected-object
verdict examples/variants/comment_mentions_protected/migrations 0 '!protected-object'
verdict examples/variants/missing_down/migrations 1 missing-down
verdict examples/variants/version_collision/migrations 1 version-collision

# One version everywhere: SARIF and JSON name the package's version.
sarif_version=$("$BIN" check --format sarif examples/migrations |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["runs"][0]["tool"]["driver"]["version"])')
check "SARIF tool.driver.version is $version" test "$sarif_version" = "$version"
json_version=$("$BIN" check --format json examples/migrations |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["tool"]["version"])')
check "JSON tool.version is $version" test "$json_version" = "$version"
check "CHANGELOG names $version" grep -q "^## $version" "$ROOT/CHANGELOG.md"

finish package
