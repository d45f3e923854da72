#!/usr/bin/env python3
"""Check a hostcheck `--format csv` report with Python's csv module, as a spreadsheet import would.

usage: scripts/check-csv.py REPORT.csv [--results RESULTS.json]

Requires UTF-8 without a byte order mark, RFC 4180 structure (every record ends with CRLF, a
field is quoted or holds no quote, nothing follows a closing quote), a parse with the `excel`
dialect and strict=True, the exact header, eleven fields in every row, no field starting with
`=`, `+`, `-`, `@`, TAB or CR (formula injection), and no C0 control other than TAB, CR, LF and no
bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069). With --results (the results
JSON of the same run): one row per result, in order, with the same host, pack, rule and outcome
(after the same escaping and `'` prefix the reporter applies), and pack_version, pack_file and
pack_sha256 those of the result's pack in the results JSON's `packs`. Exits 1 on any problem, 2 on a
usage error. Needs only Python.
"""
import argparse
import csv
import io
import json
import re
import sys

HEADER = ["host", "pack", "rule", "severity", "outcome", "message", "evidence", "title",
          "pack_version", "pack_file", "pack_sha256"]
HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069]")
FORMULA = re.compile("'*[=+\\-@\t\r]")
SHOWN_LIMIT = 20


def shown(value):
    """A results JSON value as the CSV reporter writes it: hidden controls escaped, `'` before a formula."""
    value = HIDDEN.sub(lambda match: "\\u{%x}" % ord(match.group()), value)
    return "'" + value if FORMULA.match(value) else value


def structure_problems(text):
    """RFC 4180 structure the csv module tolerates: bare CR or LF, quotes inside unquoted fields."""
    problems = []
    quoted, field_start, line = False, True, 1
    for index, ch in enumerate(text):
        after = text[index + 1:index + 2]
        if quoted:
            if ch == '"':
                if after == '"':
                    quoted = None  # the first of a doubled quote: the next one stays inside
                else:
                    quoted = False
                    if after not in (",", "\r", ""):
                        problems.append(f"line {line}: text after a closing quote")
        elif quoted is None:
            quoted = True
        elif ch == '"':
            if field_start:
                quoted = True
            else:
                problems.append(f"line {line}: a quote inside an unquoted field")
        elif ch == "\r" and after != "\n":
            problems.append(f"line {line}: CR without LF outside quotes")
        elif ch == "\n" and (index == 0 or text[index - 1] != "\r"):
            problems.append(f"line {line}: LF without CR outside quotes")
        field_start = not quoted and ch in (",", "\n")
        line += ch == "\n"
    if quoted:
        problems.append("a quoted field is not closed")
    if not text.endswith("\r\n"):
        problems.append("the last record does not end with CRLF")
    return problems


def row_problems(rows, results_path):
    """The header, field counts, formula starts, hidden controls; with the results JSON, the rows."""
    problems = []
    if not rows or rows[0] != HEADER:
        problems.append(f"header is {rows[0] if rows else None}, expected {HEADER}")
    body = rows[1:]
    for number, row in enumerate(body, start=2):
        if len(row) != len(HEADER):
            problems.append(f"record {number}: {len(row)} fields, expected {len(HEADER)}")
        for name, value in zip(HEADER, row):
            if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                problems.append(f"record {number}: {name} starts a formula: {value[:40]!r}")
            if HIDDEN.search(value):
                problems.append(f"record {number}: {name} holds a hidden control character")
    if results_path:
        with open(results_path, encoding="utf-8") as handle:
            document = json.load(handle)
        results = document["results"]
        packs = {p["id"]: [shown(p["version"]), shown(p["file"]), p["sha256"]] for p in document["packs"]}
        if len(body) != len(results):
            problems.append(f"{len(body)} rows, the results JSON has {len(results)} results")
        keys = ("host", "pack", "rule", "outcome")
        for number, (row, result) in enumerate(zip(body, results), start=2):
            expected = [shown(result[key]) for key in keys]
            got = [row[HEADER.index(key)] for key in keys] if len(row) == len(HEADER) else row
            if got != expected:
                problems.append(f"record {number}: (host, pack, rule, outcome) is {got}, the results JSON says {expected}")
            pack = packs.get(result["pack"], ["", "", ""])
            if len(row) == len(HEADER) and row[-3:] != pack:
                problems.append(f"record {number}: pack columns {row[-3:]}, the results JSON's pack is {pack}")
    return problems


def main():
    parser = argparse.ArgumentParser(description="check a hostcheck CSV report")
    parser.add_argument("csv")
    parser.add_argument("--results", help="results JSON of the same run, to compare rows")
    args = parser.parse_args()
    with open(args.csv, "rb") as handle:
        data = handle.read()
    if data.startswith(b"\xef\xbb\xbf"):
        print(f"{args.csv}: error: starts with a UTF-8 byte order mark")
        return 1
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        print(f"{args.csv}: error: not UTF-8: {error}")
        return 1
    problems = structure_problems(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect="excel", strict=True))
    except csv.Error as error:
        problems.append(f"the csv module refuses it: {error}")
        rows = None
    if rows is not None:
        problems += row_problems(rows, args.results)
    for problem in problems[:SHOWN_LIMIT]:
        print(f"{args.csv}: error: {problem}")
    if len(problems) > SHOWN_LIMIT:
        print(f"{args.csv}: error: … and {len(problems) - SHOWN_LIMIT} more problems")
    if not problems:
        print(f"{args.csv}: RFC 4180, {len(rows) - 1} row(s) of {len(HEADER)} fields")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
