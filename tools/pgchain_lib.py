"""Shared helpers for miglint's real-PostgreSQL test tools (python3 stdlib only).

Used by tools/pg-chain, tools/pg-chain-check and tools/corpus-agreement:
discovery of migration folders (updown and diesel folder layouts), numeric
version ordering, dump normalisation, truth.tsv reading.
"""

import csv
import os
import re
import sys

# Dialect infixes seen in updown folders (ory popx, ent, sqlx, ...). The
# PostgreSQL ones win over the dialect-neutral file; the others are ignored.
PG_DIALECTS = {"postgres", "postgresql", "pg", "pgx"}
OTHER_DIALECTS = {
    "sqlite", "sqlite3", "mysql", "mariadb", "cockroach", "cockroachdb", "crdb",
    "mssql", "sqlserver", "clickhouse", "oracle", "spanner", "tidb", "yugabyte",
}
AUTOCOMMIT = "autocommit"

_DIESEL_VERSION = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(\d{6})(?:-(\d+))?(?=_|$)")
_PLAIN_VERSION = re.compile(r"^[Vv]?(\d+(?:\.\d+)*)")


def version_of(name):
    """Return (version_string, sort_key) for a migration id or folder name.

    Versions order numerically: plain integers and YYYYMMDDHHMMSS compare as
    numbers, diesel's YYYY-MM-DD-HHMMSS as YYYYMMDDHHMMSS (a diesel 2.x
    -NNNN suffix breaks ties), dotted versions part by part. Names without a
    version sort last.
    """
    m = _DIESEL_VERSION.match(name)
    if m:
        s = m.group(0)
        key = (int("".join(m.groups()[:4])),)
        if m.group(5) is not None:   # diesel 2.x: YYYY-MM-DD-HHMMSS-NNNN
            key += (int(m.group(5)),)
        return s, (0, key)
    m = _PLAIN_VERSION.match(name)
    if m:
        s = m.group(1)
        return s, (0, tuple(int(p) for p in s.split(".")))
    return "", (1, ())


class Migration:
    def __init__(self, mid, up, down, transactional, tx_reason):
        self.id = mid
        self.up = up            # absolute path or None
        self.down = down        # absolute path or None
        self.transactional = transactional
        self.tx_reason = tx_reason
        self.version, self.key = version_of(mid)

    def __repr__(self):
        return "Migration(%r)" % self.id


def _split_updown(fname):
    """'X.postgres.autocommit.up.sql' -> ('X', 'up', 'postgres', True); None if not a migration file."""
    low = fname.lower()
    for direction in ("up", "down"):
        suffix = "." + direction + ".sql"
        if low.endswith(suffix):
            break
    else:
        return None
    stem = fname[: -len(suffix)]
    dialect = None
    autocommit = False
    while True:
        base, dot, last = stem.rpartition(".")
        if not dot or not base:
            break
        tok = last.lower()
        if tok == AUTOCOMMIT and not autocommit:
            autocommit = True
        elif (tok in PG_DIALECTS or tok in OTHER_DIALECTS) and dialect is None:
            dialect = tok
        else:
            break
        stem = base
    return stem, direction, dialect, autocommit


def discover_updown(folder):
    """Migrations of an updown folder; the PostgreSQL-dialect file wins per direction."""
    files = {}  # (stem, direction) -> {'pg': (path, ac), 'neutral': (path, ac)}
    for fname in sorted(os.listdir(folder)):
        path = os.path.join(folder, fname)
        if not os.path.isfile(path):
            continue
        parts = _split_updown(fname)
        if parts is None:
            continue
        stem, direction, dialect, ac = parts
        if dialect is None:
            kind = "neutral"
        elif dialect in PG_DIALECTS:
            kind = "pg"
        else:
            continue
        files.setdefault((stem, direction), {})[kind] = (path, ac)
    stems = sorted({s for (s, _) in files})
    out = []
    for stem in stems:
        chosen = {}
        for direction in ("up", "down"):
            cands = files.get((stem, direction), {})
            chosen[direction] = cands.get("pg") or cands.get("neutral")
        if chosen["up"] is None and chosen["down"] is None:
            continue
        # popx: ".autocommit." marks a file that must not run in a transaction
        up_ac = bool(chosen["up"] and chosen["up"][1])
        down_ac = bool(chosen["down"] and chosen["down"][1])
        m = Migration(
            stem,
            chosen["up"][0] if chosen["up"] else None,
            chosen["down"][0] if chosen["down"] else None,
            not (up_ac or down_ac),
            "autocommit infix" if (up_ac or down_ac) else "",
        )
        m.up_transactional = not up_ac
        m.down_transactional = not down_ac
        out.append(m)
    return out


_RUN_IN_TX = re.compile(r"^\s*run_in_transaction\s*=\s*(true|false)\s*(#.*)?$", re.M)


def discover_folder(folder):
    """diesel layout: <version>_<name>/up.sql + down.sql (+ metadata.toml)."""
    out = []
    for name in sorted(os.listdir(folder)):
        d = os.path.join(folder, name)
        if not os.path.isdir(d):
            continue
        up = os.path.join(d, "up.sql")
        down = os.path.join(d, "down.sql")
        if not os.path.isfile(up) and not os.path.isfile(down):
            continue
        tx, reason = True, ""
        meta = os.path.join(d, "metadata.toml")
        if os.path.isfile(meta):
            with open(meta, encoding="utf-8", errors="replace") as f:
                mm = _RUN_IN_TX.search(f.read())
            if mm and mm.group(1) == "false":
                tx, reason = False, "metadata.toml run_in_transaction=false"
        m = Migration(name, up if os.path.isfile(up) else None,
                      down if os.path.isfile(down) else None, tx, reason)
        m.up_transactional = m.down_transactional = tx
        out.append(m)
    return out


def detect_layout(folder):
    for name in os.listdir(folder):
        d = os.path.join(folder, name)
        if os.path.isdir(d) and (os.path.isfile(os.path.join(d, "up.sql"))
                                 or os.path.isfile(os.path.join(d, "down.sql"))):
            return "folder"
    return "updown"


def discover(folder, layout="auto"):
    if layout == "auto":
        layout = detect_layout(folder)
    if layout == "folder":
        migs = discover_folder(folder)
    elif layout == "updown":
        migs = discover_updown(folder)
    else:
        raise ValueError("unsupported layout: %s" % layout)
    migs.sort(key=lambda m: (m.key, m.id))
    return layout, migs


# ---------------------------------------------------------------- dumps

_NOISE_PREFIXES = ("--", "SET ", "SELECT pg_catalog.set_config", "\\restrict", "\\unrestrict")


def normalise_dump(text):
    """Drop comment lines, blank lines, SET / set_config noise and the
    \\restrict / \\unrestrict guard lines (random per dump) of pg_dump output."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith(_NOISE_PREFIXES):
            continue
        out.append(line)
    return "\n".join(out) + ("\n" if out else "")


# ---------------------------------------------------------------- truth.tsv

def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def eprint(*a):
    print(*a, file=sys.stderr)


# ---------------------------------------------------------------- object-level summary

_TOC = re.compile(r"^-- Name: (?P<name>.*); Type: (?P<type>.*?); Schema: (?P<schema>.*?); Owner: ")


def toc_entries(raw_dump):
    """Split raw pg_dump output into its TOC entries: {key: [normalised body lines]}
    in dump order, key = '<Type> <schema>.<name>' (or '<Type> <name>' without schema),
    e.g. 'TABLE public.users', 'DEFAULT public.users id', 'FK CONSTRAINT public.t t_a_fkey'."""
    entries = {}
    cur = None
    for line in raw_dump.splitlines():
        m = _TOC.match(line)
        if m:
            schema = m.group("schema")
            key = "%s %s%s" % (m.group("type"), "" if schema == "-" else schema + ".", m.group("name"))
            while key in entries:          # same name twice: keep both
                key += " "
            entries[key] = []
            cur = entries[key]
            continue
        if cur is None or not line.strip() or line.startswith(_NOISE_PREFIXES):
            continue
        cur.append(line)
    return entries


def summarise(before_raw, after_raw):
    """(diff_kind, summary) of two raw dumps, in the corpus truth's format:
    'lost: K; K | extra: K | changed: K | column_order: TABLE public.t'."""
    a = toc_entries(before_raw)
    b = toc_entries(after_raw)
    lost = [k.rstrip() for k in a if k not in b]
    extra = [k.rstrip() for k in b if k not in a]
    changed, column_order = [], []
    for k, body in a.items():
        if k not in b or b[k] == body:
            continue
        if k.startswith("TABLE ") and sorted(x.rstrip(",") for x in body) == sorted(x.rstrip(",") for x in b[k]):
            column_order.append(k.rstrip())
        else:
            changed.append(k.rstrip())
    parts, kinds = [], []
    for kind, keys in (("lost", lost), ("extra", extra), ("changed", changed), ("column_order", column_order)):
        if keys:
            kinds.append(kind)
            if len(keys) > 4:                  # the truth lists 4 and counts the rest
                keys = keys[:4] + ["+%d more" % (len(keys) - 4)]
            parts.append("%s: %s" % (kind, "; ".join(keys)))
    return "+".join(kinds), " | ".join(parts)
