#!/usr/bin/env python3
"""Check a hostcheck SARIF file: the official 2.1.0 schema plus what GitHub code scanning demands.

usage: scripts/check-sarif.py SARIF [--schema sarif-schema-2.1.0.json] [--results RESULTS.json]

Validates against the SARIF 2.1.0 JSON schema (default: ../shared/data/sarif/sarif-schema-2.1.0.json
beside the repository), then checks GitHub's extra demands: every result's ruleId is in
tool.driver.rules, security-severity is a numeric string in 0..10, artifact URIs are relative with a
uriBaseId (or absolute file: URIs), every result has a location and partialFingerprints, and
fingerprints are unique per run. With --results, the number of results must equal
fail + unknown + error + waived of the results JSON of the same run.
Exits 1 on any problem, 2 on a usage error. Needs: pip install jsonschema.
"""
import argparse
import json
import pathlib
import sys
import urllib.parse

try:
    import jsonschema
except ImportError as error:
    print(f"check-sarif: error: {error}; install it with `pip install jsonschema`", file=sys.stderr)
    sys.exit(2)

DEFAULT_SCHEMA = pathlib.Path(__file__).resolve().parent.parent.parent / "shared/data/sarif/sarif-schema-2.1.0.json"


def github_problems(sarif):
    problems = []
    for run_index, run in enumerate(sarif.get("runs", [])):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        rule_ids = [rule.get("id") for rule in rules]
        if len(set(rule_ids)) != len(rule_ids):
            problems.append(f"runs[{run_index}]: duplicate rule ids in tool.driver.rules")
        for rule in rules:
            value = rule.get("properties", {}).get("security-severity")
            try:
                if not isinstance(value, str) or not 0.0 <= float(value) <= 10.0:
                    raise ValueError
            except ValueError:
                problems.append(f"rule {rule.get('id')!r}: security-severity {value!r} is not a numeric string in 0..10")
        fingerprints = set()
        for index, result in enumerate(run.get("results", [])):
            where = f"runs[{run_index}].results[{index}]"
            rule_id = result.get("ruleId")
            if rule_id not in rule_ids:
                problems.append(f"{where}: ruleId {rule_id!r} is not in tool.driver.rules")
            elif "ruleIndex" in result and rule_ids[result["ruleIndex"]] != rule_id:
                problems.append(f"{where}: ruleIndex {result['ruleIndex']} does not point at {rule_id!r}")
            locations = result.get("locations") or []
            if not locations:
                problems.append(f"{where}: no location")
            for location in locations:
                artifact = location.get("physicalLocation", {}).get("artifactLocation", {})
                uri = artifact.get("uri", "")
                scheme = urllib.parse.urlparse(uri).scheme
                if scheme and scheme != "file":
                    problems.append(f"{where}: artifact uri {uri!r} is neither relative nor file:")
                if not scheme and "uriBaseId" not in artifact:
                    problems.append(f"{where}: relative artifact uri {uri!r} has no uriBaseId")
                if uri.startswith("/"):
                    problems.append(f"{where}: artifact uri {uri!r} is an absolute path, not a URI")
            fingerprint = json.dumps(result.get("partialFingerprints"), sort_keys=True)
            if not result.get("partialFingerprints"):
                problems.append(f"{where}: no partialFingerprints")
            elif fingerprint in fingerprints:
                problems.append(f"{where}: partialFingerprints repeat an earlier result's")
            fingerprints.add(fingerprint)
            if not result.get("message", {}).get("text"):
                problems.append(f"{where}: no message.text")
    return problems


def main():
    parser = argparse.ArgumentParser(description="check a hostcheck SARIF file")
    parser.add_argument("sarif")
    parser.add_argument("--schema", default=str(DEFAULT_SCHEMA))
    parser.add_argument("--results", help="results JSON of the same run, to compare counts")
    args = parser.parse_args()
    try:
        with open(args.schema, encoding="utf-8") as handle:
            schema = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"check-sarif: error: cannot read schema {args.schema}: {error}", file=sys.stderr)
        return 2
    try:
        with open(args.sarif, encoding="utf-8") as handle:
            sarif = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"{args.sarif}: error: not readable JSON: {error}")
        return 1
    validator = jsonschema.validators.validator_for(schema)(schema)
    problems = [f"schema: {'/'.join(map(str, e.absolute_path)) or '$'}: {e.message[:300]}"
                for e in validator.iter_errors(sarif)]
    problems += github_problems(sarif)
    results = sum(len(run.get("results", [])) for run in sarif.get("runs", []))
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            summary = json.load(handle)["summary"]
        expected = summary["fail"] + summary["unknown"] + summary["error"] + summary["waived"]
        if results != expected:
            problems.append(f"{results} results, but the results JSON has {expected} fail/unknown/error/waived")
    for problem in problems:
        print(f"{args.sarif}: error: {problem}")
    if not problems:
        print(f"{args.sarif}: valid SARIF 2.1.0, {results} result(s), GitHub checks passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
