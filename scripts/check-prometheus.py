#!/usr/bin/env python3
"""Check a hostcheck Prometheus textfile with `promtool check metrics`, Prometheus' own linter.

usage: scripts/check-prometheus.py FILE.prom [--results RESULTS.json]

Runs promtool (Debian package `prometheus`) on the file; it must accept it with no problem.
Then checks that every (host, rule) has exactly one outcome at 1, and, with --results, that the
hostcheck_rules totals and the rule_result samples at 1 match the results JSON summary, and that
hostcheck_pack_info has one sample per pack of the results JSON with its version, source
(built-in or path), file and sha256.
Exits 1 on any problem, 2 when promtool is missing.
"""
import argparse
import collections
import json
import re
import shutil
import subprocess
import sys

SAMPLE = re.compile(r'^(hostcheck_[a-z_]+)(\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def main():
    parser = argparse.ArgumentParser(description="check a hostcheck Prometheus textfile")
    parser.add_argument("prom")
    parser.add_argument("--results")
    args = parser.parse_args()
    promtool = shutil.which("promtool")
    if not promtool:
        print("check-prometheus: error: promtool not found; install Debian package `prometheus`", file=sys.stderr)
        return 2
    with open(args.prom, "rb") as handle:
        data = handle.read()
    checked = subprocess.run([promtool, "check", "metrics"], input=data, capture_output=True)
    problems = []
    output = (checked.stdout + checked.stderr).decode("utf-8", "replace").strip()
    if checked.returncode != 0 or output:
        problems.append(f"promtool check metrics: exit {checked.returncode}: {output[:500]}")
    per_rule = collections.Counter()
    at_one = collections.Counter()
    totals = {}
    pack_info = []
    for line in data.decode("utf-8").splitlines():
        if line.startswith("#") or not line:
            continue
        match = SAMPLE.match(line)
        if not match:
            problems.append(f"unexpected line {line[:80]!r}")
            continue
        name, _, labels, value = match.groups()
        labels = dict(LABEL.findall(labels or ""))
        if name == "hostcheck_rule_result" and float(value) == 1:
            per_rule[(labels["host"], labels["pack"], labels["rule"])] += 1
            at_one[labels["outcome"]] += 1
        elif name == "hostcheck_pack_info":
            pack_info.append(labels)
        elif name == "hostcheck_rules":
            totals[labels["outcome"]] = int(float(value))
    for key, count in per_rule.items():
        if count != 1:
            problems.append(f"{key} has {count} outcomes at 1")
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            document = json.load(handle)
        summary = document["summary"]
        expected_packs = [{"pack": p["id"], "version": p["version"],
                           "source": "built-in" if p["file"].startswith("builtin:") else "path",
                           "file": p["file"], "sha256": p["sha256"]} for p in document["packs"]]
        if pack_info != expected_packs:
            problems.append(f"hostcheck_pack_info {pack_info} is not the run's packs {expected_packs}")
        for outcome in ("pass", "fail", "unknown", "error", "skip", "waived"):
            if totals.get(outcome) != summary[outcome] or at_one[outcome] != summary[outcome]:
                problems.append(f"{outcome}: hostcheck_rules {totals.get(outcome)}, rule_result samples {at_one[outcome]}, "
                                f"results JSON {summary[outcome]}")
    for problem in problems:
        print(f"{args.prom}: error: {problem}")
    if not problems:
        print(f"{args.prom}: promtool accepts it; {sum(per_rule.values())} (host, rule) result(s), "
              f"{len(pack_info)} hostcheck_pack_info sample(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
