#!/usr/bin/env python3
"""Check a hostcheck `--format github` output the way the GitHub Actions runner reads it.

usage: scripts/check-github.py COMMANDS.txt [--results RESULTS.json] [--max-annotations N]

Every line must be one workflow command `::error|warning|notice [k=v,...]::data` whose
properties are file, line, col, title (escaped as the Actions toolkit does); no line may carry a
second command. There are at most N (default 10) ::error and ::warning lines, and the last line
is the ::notice summary. With --results (the results JSON of the same run): when the notice says
the findings were annotated one by one, there is an ::error per failing result and a ::warning
per unknown or error result, each titled `PACK/RULE on HOST`; when it says they were aggregated,
the annotations name the rules that need attention, most hosts first within an outcome, each
with its number of hosts. Exits 1 on any problem. Needs only Python.
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
    parser.add_argument("--max-annotations", type=int, default=10)
    args = parser.parse_args()
    last_notice = None
    aggregated = set()
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
                aggregated.add(properties["title"])
            last_notice = unescape(data) if kind == "notice" and properties.get("title") == "hostcheck" else None
            if "line" in properties and not properties["line"].isdigit():
                problems.append(f"line {number}: line={properties['line']!r} is not a number")
    annotations = counts["error"] + counts["warning"]
    if annotations > args.max_annotations:
        problems.append(f"{annotations} ::error/::warning annotations, more than --max-annotations {args.max_annotations}")
    if not last_notice:
        problems.append("the last line is not the ::notice summary")
    if args.results and last_notice:
        with open(args.results, encoding="utf-8") as handle:
            results = json.load(handle)["results"]
        kinds = {"fail": "error", "unknown": "warning", "error": "warning"}
        hosts = {}
        for result in results:
            if result["outcome"] in kinds:
                rule = f"{result['pack']}/{result['rule']}"
                hosts.setdefault(rule, set()).add(result["host"])
        if " findings as " in last_notice:
            # Every rule gets its annotation when the rules (and a diagnostics line) fit the cap.
            if len(hosts) < args.max_annotations:
                for rule, names in hosts.items():
                    expected = f"{rule} on {len(names)} host" + ("" if len(names) == 1 else "s")
                    if expected not in aggregated:
                        problems.append(f"no aggregated annotation titled {expected!r}")
            findings = int(last_notice.split(" findings as ")[0].rsplit(" ", 1)[-1])
            if findings < sum(1 for r in results if r["outcome"] in kinds):
                problems.append(f"the notice counts {findings} findings, fewer than the results JSON's")
        else:
            expected = {"error": 0, "warning": 0}
            for result in results:
                if result["outcome"] in kinds:
                    expected[kinds[result["outcome"]]] += 1
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
