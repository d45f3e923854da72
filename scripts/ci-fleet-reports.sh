#!/usr/bin/env bash
# The human reports of a fleet whose only failing host sorts last (docs/reports.md, "Fleets:
# failing first"): 150 compliant Windows bundles and `zz-bad`, made from the test fixtures.
# Text and Markdown must name zz-bad in their first 30 lines, the HTML report in its first
# 1280x800 viewport with and without Jenkins' Content-Security-Policy (scripts/check-html.sh),
# --format github must stay within --max-annotations, JUnit's failing cases must carry zz-bad in
# their classname, and the NDJSON must validate line by line against its schema.
# usage: scripts/ci-fleet-reports.sh PATH/TO/hostcheck [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
out=${2:-$(mktemp -d)}
mkdir -p "$out"
fleet=$(mktemp -d)
trap 'rm -rf -- "$fleet"' EXIT
fx=Tests/HostCheckCLITests/Fixtures/windows
for i in $(seq -w 0 149); do
  mkdir -p "$fleet/wh-$i"
  cp "$fx/netstat-ano-3691.txt" "$fleet/wh-$i/netstat.txt"
  cp "$fx/tasklist-magaya.csv" "$fleet/wh-$i/tasklist.csv"
done
mkdir -p "$fleet/zz-bad"
cp "$fx/netstat-ano-3691.txt" "$fleet/zz-bad/netstat.txt"
cp "$fx/tasklist-nc64.csv" "$fleet/zz-bad/tasklist.csv"

set +e
(cd "$fleet" && "$bin" check --fleet . --now 2026-11-27 --format "text:$out/fleet.txt" \
  --format "markdown:$out/fleet.md" --format "html:$out/fleet.html" --format "github:$out/fleet-github.txt" \
  --format "json:$out/fleet.json" --format "junit:$out/fleet-junit.xml" --format "ndjson:$out/fleet.ndjson")
status=$?
set -e
[ "$status" -eq 1 ] || { echo "ci-fleet-reports: expected exit 1, got $status"; exit 1; }
for report in fleet.txt fleet.md; do
  if head -n 30 "$out/$report" | grep -q 'zz-bad'; then
    echo "ci-fleet-reports: $report names zz-bad in its first 30 lines (line $(grep -n -m1 zz-bad "$out/$report" | cut -d: -f1))"
  else
    echo "ci-fleet-reports: $report does not name zz-bad in its first 30 lines"; exit 1
  fi
done
python3 scripts/check-markdown.py "$out/fleet.md" --results "$out/fleet.json"
python3 scripts/check-github.py "$out/fleet-github.txt" --results "$out/fleet.json"
bash scripts/check-html.sh "$out/fleet.html" "$out/screenshots"
python3 scripts/check-junit.py "$out/fleet-junit.xml" --results "$out/fleet.json"
python3 - "$out/fleet-junit.xml" <<'PY'
import sys
import xml.etree.ElementTree as tree
cases = tree.parse(sys.argv[1]).getroot().iter("testcase")
failing = [case.get("classname", "") for case in cases if case.find("failure") is not None]
hosts = sorted({name.split(".", 1)[0] for name in failing})
if hosts != ["zz-bad"]:
    sys.exit(f"ci-fleet-reports: failing JUnit cases name hosts {hosts} in classname, expected only zz-bad")
print(f"ci-fleet-reports: fleet-junit.xml: {len(failing)} failing case(s), classname {sorted(set(failing))}")
PY
python3 scripts/check-ndjson.py "$out/fleet.ndjson" --results "$out/fleet.json"
