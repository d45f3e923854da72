#!/usr/bin/env python3
"""Check a hostcheck TAP report with tappy (PyPI `tap.py`), a TAP version 14 consumer.

usage: scripts/check-tap.py REPORT.tap [--results RESULTS.json]

Requires `TAP version 14` first, exactly one plan that matches the test points (numbered 1..N in
order), a parsable YAML block after every `not ok`, and no line tappy cannot classify outside YAML
blocks. With --results (the results JSON of the same run): passed = pass,
failed = fail + unknown + error, skipped = skip + waived. Exits 1 on any problem.
Needs: pip install "tap.py[yaml]". (Perl's TAP::Parser 3.44 in Debian bookworm, behind `prove`,
refuses TAP version 14; newer Test::Harness releases read it.)
"""
import argparse
import json
import sys

try:
    from tap.parser import Parser
    import yaml  # noqa: F401  (tappy parses YAML blocks only when PyYAML is present)
except ImportError as error:
    print(f"check-tap: error: {error}; install it with `pip install \"tap.py[yaml]\"`", file=sys.stderr)
    sys.exit(2)


def main():
    parser = argparse.ArgumentParser(description="check a hostcheck TAP report")
    parser.add_argument("tap")
    parser.add_argument("--results")
    args = parser.parse_args()
    with open(args.tap, encoding="utf-8") as handle:
        text = handle.read()
    problems = []
    lines = list(Parser().parse_text(text))
    if not lines or lines[0].category != "version" or lines[0].version != 14:
        problems.append("the first line is not `TAP version 14`")
    plans = [line for line in lines if line.category == "plan"]
    tests = [line for line in lines if line.category == "test"]
    if len(plans) != 1:
        problems.append(f"{len(plans)} plans, expected exactly one")
    elif plans[0].expected_tests != len(tests):
        problems.append(f"plan says {plans[0].expected_tests} test(s), the report has {len(tests)}")
    for expected, test in enumerate(tests, start=1):
        if test.number != expected:
            problems.append(f"test point {test.number} where {expected} was expected")
        if not test.ok and not test.yaml_block:
            problems.append(f"not ok {test.number} has no parsable YAML diagnostics block")
    unknown = [line for line in lines if line.category == "unknown"]
    if unknown:
        problems.append(f"{len(unknown)} line(s) are not TAP (first: {unknown[0].text[:80]!r})")
    passed = sum(1 for t in tests if t.ok and not t.skip)
    failed = sum(1 for t in tests if not t.ok)
    skipped = sum(1 for t in tests if t.skip)
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            summary = json.load(handle)["summary"]
        expected = {"passed": summary["pass"], "failed": summary["fail"] + summary["unknown"] + summary["error"],
                    "skipped": summary["skip"] + summary["waived"]}
        got = {"passed": passed, "failed": failed, "skipped": skipped}
        for key in expected:
            if got[key] != expected[key]:
                problems.append(f"{key}: TAP has {got[key]}, results JSON says {expected[key]}")
    for problem in problems:
        print(f"{args.tap}: error: {problem}")
    if not problems:
        print(f"{args.tap}: TAP 14, plan 1..{len(tests)}, {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
