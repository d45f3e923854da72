#!/usr/bin/env python3
"""Check a hostcheck `--format github` output the way the GitHub Actions runner reads it.

usage: scripts/check-github.py COMMANDS.txt [--results RESULTS.json]

Every line must be one workflow command `::error|warning|notice [k=v,...]::data` whose
properties are file, line, col, title (escaped as the Actions toolkit does); no line may carry a
second command. With --results (the results JSON of the same run), the number of ::error lines
for results must equal, over failing results, the evidence with a source (at least one each), and
likewise ::warning for unknown and error results. Exits 1 on any problem. Needs only Python.
"""
import argparse
import json
import re
import sys

COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")
PROPERTY_KEYS = {"file", "line", "col", "endLine", "endColumn", "title"}


def unescape(value):
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def main():
    parser = argparse.ArgumentParser(description="check GitHub workflow commands")
    parser.add_argument("commands")
    parser.add_argument("--results")
    args = parser.parse_args()
    problems = []
    counts = {"error": 0, "warning": 0, "notice": 0}
    titled = {"error": 0, "warning": 0}
    with open(args.commands, encoding="utf-8") as handle:
        for number, line in enumerate(handle.read().splitlines(), start=1):
            match = COMMAND.match(line)
            if not match:
                problems.append(f"line {number}: not a workflow command: {line[:80]!r}")
                continue
            kind, props, data = match.groups()
            counts[kind] += 1
            properties = {}
            for item in (props.split(",") if props else []):
                key, _, value = item.partition("=")
                if key not in PROPERTY_KEYS:
                    problems.append(f"line {number}: unknown property {key!r}")
                properties[key] = unescape(value)
            if "\n" in unescape(data) or "::" in data and data.lstrip().startswith("::"):
                problems.append(f"line {number}: data could start another command")
            if kind in titled and properties.get("title", "hostcheck") != "hostcheck":
                titled[kind] += 1
            if "line" in properties and not properties["line"].isdigit():
                problems.append(f"line {number}: line={properties['line']!r} is not a number")
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            results = json.load(handle)["results"]
        expected = {"error": 0, "warning": 0}
        for result in results:
            kind = {"fail": "error", "unknown": "warning", "error": "warning"}.get(result["outcome"])
            if kind:
                expected[kind] += max(1, sum(1 for e in result["evidence"] if e["source"]))
        for kind in expected:
            if titled[kind] != expected[kind]:
                problems.append(f"{titled[kind]} ::{kind} annotations for results, the results JSON implies {expected[kind]}")
    for problem in problems:
        print(f"{args.commands}: error: {problem}")
    if not problems:
        print(f"{args.commands}: {counts['error']} error, {counts['warning']} warning, {counts['notice']} notice command(s), all well formed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
