#!/usr/bin/env python3
"""Check a hostcheck Markdown report by rendering it as GitHub-flavoured Markdown would be.

usage: scripts/check-markdown.py REPORT.md [--results RESULTS.json]

Renders with markdown-it-py (CommonMark plus GFM tables) and checks that no raw HTML other than
<details>/<summary> comes out (captured text must stay inside code spans: no <script>, no <img>),
that every table row has as many cells as its header, and, with --results, that the summary
table's total row equals the results JSON's summary. Exits 1 on any problem.
Needs: pip install markdown-it-py.
"""
import argparse
import json
import re
import sys

try:
    from markdown_it import MarkdownIt
except ImportError as error:
    print(f"check-markdown: error: {error}; install it with `pip install markdown-it-py`", file=sys.stderr)
    sys.exit(2)

ALLOWED_TAGS = {"details", "summary"}


def main():
    parser = argparse.ArgumentParser(description="check a hostcheck Markdown report")
    parser.add_argument("markdown")
    parser.add_argument("--results")
    args = parser.parse_args()
    with open(args.markdown, encoding="utf-8") as handle:
        text = handle.read()
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    problems = []
    for token in tokens:
        if token.type in ("html_block", "html_inline"):
            for tag in re.findall(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)", token.content):
                if tag.lower() not in ALLOWED_TAGS:
                    problems.append(f"line {token.map[0] + 1 if token.map else '?'}: raw HTML <{tag}> in the report")
        for child in token.children or []:
            if child.type == "html_inline":
                for tag in re.findall(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)", child.content):
                    if tag.lower() not in ALLOWED_TAGS:
                        problems.append(f"raw inline HTML <{tag}> in the report")
    tables = []
    current = None
    for token in tokens:
        if token.type == "table_open":
            current = []
        elif token.type == "tr_open" and current is not None:
            current.append(0)
        elif token.type in ("th_open", "td_open") and current is not None:
            current[-1] += 1
        elif token.type == "table_close":
            tables.append(current)
            current = None
    for index, table in enumerate(tables):
        if any(cells != table[0] for cells in table):
            problems.append(f"table {index + 1}: rows with different cell counts {sorted(set(table))}")
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            summary = json.load(handle)["summary"]
        expected = [summary[k] for k in ("pass", "fail", "unknown", "error", "skip", "waived")]
        totals = re.search(r"^\| \*\*total\*\* \|(.*)\|$", text, re.M)
        got = [int(x) for x in re.findall(r"\*\*(\d+)\*\*", totals.group(1))] if totals else None
        if got != expected:
            problems.append(f"summary total row {got} differs from the results JSON {expected}")
    for problem in problems:
        print(f"{args.markdown}: error: {problem}")
    if not problems:
        print(f"{args.markdown}: renders cleanly, {len(tables)} table(s), no raw HTML beyond details/summary")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
