#!/usr/bin/env python3
"""Prints the shell steps of a declarative Jenkinsfile as JSON, in file order, so that CI can run
them as Jenkins would (scripts/ci-package.sh runs docs/examples/Jenkinsfile's).

A step is `sh '''...'''` or `sh(script: '''...''', returnStatus: true)`; each becomes
{"script": TEXT, "returnStatus": BOOL}. Jenkins runs a step with `sh -xe` in the workspace and
fails the build when it exits non-zero, unless returnStatus is true (the pipeline then decides).
Only triple-single-quoted scripts are read, and one holding a backslash is refused: Groovy would
interpret it, and running the text unchanged would not be running what Jenkins runs. Any other
`sh` form is refused too, so a step cannot be skipped silently.

Usage: scripts/jenkinsfile-steps.py Jenkinsfile
"""
import json
import re
import sys

STEP = re.compile(r"\bsh\s*(\(\s*script:\s*)?'''(.*?)'''(\s*,\s*returnStatus:\s*true\s*\))?", re.S)
ANY_SH = re.compile(r"\bsh\s*[('\"]")


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: jenkinsfile-steps.py Jenkinsfile", file=sys.stderr)
        return 64
    text = open(sys.argv[1], encoding="utf-8").read()
    steps = []
    covered = []
    for match in STEP.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        opened, body, status = match.group(1), match.group(2), match.group(3)
        if bool(opened) != bool(status):
            print(f"{sys.argv[1]}:{line}: sh(script: ...) needs returnStatus: true here", file=sys.stderr)
            return 65
        if "\\" in body:
            print(f"{sys.argv[1]}:{line}: a backslash in a step's script (Groovy would change it)", file=sys.stderr)
            return 65
        steps.append({"line": line, "script": body, "returnStatus": bool(status)})
        covered.append((match.start(), match.end()))
    for match in ANY_SH.finditer(text):
        if not any(start <= match.start() < end for start, end in covered):
            line = text.count("\n", 0, match.start()) + 1
            print(f"{sys.argv[1]}:{line}: an sh step this extractor does not read", file=sys.stderr)
            return 65
    if not steps:
        print(f"{sys.argv[1]}: no sh step", file=sys.stderr)
        return 65
    json.dump(steps, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
