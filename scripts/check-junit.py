#!/usr/bin/env python3
"""Check a hostcheck JUnit report with junitparser, the parser CI tools' users rely on.

usage: scripts/check-junit.py JUNIT.xml [--results RESULTS.json]

Parses the file with junitparser, checks that every <testsuite>'s tests/failures/errors/skipped
attributes equal what its <testcase> elements contain, that every testcase's classname is
`HOST.PACK` for its suite's host (so Jenkins and GitLab keep the hosts of a fleet apart) and that
no two testcases share a (classname, name) pair. With --results it checks the totals against
the results JSON of the same run (failures = fail, errors = error + unknown, skipped = skip +
waived) and that every suite names every pack of the run in a `pack` property
(`ID VERSION FILE sha256:HEX`). Exits 1 on any mismatch, 2 on a usage error.
Needs: pip install junitparser.
"""
import argparse
import json
import sys

try:
    from junitparser import Error, Failure, JUnitXml, Skipped
except ImportError as error:
    print(f"check-junit: error: {error}; install it with `pip install junitparser`", file=sys.stderr)
    sys.exit(2)


def main():
    parser = argparse.ArgumentParser(description="check a hostcheck JUnit report")
    parser.add_argument("junit")
    parser.add_argument("--results", help="results JSON of the same run, to compare totals")
    args = parser.parse_args()
    problems = []
    try:
        xml = JUnitXml.fromfile(args.junit)
    except Exception as error:  # junitparser raises lxml/ElementTree errors of several types
        print(f"{args.junit}: error: not parsable JUnit XML: {error}")
        return 1
    suites = [xml] if xml._tag == "testsuite" else list(xml)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    pairs = set()
    packs = None
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            packs = [f"{p['id']} {p['version']} {p['file']} sha256:{p['sha256']}" for p in json.load(handle)["packs"]]
    for suite in suites:
        properties = [prop.value for prop in suite.properties() if prop.name == "pack"]
        if packs is not None and properties != packs:
            problems.append(f"suite {suite.name!r}: pack properties {properties} are not the run's packs {packs}")
        counted = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for case in suite:
            counted["tests"] += 1
            for result in case.result:
                if isinstance(result, Failure):
                    counted["failures"] += 1
                elif isinstance(result, Error):
                    counted["errors"] += 1
                elif isinstance(result, Skipped):
                    counted["skipped"] += 1
            if not case.classname or not case.name:
                problems.append(f"suite {suite.name!r}: a testcase lacks classname or name")
                continue
            if not case.classname.startswith(suite.name + ".") and not case.classname.startswith(suite.name + " ("):
                problems.append(f"suite {suite.name!r}: classname {case.classname!r} does not start with the host")
            if (case.classname, case.name) in pairs:
                problems.append(f"suite {suite.name!r}: ({case.classname!r}, {case.name!r}) repeats an earlier testcase")
            pairs.add((case.classname, case.name))
        for key, value in counted.items():
            declared = getattr(suite, key)
            if declared != value:
                problems.append(f"suite {suite.name!r}: {key}={declared} but its testcases give {value}")
            totals[key] += value
    print(f"{args.junit}: {len(suites)} suite(s), " + ", ".join(f"{v} {k}" for k, v in totals.items())
          + f", {len(pairs)} distinct (classname, name) pairs")
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            summary = json.load(handle)["summary"]
        expected = {
            "tests": sum(summary[k] for k in ("pass", "fail", "unknown", "error", "skip", "waived")),
            "failures": summary["fail"],
            "errors": summary["error"] + summary["unknown"],
            "skipped": summary["skip"] + summary["waived"],
        }
        for key, value in expected.items():
            if totals[key] != value:
                problems.append(f"{key}: JUnit has {totals[key]}, results JSON says {value}")
    for problem in problems:
        print(f"{args.junit}: error: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
