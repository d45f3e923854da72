#!/usr/bin/env python3
"""Check a hostcheck NDJSON report line by line, as a log shipper (Filebeat, promtail) reads it.

usage: scripts/check-ndjson.py REPORT.ndjson [--results RESULTS.json]

Every line is one JSON object, valid on its own against docs/schema/ndjson-1.json (through
scripts/validate-json.py's offline resolver), and the file ends with a line feed. The lines come
in order: one `run` line first, then per host its `result` lines and its `host` line, and one
`summary` line last; every line has the run's `started_at`. With --results (the results JSON of
the same run): the same packs, the same results in the same order (host, pack, rule, outcome),
the same hosts in the same order, and the same summary counts. Exits 1 on any problem, 2 on a
usage error. Needs: pip install jsonschema.
"""
import argparse
import importlib.util
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
SCHEMA = HERE.parent / "docs/schema/ndjson-1.json"


def load_validator():
    spec = importlib.util.spec_from_file_location("validate_json", HERE / "validate-json.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    schema = module.load_json(SCHEMA)
    validator_class = module.jsonschema.validators.validator_for(schema)
    return module.make_validator(validator_class, schema, SCHEMA)


def main():
    parser = argparse.ArgumentParser(description="check a hostcheck NDJSON report")
    parser.add_argument("ndjson")
    parser.add_argument("--results")
    args = parser.parse_args()
    validator = load_validator()
    with open(args.ndjson, "rb") as handle:
        data = handle.read()
    problems = []
    if data and not data.endswith(b"\n"):
        problems.append("the last line has no line feed")
    lines = []
    for number, raw in enumerate(data.decode("utf-8").split("\n")[:-1] if data else [], start=1):
        try:
            line = json.loads(raw)
        except ValueError as error:
            problems.append(f"line {number}: not JSON: {error}")
            continue
        for error in list(validator.iter_errors(line))[:3]:
            problems.append(f"line {number}: schema: {error.message[:200]}")
        lines.append((number, line))
    records = [line.get("record") for _, line in lines]
    if not records or records[0] != "run" or records[-1] != "summary":
        problems.append("the first line is not `run` or the last is not `summary`")
    if records.count("run") != 1 or records.count("summary") != 1:
        problems.append(f"{records.count('run')} run and {records.count('summary')} summary lines, expected one each")
    if len({line.get("started_at") for _, line in lines}) > 1:
        problems.append("the lines do not share one started_at")
    pending = []
    hosts = []
    results = []
    for number, line in lines:
        if line.get("record") == "result":
            pending.append(line["result"])
            results.append(line["result"])
        elif line.get("record") == "host":
            name = line["host"]["name"]
            stray = [r for r in pending if r["host"] != name]
            if stray:
                problems.append(f"line {number}: host {name!r} follows results of {stray[0]['host']!r}")
            pending = []
            hosts.append(name)
    if pending:
        problems.append(f"{len(pending)} result line(s) after the last host line")
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            document = json.load(handle)
        run = next((line for _, line in lines if line.get("record") == "run"), {})
        summary = next((line for _, line in lines if line.get("record") == "summary"), {}).get("summary", {})
        if run.get("packs") != document["packs"]:
            problems.append("the run line's packs are not the results JSON's")
        key = lambda r: (r["host"], r["pack"], r["rule"], r["outcome"])  # noqa: E731
        if list(map(key, results)) != list(map(key, document["results"])):
            problems.append(f"{len(results)} results differ from the results JSON's {len(document['results'])} in content or order")
        if hosts != [host["name"] for host in document["hosts"]]:
            problems.append("the host lines are not the results JSON's hosts in order")
        for outcome in ("hosts", "rules", "pass", "fail", "unknown", "error", "skip", "waived"):
            if summary.get(outcome) != document["summary"][outcome]:
                problems.append(f"summary {outcome}: {summary.get(outcome)}, results JSON {document['summary'][outcome]}")
    for problem in problems[:20]:
        print(f"{args.ndjson}: error: {problem}")
    if not problems:
        print(f"{args.ndjson}: {len(lines)} line(s), each valid against ndjson-1.json: "
              f"1 run, {len(results)} result(s), {len(hosts)} host(s), 1 summary")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
