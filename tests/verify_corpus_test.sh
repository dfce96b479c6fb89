#!/usr/bin/env bash
# `miglint verify` on the shared corpus: its round-trip verdict for every
# migration must equal the folder's truth.tsv (made on PostgreSQL 15 the same
# way: ups in order, each down on a copy of the database after its up,
# pg_dump --schema-only compared). After an up fails, truth says up_failed for
# every later migration and verify does not run them (not_run): those agree.
# Prints the disagreements between verify and the static analysis too.
#
#   tests/verify_corpus_test.sh MIGLINT_BINARY
#
# $MIGLINT_CORPUS (default /work/shared/corpus) holds folders with truth.tsv
# and migrations/. Exit 77 (CTest SKIP) without PostgreSQL 15 or a corpus.
set -uo pipefail

MIGLINT=${1:?usage: verify_corpus_test.sh MIGLINT_BINARY}
MIGLINT=$(cd "$(dirname "$MIGLINT")" && pwd)/$(basename "$MIGLINT")  # it runs in each corpus folder
PGBIN=${MIGLINT_PG_BIN:-/usr/lib/postgresql/15/bin}
CORPUS=${MIGLINT_CORPUS:-/work/shared/corpus}
if [[ ! -x "$PGBIN/initdb" || ! -x "$PGBIN/pg_dump" ]]; then
  echo "SKIP: PostgreSQL server binaries not found in $PGBIN"
  exit 77
fi
folders=()
for d in "$CORPUS"/*/; do
  [[ -f "$d/truth.tsv" && -d "$d/migrations" ]] && folders+=("${d%/}")
done
if ((${#folders[@]} == 0)); then
  echo "SKIP: no corpus folder with truth.tsv under $CORPUS"
  exit 77
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/miglint-verify-corpus.XXXXXX")
trap 'rm -rf "$out"' EXIT
failures=0
for d in "${folders[@]}"; do
  name=$(basename "$d")
  (cd "$d" && "$MIGLINT" verify migrations --pg-bin "$PGBIN" --format json --fail-on never) >"$out/$name.json" 2>"$out/$name.err"
  rc=$?
  if [[ $rc != 0 ]]; then
    echo "FAIL: $name: verify exited $rc: $(cat "$out/$name.err")"
    failures=$((failures + 1))
    continue
  fi
  python3 - "$d/truth.tsv" "$out/$name.json" "$name" <<'PY' || failures=$((failures + 1))
import csv, json, sys
truth_path, json_path, name = sys.argv[1:]
truth = {r["migration_id"]: r["verdict"] for r in csv.DictReader(open(truth_path, newline=""), delimiter="\t")}
doc = json.load(open(json_path))["verify"]
runs = {m["id"]: m for m in doc["migrations"]}
bad = []
for mid, want in truth.items():
    m = runs.get(mid)
    got = m["real"] if m else "missing"
    if got != want and not (want == "up_failed" and got == "not_run"):
        bad.append("%s: truth %s, verify %s %s" % (mid, want, got, (m or {}).get("error") or ""))
extra = sorted(set(runs) - set(truth))
for mid in extra:
    bad.append("%s: verified, not in truth.tsv" % mid)
per = doc["seconds"] / max(1, len(runs))
print("%s: %d of %d migrations' verdicts equal truth.tsv; %.1f s (%.0f ms per migration); "
      "%d disagreement(s) with the static analysis" % (name, len(truth) - len(bad), len(truth), doc["seconds"],
                                                        per * 1000, len(doc["disagreements"])))
for d in doc["disagreements"]:
    print("  static vs real: %s (%s:%s): %s" % (d["id"], d["path"], d["line"], d["what"]))
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad or not doc["complete"] else 0)
PY
done
if ((failures > 0)); then
  echo "verify_corpus: $failures folder(s) disagree with truth.tsv"
  exit 1
fi
echo "verify_corpus: every verdict equals truth.tsv"
