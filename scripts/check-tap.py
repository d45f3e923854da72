#!/usr/bin/env python3
"""Check a hostcheck TAP report with two consumers: tappy (PyPI `tap.py`) and Perl's TAP::Parser,
the parser behind `prove` (Debian 12: TAP::Harness 3.44, which refuses `TAP version 14`).

usage: scripts/check-tap.py REPORT.tap [--results RESULTS.json]

Requires `TAP version 13` first, exactly one plan that matches the test points (numbered 1..N in
order), a parsable YAML block after every `not ok`, no line tappy cannot classify outside YAML
blocks, and no TODO directive (hostcheck writes none, so one would be a forged directive).
Then `prove` reads the file (`prove -e cat`, no parse errors, the same number of tests) and
TAP::Parser gives the same counts as tappy. With --results (the results JSON of the same run):
passed = pass, failed = fail + unknown + error, skipped = skip + waived, and every pack of the
results JSON is named by a `# pack ID VERSION FILE sha256:HEX` comment.
When perl's TAP::Parser or `prove` is missing, that part is skipped with a notice.
Exits 1 on any problem, 2 on a usage error. Needs: pip install "tap.py[yaml]".
"""
import argparse
import json
import shutil
import subprocess
import sys

try:
    from tap.parser import Parser
    import yaml  # noqa: F401  (tappy parses YAML blocks only when PyYAML is present)
except ImportError as error:
    print(f"check-tap: error: {error}; install it with `pip install \"tap.py[yaml]\"`", file=sys.stderr)
    sys.exit(2)

# Counts with TAP::Parser (the module `prove` runs): passed excludes skips, as tappy's count does.
PERL_COUNTS = r"""
use strict; use warnings; use TAP::Parser;
local $/; my $tap = <STDIN>;
my $p = TAP::Parser->new({ tap => $tap });
my ($passed, $failed, $skipped, $todo) = (0, 0, 0, 0);
while (my $r = $p->next) {
    next unless $r->is_test;
    if ($r->has_todo) { $todo++ }
    elsif ($r->has_skip) { $skipped++ }
    elsif ($r->is_ok) { $passed++ }
    else { $failed++ }
}
my @errors = $p->parse_errors;
print join("\t", $p->version, $p->tests_run, $passed, $failed, $skipped, $todo, scalar(@errors)), "\n";
print "$_\n" for @errors;
"""


def perl_problems(path, text, expected):
    """TAP::Parser's counts and `prove`'s reading; [] when they agree with `expected`."""
    problems = []
    perl = shutil.which("perl")
    if not perl or subprocess.run([perl, "-MTAP::Parser", "-e", "1"], capture_output=True).returncode != 0:
        print(f"{path}: notice: perl's TAP::Parser is not installed; the prove check is skipped")
        return problems
    run = subprocess.run([perl, "-e", PERL_COUNTS], input=text.encode("utf-8"), capture_output=True)
    if run.returncode != 0:
        return [f"TAP::Parser failed: {run.stderr.decode('utf-8', 'replace')[:300]}"]
    first, *errors = run.stdout.decode("utf-8", "replace").splitlines()
    version, tests, passed, failed, skipped, todo, error_count = first.split("\t")
    if int(error_count):
        problems.append(f"TAP::Parser (prove) parse errors: {'; '.join(errors)[:300]}")
    got = {"tests": int(tests), "passed": int(passed), "failed": int(failed), "skipped": int(skipped), "todo": int(todo)}
    for key, value in expected.items():
        if got[key] != value:
            problems.append(f"TAP::Parser counts {key}={got[key]}, tappy {value}")
    prove = shutil.which("prove")
    if prove:
        shown = subprocess.run([prove, "-e", "cat", path], capture_output=True)
        output = (shown.stdout + shown.stderr).decode("utf-8", "replace")
        if "Parse errors" in output:
            problems.append("prove reports parse errors: " + output.strip().splitlines()[-1][:200])
        if f"Tests={expected['tests']}," not in output:
            problems.append(f"prove does not report Tests={expected['tests']}: {output.strip()[-200:]}")
        summary = [line for line in output.splitlines() if line.startswith(("Files=", "Result:", "All tests"))]
        print(f"{path}: prove (TAP::Harness {version_of(prove)}): {' '.join(summary)}")
    else:
        print(f"{path}: notice: `prove` is not installed; TAP::Parser alone was run")
    print(f"{path}: TAP::Parser: version {version}, {tests} tests, {passed} passed, {failed} failed, {skipped} skipped")
    return problems


def version_of(prove):
    shown = subprocess.run([prove, "--version"], capture_output=True).stdout.decode("utf-8", "replace")
    return shown.split()[1] if shown.startswith("TAP::Harness") else "?"


def main():
    parser = argparse.ArgumentParser(description="check a hostcheck TAP report")
    parser.add_argument("tap")
    parser.add_argument("--results")
    args = parser.parse_args()
    with open(args.tap, encoding="utf-8") as handle:
        text = handle.read()
    problems = []
    lines = list(Parser().parse_text(text))
    if not lines or lines[0].category != "version" or lines[0].version != 13:
        problems.append("the first line is not `TAP version 13`")
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
        if test.todo:
            problems.append(f"test point {test.number} has a TODO directive, which hostcheck never writes")
    unknown = [line for line in lines if line.category == "unknown"]
    if unknown:
        problems.append(f"{len(unknown)} line(s) are not TAP (first: {unknown[0].text[:80]!r})")
    passed = sum(1 for t in tests if t.ok and not t.skip and not t.todo)
    failed = sum(1 for t in tests if not t.ok and not t.todo)
    skipped = sum(1 for t in tests if t.skip)
    problems += perl_problems(args.tap, text, {"tests": len(tests), "passed": passed, "failed": failed,
                                               "skipped": skipped, "todo": 0})
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            document = json.load(handle)
        summary = document["summary"]
        expected = {"passed": summary["pass"], "failed": summary["fail"] + summary["unknown"] + summary["error"],
                    "skipped": summary["skip"] + summary["waived"]}
        got = {"passed": passed, "failed": failed, "skipped": skipped}
        for key in expected:
            if got[key] != expected[key]:
                problems.append(f"{key}: TAP has {got[key]}, results JSON says {expected[key]}")
        comments = set(text.splitlines())
        for pack in document["packs"]:
            line = f"# pack {pack['id']} {pack['version']} {pack['file']} sha256:{pack['sha256']}"
            if line not in comments:
                problems.append(f"no `{line}` comment for pack {pack['id']}")
    for problem in problems:
        print(f"{args.tap}: error: {problem}")
    if not problems:
        print(f"{args.tap}: TAP 13, plan 1..{len(tests)}, tappy: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
