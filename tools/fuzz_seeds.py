#!/usr/bin/env python3
"""Seeds the fuzz corpora from testdata/ (tools/fuzz.sh calls it).

    tools/fuzz_seeds.py CORPUS_DIR TARGET...

Writes CORPUS_DIR/<target>/seed-* for each target, in the input format of
fuzz/<target>_fuzzer.cpp; inputs found by earlier runs stay beside them.
"""
import hashlib
import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TESTDATA = os.path.join(ROOT, "testdata")
MAX_SEED = 65536


def files(suffix):
    for base, _, names in sorted(os.walk(TESTDATA)):
        for n in sorted(names):
            if n.endswith(suffix):
                yield os.path.join(base, n)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def sql_seeds():
    return [read(p) for p in files(".sql")]


def check_seeds():
    seeds = []
    for p in files(".up.sql"):
        down = p[: -len(".up.sql")] + ".down.sql"
        seeds.append(read(p) + (b"\n---- down\n" + read(down) if os.path.exists(down) else b""))
    return seeds + [read(p) for p in files(".sql") if not p.endswith((".up.sql", ".down.sql"))]


def config_seeds():
    return [read(p) for p in files("miglint.toml")]


def frame(msg):
    body = json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def lsp_seeds():
    seeds = []
    for p in list(files(".up.sql"))[:40]:
        uri = "file://" + p
        text = read(p).decode("utf-8", "replace")
        msgs = [
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"rootUri": None, "capabilities": {}}},
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
            {"jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": {"textDocument": {"uri": uri, "languageId": "sql", "version": 1, "text": text}}},
            {"jsonrpc": "2.0", "method": "textDocument/didChange",
             "params": {"textDocument": {"uri": uri, "version": 2},
                        "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                                      "end": {"line": 0, "character": 3}}, "text": "-- "}]}},
            {"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction",
             "params": {"textDocument": {"uri": uri},
                        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}},
                        "context": {"diagnostics": []}}},
            {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover",
             "params": {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 2}}},
            {"jsonrpc": "2.0", "id": 4, "method": "shutdown"},
            {"jsonrpc": "2.0", "method": "exit"},
        ]
        seeds.append(b"".join(frame(m) for m in msgs))
    return seeds


def folder_seeds():
    seeds = []
    for base in sorted(os.listdir(os.path.join(TESTDATA, "migrations"))):
        folder = os.path.join(TESTDATA, "migrations", base)
        entries = []
        for sub, _, names in sorted(os.walk(folder)):
            for n in sorted(names):
                p = os.path.join(sub, n)
                entries.append(os.path.relpath(p, folder).encode() + b"\n" + read(p))
        seed = b"\0".join(entries[:32])
        if seed:
            seeds.append(seed)
    return seeds


SEEDS = {"parse": sql_seeds, "check": check_seeds, "config": config_seeds, "lsp": lsp_seeds,
         "folder": folder_seeds}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    corpus = sys.argv[1]
    for target in sys.argv[2:]:
        out = os.path.join(corpus, target)
        os.makedirs(out, exist_ok=True)
        for seed in SEEDS[target]():
            seed = seed[:MAX_SEED]
            name = "seed-" + hashlib.sha1(seed).hexdigest()
            path = os.path.join(out, name)
            if not os.path.exists(path):
                with open(path, "wb") as f:
                    f.write(seed)


if __name__ == "__main__":
    main()
