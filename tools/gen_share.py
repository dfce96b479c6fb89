#!/usr/bin/env python3
"""Write what the package installs besides the binary, from the built binary:
the man page miglint.1.gz and the completion scripts miglint.bash, _miglint
(zsh) and miglint.fish.

    tools/gen_share.py MIGLINT_BINARY OUT_DIR

Every command's section of the man page is its `--help` text and the RULES
section is `miglint rules --json`, so the page cannot drift from the binary.
"""
import gzip
import json
import os
import re
import subprocess
import sys


def run(binary, *args):
    text = subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout
    # CLI11 names the program as it was started; the page names the command.
    return text.replace(binary + " ", "miglint ")


def esc(text):
    """Escapes text for roff: backslashes, and a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return re.sub(r"^([.'])", r"\\&\1", text, flags=re.M)


def literal(text):
    return ".nf\n.RS 4\n" + esc(text.rstrip("\n")) + "\n.RE\n.fi\n"


def manpage(binary):
    version = run(binary, "--version").strip()
    top = run(binary, "--help")
    commands = []
    in_commands = False
    for line in top.splitlines():
        if line.strip() == "Subcommands:":
            in_commands = True
            continue
        if in_commands:
            m = re.match(r"^\s+(\S+)\s+(.*)$", line)
            if not m:
                break
            commands.append((m.group(1), m.group(2)))
    if not commands:
        sys.exit("gen_manpage: no subcommands found in `miglint --help`")
    rules = json.loads(run(binary, "rules", "--json"))
    number = re.search(r"miglint (\S+)", version).group(1)

    page = [
        '.TH MIGLINT 1 "" "miglint %s" "User Commands"' % number,
        ".SH NAME",
        "miglint \\- static analysis for PostgreSQL migration folders",
        ".SH SYNOPSIS",
    ]
    for name, _ in commands:
        page.append(".B miglint %s\n.RI [ options ]\n.br" % name)
    page += [
        ".SH DESCRIPTION",
        esc("miglint parses every migration with PostgreSQL's own grammar, replays the whole folder "
            "into an in-memory schema model, and reports what a reviewer must know before a migration "
            "reaches a database: down files that do not restore the schema, protected objects touched, "
            "drops nobody declared, statements that lock or rewrite tables, and folder mistakes "
            "(missing halves, version collisions)."),
        ".PP",
        esc("This build: " + version + "."),
        ".SH COMMANDS",
    ]
    for name, summary in commands:
        page += [".SS miglint %s" % name, literal(run(binary, name, "--help"))]
    page += [
        ".SH EXIT STATUS",
        ".TP\n.B 0\nno finding at or above \\fB\\-\\-fail\\-on\\fR (default: warning)",
        ".TP\n.B 1\nfindings at or above \\fB\\-\\-fail\\-on\\fR; a broken migration file is a finding",
        ".TP\n.B 2\na usage, configuration or I/O error prevented the analysis",
        ".SH CONFIGURATION",
        esc("miglint.toml in the working directory or the nearest parent, or the file given with "
            "--config. Unknown keys and bad values are reported with file:line and exit 2."),
        literal('pg_version = 15\n[migrations]\ndir = "migrations"\nlayout = "auto"\n[rules]\n'
                'ignore = ["prefer-text-field"]\n[rules.severity]\nban-drop-column = "error"\n'
                '[[protect]]\ncolumn = "workspaces.runtime_image_digest"\nreason = "care zone"'),
        ".SH SUPPRESSIONS",
        esc("-- miglint-ignore rule-id: reason    (the next statement, or the one on the same line)"),
        ".br",
        esc("-- miglint-ignore-file rule-id: reason    (the whole file)"),
        ".SH RULES",
        esc("Each rule's full documentation: miglint explain RULE, or /usr/share/doc/miglint/rules/RULE.md."),
    ]
    for r in rules:
        tag = r["severity"] + (", opt-in" if r.get("opt_in") else "")
        page.append(".TP\n.B %s\n(%s) %s" % (esc(r["id"]), tag, esc(r["summary"])))
    page += [".SH SEE ALSO", "psql(1), pg_dump(1)", ""]
    return "\n".join(page)


def main():
    binary, out = os.path.abspath(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    # mtime 0 and no file name in the header: the same bytes on every build.
    with open(os.path.join(out, "miglint.1.gz"), "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(manpage(binary).encode("utf-8"))
    for shell, name in (("bash", "miglint.bash"), ("zsh", "_miglint"), ("fish", "miglint.fish")):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(run(binary, "completions", shell))


if __name__ == "__main__":
    main()
