#!/usr/bin/env python3
"""Check a hostcheck HTML report in headless Chromium.

usage: scripts/check-html.py REPORT.html [--results RESULTS.json] [--screenshots DIR]

Checks statically that the page is self-contained (no <script>, <link>, <img>, <iframe>, no
http(s):// or protocol-relative URL in any src/href/style, a Content-Security-Policy of
default-src 'none'), then opens it in headless Chromium (Debian package `chromium`) at phone
(390x844) and wall-screen (1920x1080) sizes, saving screenshots (default: beside the report),
and fails on any console message or CSP violation Chromium logs. With --results, the summary
counts on the page must equal the results JSON's summary. Exits 1 on any problem, 2 when
Chromium is missing.
"""
import argparse
import html.parser
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

FORBIDDEN_TAGS = {"script", "link", "img", "iframe", "object", "embed", "base", "form"}


class Scan(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []
        self.csp = None
        self.counts = {}
        self._count_div = False
        self._number = None
        self._in_b = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element in the page")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name} on <{tag}>")
            if value and name in ("src", "href", "style", "action") and re.search(r"(https?:)?//|url\(", value):
                self.problems.append(f"external reference {name}={value[:60]!r} on <{tag}>")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = attrs.get("content", "")
        if tag == "div" and "count" in (attrs.get("class") or "").split():
            self._count_div = True
        if tag == "b" and self._count_div:
            self._in_b = True

    def handle_endtag(self, tag):
        if tag == "b":
            self._in_b = False
        if tag == "div":
            self._count_div = False

    def handle_data(self, data):
        if self._in_b:
            self._number = int(data)
        elif self._count_div and self._number is not None and data.strip():
            self.counts[data.strip()] = self._number
            self._number = None


def main():
    parser = argparse.ArgumentParser(description="check a hostcheck HTML report")
    parser.add_argument("html")
    parser.add_argument("--results")
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    page = pathlib.Path(args.html).resolve()
    scan = Scan()
    scan.feed(page.read_text(encoding="utf-8"))
    problems = list(scan.problems)
    if not scan.csp or "default-src 'none'" not in scan.csp:
        problems.append("no Content-Security-Policy with default-src 'none'")
    if args.results:
        with open(args.results, encoding="utf-8") as handle:
            summary = json.load(handle)["summary"]
        for key in ("pass", "fail", "unknown", "error", "skip", "waived"):
            if scan.counts.get(key) != summary[key]:
                problems.append(f"page shows {key}={scan.counts.get(key)}, results JSON {summary[key]}")
        hosts = scan.counts.get("hosts", scan.counts.get("host"))
        if hosts != summary["hosts"]:
            problems.append(f"page shows {hosts} hosts, results JSON {summary['hosts']}")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        print("check-html: error: chromium not found; install Debian package `chromium`", file=sys.stderr)
        return 2
    shots = pathlib.Path(args.screenshots or page.parent)
    shots.mkdir(parents=True, exist_ok=True)
    for name, size in (("phone", "390,844"), ("wall", "1920,1080")):
        shot = shots / f"{page.stem}-{name}.png"
        with tempfile.TemporaryDirectory() as profile:
            run = subprocess.run(
                [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                 f"--window-size={size}", f"--screenshot={shot}", page.as_uri()],
                capture_output=True, text=True, timeout=120, env=dict(os.environ, DBUS_SESSION_BUS_ADDRESS="disabled:"))
        log = run.stdout + run.stderr
        console = [line for line in log.splitlines() if "CONSOLE" in line or "Refused to" in line or "Content Security Policy" in line]
        if run.returncode != 0 or not shot.exists():
            problems.append(f"chromium failed at {size}: exit {run.returncode}")
        problems += [f"console ({name}): {line.strip()[:200]}" for line in console]
        print(f"{args.html}: screenshot {shot}")
    for problem in problems:
        print(f"{args.html}: error: {problem}")
    if not problems:
        print(f"{args.html}: self-contained, no console messages, counts {scan.counts}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
