#!/usr/bin/env bash
# Opens a hostcheck HTML report in headless Chromium, takes a narrow (phone) and a wide (wall
# screen) screenshot, and fails when the page logs anything to the console (script errors,
# blocked fetches: the report's Content-Security-Policy turns any network access into a console
# error) or when the report's own script did not run to its end. Then scripts/check-html-viewport.py
# serves it from a local server with and without the Content-Security-Policy Jenkins sends for
# artifacts (inline style and script blocked): the content must be there either way and the
# first failing host in the first 1280x800 viewport.
#
# usage: scripts/check-html.sh REPORT.html [SCREENSHOT_DIR]
# Screenshots: SCREENSHOT_DIR/NAME-390.png, NAME-1600.png, NAME-1280-csp.png and
# NAME-1280-plain.png (default: beside the report).
# Needs Chromium (Debian: apt-get install -y chromium).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 REPORT.html [SCREENSHOT_DIR]" >&2
    exit 64
fi
report=$1
[[ -f $report ]] || { echo "check-html: $report: no such file" >&2; exit 66; }
shots=${2:-$(dirname -- "$report")}
mkdir -p -- "$shots"

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
[[ -n $browser ]] || { echo "check-html: chromium not found (apt-get install -y chromium)" >&2; exit 69; }

url="file://$(cd -- "$(dirname -- "$report")" && pwd)/$(basename -- "$report")"
name=$(basename -- "$report" .html)
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

run_browser() { # LOG_FILE ARGS...
    local log=$1
    shift
    timeout 120 "$browser" --headless --disable-gpu --no-sandbox --no-first-run --hide-scrollbars \
        --user-data-dir="$work/profile" --enable-logging=stderr --v=0 "$@" "$url" 2>"$log"
}

status=0
run_browser "$work/dom.log" --dump-dom >"$work/dom.html" || { echo "check-html: chromium failed to load $report" >&2; status=1; }
if ! grep -q 'data-hostcheck-ready="1"' "$work/dom.html"; then
    echo "check-html: the report's script did not finish (no data-hostcheck-ready marker)" >&2
    status=1
fi

for size in 390x1800 1600x1400; do
    width=${size%x*}
    png="$shots/$name-$width.png"
    rm -f -- "$png"
    run_browser "$work/shot-$width.log" --window-size="${size/x/,}" --screenshot="$png" >/dev/null ||
        { echo "check-html: chromium failed to screenshot at $size" >&2; status=1; }
    if [[ -s $png ]]; then
        echo "check-html: screenshot $png"
    else
        echo "check-html: no screenshot written at $size" >&2
        status=1
    fi
done

# Chromium logs every console message (console.error, uncaught exceptions, CSP violations) as
# INFO:CONSOLE lines; a hostcheck report logs nothing, so any such line is a failure.
if grep -h 'CONSOLE' "$work"/*.log >"$work/console.txt"; then
    echo "check-html: console messages in $report:" >&2
    sed 's/^[^]]*] //' "$work/console.txt" | sort -u >&2
    status=1
fi

if [[ $status -eq 0 ]]; then echo "check-html: $report: ok (no console messages, script ran)"; fi
python3 "$(dirname -- "$0")/check-html-viewport.py" "$report" "$shots" || status=1
exit "$status"
