#!/usr/bin/env python3
"""Check a hostcheck SARIF file: the official 2.1.0 schema plus what GitHub code scanning demands.

usage: scripts/check-sarif.py SARIF [--schema sarif-schema-2.1.0.json] [--results RESULTS.json] [--root DIR]

Validates against the SARIF 2.1.0 JSON schema (default: ../shared/data/sarif/sarif-schema-2.1.0.json
beside the repository; when that default is absent, as on a fresh clone, the schema part is
skipped with a notice), then checks GitHub's extra demands: every result's ruleId is in
tool.driver.rules, security-severity is a numeric string in 0..10, artifact URIs are relative with a
uriBaseId (or absolute file: URIs), every result has partialFingerprints, and fingerprints are
unique per run. Then hostcheck's own (docs/reports.md, "sarif"): every result has exactly one
location, with a physicalLocation and logicalLocations naming its host (kind `host`, then a
`socket` when there is one); no URI points at a pseudo-file (`NETLINK_SOCK_DIAG`, `/proc`,
`builtin:`) or leaves the repository (`..`). With --root DIR (the directory the report was made
in), every relative URI must be a file under DIR. With --results, the number of results must
equal fail + unknown + error + waived of the results JSON of the same run, and
tool.extensions must name its packs with their sha256.
Exits 1 on any problem, 2 on a usage error. Needs: pip install jsonschema.
"""
import argparse
import json
import os
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




def location_problems(where, location, host, root):
    """hostcheck's rules for one location: a physical file in the repository, the host and socket."""
    problems = []
    artifact = location.get("physicalLocation", {}).get("artifactLocation", {})
    uri = artifact.get("uri", "")
    if not uri:
        problems.append(f"{where}: no physicalLocation.artifactLocation.uri")
    path = urllib.parse.unquote(urllib.parse.urlparse(uri).path if uri.startswith("file:") else uri)
    pseudo = path.startswith(("NETLINK_SOCK_DIAG", "builtin")) or (uri.startswith("file:") and path.startswith("/proc/"))
    if pseudo or path == "/proc" or ":" in path.split("/")[0]:
        problems.append(f"{where}: uri {uri!r} points at a pseudo-file")
    if ".." in path.split("/"):
        problems.append(f"{where}: uri {uri!r} leaves the repository")
    if root and not uri.startswith("file:") and not os.path.isfile(os.path.join(root, path)):
        problems.append(f"{where}: uri {uri!r} is not a file under {root}")
    logical = location.get("logicalLocations") or []
    if host is not None:
        if not logical or logical[0].get("kind") != "host" or logical[0].get("name") != host:
            problems.append(f"{where}: logicalLocations do not start with host {host!r}")
        if any(item.get("kind") not in ("host", "socket") for item in logical):
            problems.append(f"{where}: a logical location is neither host nor socket")
    return problems


def hostcheck_problems(sarif, root, packs):
    problems = []
    for run_index, run in enumerate(sarif.get("runs", [])):
        for index, result in enumerate(run.get("results", [])):
            where = f"runs[{run_index}].results[{index}]"
            host = result.get("properties", {}).get("host")
            locations = result.get("locations") or []
            if len(locations) != 1:
                problems.append(f"{where}: {len(locations)} locations, expected exactly one")
            for number, location in enumerate(locations + (result.get("relatedLocations") or [])):
                problems += location_problems(f"{where} location {number}", location, host, root)
            for suppression in result.get("suppressions", []):
                if "location" in suppression:
                    problems += location_problems(f"{where} suppression", suppression["location"], None, root)
        for index, notification in enumerate(run.get("invocations", [{}])[0].get("toolExecutionNotifications", [])):
            for location in notification.get("locations", []):
                problems += location_problems(f"runs[{run_index}] notification {index}", location, None, root)
        if packs is not None:
            named = [(e.get("name"), e.get("version"), e.get("properties", {}).get("file"), e.get("properties", {}).get("sha256"))
                     for e in run.get("tool", {}).get("extensions", [])]
            if named != packs:
                problems.append(f"runs[{run_index}]: tool.extensions {named} are not the run's packs {packs}")
    return problems


def main():
    parser = argparse.ArgumentParser(description="check a hostcheck SARIF file")
    parser.add_argument("sarif")
    parser.add_argument("--schema", help=f"the SARIF 2.1.0 schema (default: {DEFAULT_SCHEMA}, skipped when absent)")
    parser.add_argument("--results", help="results JSON of the same run, to compare counts")
    parser.add_argument("--root", help="the directory the report was made in: relative URIs must be files there")
    args = parser.parse_args()
    schema = None
    if args.schema or DEFAULT_SCHEMA.is_file():
        path = args.schema or str(DEFAULT_SCHEMA)
        try:
            with open(path, encoding="utf-8") as handle:
                schema = json.load(handle)
        except (OSError, ValueError) as error:
            print(f"check-sarif: error: cannot read schema {path}: {error}", file=sys.stderr)
            return 2
    else:
        print(f"{args.sarif}: notice: {DEFAULT_SCHEMA} is absent (no ../shared beside the repository); "
              "the schema validation is skipped, the other checks run")
    try:
        with open(args.sarif, encoding="utf-8") as handle:
            sarif = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"{args.sarif}: error: not readable JSON: {error}")
        return 1
    problems = []
    if schema is not None:
        validator = jsonschema.validators.validator_for(schema)(schema)
        problems += [f"schema: {'/'.join(map(str, e.absolute_path)) or '$'}: {e.message[:300]}"
                     for e in validator.iter_errors(sarif)]
    problems += github_problems(sarif)
    packs = None
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            document = json.load(handle)
        packs = [(p["id"], p["version"], p["file"], p["sha256"]) for p in document["packs"]]
    problems += hostcheck_problems(sarif, args.root, packs)
    results = sum(len(run.get("results", [])) for run in sarif.get("runs", []))
    if args.results:
        summary = document["summary"]
        expected = summary["fail"] + summary["unknown"] + summary["error"] + summary["waived"]
        if results != expected:
            problems.append(f"{results} results, but the results JSON has {expected} fail/unknown/error/waived")
    for problem in problems:
        print(f"{args.sarif}: error: {problem}")
    if not problems:
        what = "valid SARIF 2.1.0" if schema is not None else "SARIF (schema not checked)"
        print(f"{args.sarif}: {what}, {results} result(s), GitHub and location checks passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
