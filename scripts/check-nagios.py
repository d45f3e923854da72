#!/usr/bin/env python3
"""Check `hostcheck check --format nagios` output against the Nagios plugin guidelines.

usage: scripts/check-nagios.py OUTPUT.txt [--exit-code N] [--results RESULTS.json]

The first line must be `HOSTCHECK STATUS - text | perfdata` and the last line may carry more
performance data after `|`; every perfdata item must match 'label'=value[UOM];[warn];[crit];[min];[max];
no other line may contain `|`. --exit-code checks the plugin's exit code against the status
(OK 0, WARNING 1, CRITICAL 2, UNKNOWN 3). --results compares the fail/unknown/pass/... perfdata
with the results JSON of the same run and recomputes the status from its results (critical: a
fail of severity high or critical; warning: any other fail; unknown: an unknown or error).
Exits 1 on any problem. Needs only Python.
"""
import argparse
import json
import re
import sys

STATUS = re.compile(r"^HOSTCHECK (OK|WARNING|CRITICAL|UNKNOWN) - ([^|]+?) \| (.+)$")
PERF = re.compile(r"^('[^'=]+'|[^'= ]+)=(-?[0-9.]+)([a-zA-Z%]*);([0-9.:~@-]*);([0-9.:~@-]*);([0-9.-]*);?([0-9.-]*)$")
CODES = {"OK": 0, "WARNING": 1, "CRITICAL": 2, "UNKNOWN": 3}


def main():
    parser = argparse.ArgumentParser(description="check Nagios plugin output")
    parser.add_argument("output")
    parser.add_argument("--exit-code", type=int)
    parser.add_argument("--results")
    args = parser.parse_args()
    with open(args.output, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    problems = []
    match = STATUS.match(lines[0]) if lines else None
    if not match:
        print(f"{args.output}: error: first line is not `HOSTCHECK STATUS - text | perfdata`")
        return 1
    status, _, perf = match.groups()
    perfdata = {}
    items = perf.split() + (lines[-1].split("|", 1)[1].split() if len(lines) > 1 and "|" in lines[-1] else [])
    for item in items:
        parsed = PERF.match(item)
        if not parsed:
            problems.append(f"perfdata item {item!r} does not follow the plugin guidelines")
        else:
            perfdata[parsed.group(1)] = float(parsed.group(2))
    for number, line in enumerate(lines[1:-1], start=2):
        if "|" in line:
            problems.append(f"line {number}: long output contains `|`")
    if args.exit_code is not None and args.exit_code != CODES[status]:
        problems.append(f"exit code {args.exit_code}, but the status {status} means {CODES[status]}")
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            document = json.load(handle)
        for outcome in ("pass", "fail", "unknown", "error", "skip", "waived"):
            if perfdata.get(outcome) != document["summary"][outcome]:
                problems.append(f"perfdata {outcome}={perfdata.get(outcome)}, results JSON {document['summary'][outcome]}")
        # Results version 3: a result's severity is its rule's, in `rules` by (pack, id).
        severity = {(rule["pack"], rule["id"]): rule["severity"] for rule in document["rules"]}
        fails = [severity[(r["pack"], r["rule"])] for r in document["results"] if r["outcome"] == "fail"]
        if any(s in ("high", "critical") for s in fails):
            expected = "CRITICAL"
        elif fails:
            expected = "WARNING"
        elif any(r["outcome"] in ("unknown", "error") for r in document["results"]):
            expected = "UNKNOWN"
        else:
            expected = "OK"
        if status != expected:
            problems.append(f"status {status}, the results JSON implies {expected}")
    for problem in problems:
        print(f"{args.output}: error: {problem}")
    if not problems:
        print(f"{args.output}: {status}, {len(perfdata)} perfdata item(s), {len(lines) - 2} long output line(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
