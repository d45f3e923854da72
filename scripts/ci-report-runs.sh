#!/usr/bin/env bash
# One hostcheck run with every report format over a small fleet that includes hostile process
# names (markup, ANSI escapes, quotes, pipes, newlines, invalid UTF-8), then each report checked
# by its consumer's tool (scripts/check-reports.sh) with counts compared to the results JSON.
# Usage: scripts/ci-report-runs.sh PATH/TO/hostcheck [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
out=${2:-$(mktemp -d)}
mkdir -p "$out"
fleet=$(mktemp -d)
fx=Tests/HostCheckCLITests/Fixtures

mkdir -p "$fleet/wh-berlin-02" "$fleet/wh-paris-01" "$fleet/<b>hostile&amp;'"
cp "$fx/windows/netstat-ano-3691.txt" "$fx/windows/tasklist-nc64.csv" "$fleet/wh-berlin-02/"
cp "$fx/windows/netstat-ano-3691.txt" "$fx/windows/tasklist-magaya.csv" "$fleet/wh-paris-01/"
cp "$fx/hostile/netstat.txt" "$fx/hostile/tasklist.csv" "$fleet/<b>hostile&amp;'/"
# A snapshot whose names carry newlines, terminal escapes and a right-to-left override U+202E
# (possible on Linux: comm, cmdline).
"$bin" facts --capture "$fx/hostile/netstat.txt" --capture "$fx/hostile/tasklist.csv" --format json \
  | python3 -c '
import json, sys
doc = json.load(sys.stdin)
doc["host"]["name"] = "linux\u001b[2J-\"host\"\u202egpj.exe"
for p in doc["processes"]:
    p["name"] = p["name"] + "\u202egpj.exe\nforged line ]]> <!-- \u009b31m"
    p["cmdline"] = "/bin/sh -c \"echo <x> & ::warning::forged\"\r\n"
json.dump(doc, sys.stdout)' > "$fleet/hostile-newlines.json"
"$bin" facts --snapshot "$fleet/hostile-newlines.json" --format json > "$out/snapshot-hostile.json"

set +e
"$bin" check rules --fleet "$fleet" --now 2026-11-27 \
  --format "json:$out/results.json" --format "junit:$out/junit.xml" --format "sarif:$out/results.sarif" \
  --format "tap:$out/report.tap" --format "markdown:$out/report.md" --format "github:$out/github.txt" \
  --format "prometheus:$out/hostcheck.prom" --format "html:$out/report.html" --format "text:$out/report.txt" \
  --format "csv:$out/results.csv" --format "ndjson:$out/results.ndjson"
status=$?
"$bin" check rules --fleet "$fleet" --now 2026-11-27 --format nagios > "$out/nagios.txt"
echo $? > "$out/nagios.exit"
set -e
if [ "$status" -ne 1 ]; then echo "expected exit 1 from the fleet run, got $status"; exit 1; fi

# Terminal text must carry no raw control characters from the captures.
if LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]' "$out/report.txt"; then
  echo "report.txt contains raw control characters"; exit 1
fi
# No report carries U+202E raw (UTF-8 E2 80 AE): JSON and SARIF escape it as \u202e, the others
# show \u{202e} (docs/reports.md, "Escaping of control and bidirectional characters").
if LC_ALL=C grep -lP '\xe2\x80\xae' "$out"/*.*; then echo "the reports above contain a raw U+202E"; exit 1; fi
for report in results.json results.sarif results.ndjson; do
  grep -qF '\u202e' "$out/$report" || { echo "$report lacks the \\u202e escape"; exit 1; }
done
grep -qF '\u{202e}' "$out/report.txt" || { echo "report.txt lacks the visible \\u{202e}"; exit 1; }
bash scripts/check-reports.sh "$out"

# An all-pass run (exit 0) read by prove and tappy too (docs/reports.md, "tap").
mkdir -p "$out/all-pass"
"$bin" check rules/legacy-cleartext.yaml rules/remote-admin.yaml --fleet Tests/HostCheckCLITests/Fixtures/fleet6 \
  --format "tap:$out/all-pass/report.tap" --format "json:$out/all-pass/results.json" \
  --format "ndjson:$out/all-pass/results.ndjson" --format "junit:$out/all-pass/junit.xml"
bash scripts/check-reports.sh "$out/all-pass"

# The checkers on a fresh clone, with no ../shared beside it: the SARIF schema is skipped with a
# notice, every other check runs.
clone=$(mktemp -d)/hostcheck
mkdir -p "$clone" "$out/fresh"
cp -r scripts docs "$clone/"
cp "$out/results.json" "$out/results.sarif" "$out/results.ndjson" "$out/report.tap" "$out/fresh/"
bash "$clone/scripts/check-reports.sh" "$out/fresh" | tee "$out/fresh-clone.log"
grep -q "notice: .*sarif-schema-2.1.0.json is absent" "$out/fresh-clone.log" \
  || { echo "check-reports.sh on a fresh clone did not say that it skipped the SARIF schema"; exit 1; }

bash scripts/ci-fleet-reports.sh "$bin" "$out/fleet"
