#!/usr/bin/env python3
"""Runs the composite GitHub Action in action.yml the way a runner would, for
tests: each step's `if`, `env` and `run` (bash -eo pipefail, as GitHub's
`shell: bash`), with GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STEP_SUMMARY and
GITHUB_ACTION_PATH, and the steps' outputs fed to the later steps. A `uses:`
step is not run; it is recorded with its evaluated `with:`.

    tests/action_runner.py ACTION_YML WORKSPACE input=value ...

Prints one JSON object: every step's name, whether it ran, its exit code and
output, the action's outputs, and whether the job failed.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def lookup(name, ctx):
    parts = name.split(".")
    if parts[0] == "inputs":
        return ctx["inputs"].get(parts[1], "")
    if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
        return ctx["steps"].get(parts[1], {}).get(parts[3], "")
    if parts[0] == "github" and parts[1] == "action_path":
        return ctx["action_path"]
    raise ValueError("expression not understood by the test runner: " + name)


def evaluate(expr, ctx):
    """The subset action.yml uses: a && b, always(), success(), X == 'v', X != 'v', X."""
    terms = [t.strip() for t in expr.split("&&")]
    value = True
    for t in terms:
        if t == "always()":
            continue
        if t == "success()":
            value = value and not ctx["failed"]
            continue
        m = re.fullmatch(r"([\w.-]+)\s*(==|!=)\s*'([^']*)'", t)
        if m:
            left = lookup(m.group(1), ctx)
            value = value and ((left == m.group(3)) == (m.group(2) == "=="))
            continue
        value = value and bool(lookup(t, ctx))
    if "always()" not in terms and "success()" not in terms:
        value = value and not ctx["failed"]
    return value


def substitute(text, ctx):
    return EXPR.sub(lambda m: str(lookup(m.group(1), ctx)), str(text))


def read_kv(path):
    out = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                out[k] = v
    return out


def main():
    action_yml, workspace = sys.argv[1], sys.argv[2]
    action_path = os.path.dirname(os.path.abspath(action_yml))
    with open(action_yml) as f:
        action = yaml.safe_load(f)
    inputs = {k: str(v.get("default", "")) for k, v in action.get("inputs", {}).items()}
    for arg in sys.argv[3:]:
        k, v = arg.split("=", 1)
        if k not in inputs:
            sys.exit("unknown input: " + k)
        inputs[k] = v
    ctx = {"inputs": inputs, "steps": {}, "action_path": action_path, "failed": False}
    tmp = tempfile.mkdtemp()
    path_file = os.path.join(tmp, "path")
    summary = os.path.join(tmp, "summary")
    open(path_file, "w").close()
    open(summary, "w").close()
    extra_path = []
    report = {"steps": []}
    assert action["runs"]["using"] == "composite"
    for i, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", "step %d" % i)
        cond = step.get("if")
        if cond is not None:
            cond = EXPR.sub(lambda m: m.group(1), str(cond))
        runs = evaluate(cond, ctx) if cond is not None else not ctx["failed"]
        entry = {"name": name, "ran": runs}
        report["steps"].append(entry)
        if not runs:
            continue
        if "uses" in step:
            entry["uses"] = step["uses"]
            entry["with"] = {k: substitute(v, ctx) for k, v in step.get("with", {}).items()}
            continue
        assert step.get("shell") == "bash", name + ": composite run steps need shell: bash"
        out_file = os.path.join(tmp, "output%d" % i)
        open(out_file, "w").close()
        env = dict(os.environ)
        env.update({k: substitute(v, ctx) for k, v in step.get("env", {}).items()})
        env.update({
            "GITHUB_ACTION_PATH": action_path, "GITHUB_OUTPUT": out_file, "GITHUB_PATH": path_file,
            "GITHUB_STEP_SUMMARY": summary, "GITHUB_WORKSPACE": workspace, "GITHUB_ACTIONS": "true",
            "CI": "true", "RUNNER_TEMP": tmp,
        })
        if extra_path:
            env["PATH"] = ":".join(extra_path) + ":" + env["PATH"]
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", substitute(step["run"], ctx)],
                              cwd=workspace, env=env, capture_output=True, text=True)
        entry.update({"exit": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr})
        if "id" in step:
            ctx["steps"][step["id"]] = read_kv(out_file)
        with open(path_file) as f:
            extra_path = [line.strip() for line in f if line.strip()][::-1]
        if proc.returncode != 0:
            ctx["failed"] = True
    report["outputs"] = {k: substitute(v["value"], ctx) for k, v in action.get("outputs", {}).items()}
    report["failed"] = ctx["failed"]
    with open(summary) as f:
        report["summary"] = f.read()
    json.dump(report, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
