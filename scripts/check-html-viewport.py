#!/usr/bin/env python3
"""Check a hostcheck HTML report the way Jenkins serves it, and that its first failing host is on screen.

usage: scripts/check-html-viewport.py REPORT.html SCREENSHOT_DIR

Serves the report from a local HTTP server (a http.server subclass) twice: under /csp/ with the
header Jenkins sends for artifacts,
    Content-Security-Policy: sandbox; default-src 'none'; img-src 'self'; style-src 'self';
(inline style and script blocked), and under /plain/ without it. For each, headless Chromium
  - dumps the DOM: under the CSP the report's script must not have run (no data-hostcheck-ready,
    which proves the header applied) and the content must still be there (the first failing host
    named, <details> disclosure); without it the script must have run;
  - takes a 1280x800 screenshot (NAME-1280-csp.png, NAME-1280-plain.png);
  - takes a 1280x800 screenshot of a copy in which only the text of the first failing host's link
    (the first host of the most urgent group at the top of the page) is in <font color="#ff00fe">,
    a presentational attribute no CSP blocks, and counts that colour's pixels: the host must be
    painted inside the first viewport.
Prints the time Chromium took for each load. Exits 1 on any problem. Needs Chromium and Python.
"""
import html as htmllib
import http.server
import os
import re
import shutil
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';"
MARK = (0xFF, 0x00, 0xFE)


def browser():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check-html-viewport: chromium not found (apt-get install -y chromium)")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the work directory; /csp/... with Jenkins' header, /plain/... without."""

    def translate_path(self, path):
        for prefix in ("/csp/", "/plain/"):
            if path.startswith(prefix):
                return os.path.join(self.server.root, os.path.basename(path[len(prefix):].split("?")[0]))
        return os.path.join(self.server.root, "missing")

    def end_headers(self):
        if self.path.startswith("/csp/"):
            self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args):
        pass


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit non-interlaced PNG."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    offset, idat, width, height, channels = 8, b"", 0, 0, 0
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or interlace != 0 or colour not in (2, 6):
                raise ValueError("unsupported PNG layout")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[at]
        line = bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 0xFF
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(line)
        previous = line
    return width, height, channels, rows


def marked_pixels(path):
    width, height, channels, rows = png_pixels(path)
    count = 0
    for line in rows:
        for i in range(0, width * channels, channels):
            if line[i] > 200 and line[i + 1] < 70 and line[i + 2] > 200:
                count += 1
    return width, height, count


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 64
    report, shots = sys.argv[1], sys.argv[2]
    os.makedirs(shots, exist_ok=True)
    name = os.path.splitext(os.path.basename(report))[0]
    with open(report, encoding="utf-8") as handle:
        html = handle.read()
    work = tempfile.mkdtemp(prefix="check-html-")
    problems = []
    try:
        shutil.copy(report, os.path.join(work, "report.html"))
        # The first host of the most urgent group named at the top of the page.
        first = re.search(r'<li><span class="badge o-(?:fail|error|unknown)">[a-z]+ \d+</span> (<a href="#h\d+">(.*?)</a>)', html)
        if first:
            link = first.group(1)
            inner = link.replace(">" + first.group(2) + "<", '><font color="#ff00fe">' + first.group(2) + "</font><", 1)
            marked = html.replace(link, inner, 1)
            with open(os.path.join(work, "marked.html"), "w", encoding="utf-8") as handle:
                handle.write(marked)
        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        server.root = work
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        chromium = browser()

        def run(url, *args):
            started = time.monotonic()
            result = subprocess.run(
                [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--hide-scrollbars",
                 f"--user-data-dir={work}/profile", *args, url],
                capture_output=True, text=True, timeout=180)
            return result, time.monotonic() - started

        for mode in ("csp", "plain"):
            dom, seconds = run(f"{base}/{mode}/report.html", "--dump-dom")
            print(f"check-html-viewport: {mode}: DOM loaded in {seconds:.2f} s ({os.path.getsize(report)} bytes)")
            ready = 'data-hostcheck-ready="1"' in dom.stdout
            if mode == "csp" and ready:
                problems.append("under Jenkins' CSP the report's script ran: the header was not applied")
            if mode == "plain" and not ready:
                problems.append("without the CSP the report's script did not run to its end")
            if "<details" not in dom.stdout or "</html>" not in dom.stdout:
                problems.append(f"{mode}: the DOM lacks the report's content")
            # Chromium serialises text with only &, < and > escaped.
            serialised = htmllib.escape(htmllib.unescape(first.group(2)), quote=False) if first else ""
            if first and serialised not in dom.stdout:
                problems.append(f"{mode}: the first host needing attention is not in the DOM")
            png = os.path.join(shots, f"{name}-1280-{mode}.png")
            _, seconds = run(f"{base}/{mode}/report.html", "--window-size=1280,800", f"--screenshot={png}")
            print(f"check-html-viewport: {mode}: screenshot {png} in {seconds:.2f} s")
            if not first:
                continue
            marked_png = os.path.join(work, f"marked-{mode}.png")
            run(f"{base}/{mode}/marked.html", "--window-size=1280,800", f"--screenshot={marked_png}")
            width, height, count = marked_pixels(marked_png)
            host = htmllib.unescape(first.group(2))
            if count < 20:
                problems.append(f"{mode}: the first host needing attention ({host}) is not in the first {width}x{height} viewport")
            else:
                print(f"check-html-viewport: {mode}: {host} is in the first {width}x{height} viewport ({count} marked pixels)")
        server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for problem in problems:
        print(f"check-html-viewport: {report}: error: {problem}")
    if not problems:
        print(f"check-html-viewport: {report}: ok with and without Jenkins' CSP")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
