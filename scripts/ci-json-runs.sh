#!/usr/bin/env bash
# Runs hostcheck the way users do and validates every JSON document it writes against
# docs/schema with Python's jsonschema (what a consumer of the exchange format would use).
# Usage: scripts/ci-json-runs.sh PATH/TO/hostcheck
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
out=$(mktemp -d)
fx=Tests/HostCheckCLITests/Fixtures/windows

expect_status() {  # expect_status "0 1 2" cmd...
  local allowed=$1; shift
  set +e; "$@"; local status=$?; set -e
  for a in $allowed; do [ "$status" -eq "$a" ] && return 0; done
  echo "unexpected exit $status from: $*" >&2
  return 1
}

# Snapshots: captures, live host, and the real corpus when present.
"$bin" facts --capture "$fx/netstat-ano-3691.txt" --capture "$fx/tasklist-nc64.csv" --format json > "$out/facts-windows.json"
"$bin" facts --capture "$fx/netstat-an-3691.txt" --format json > "$out/facts-windows-no-pids.json"
"$bin" facts --live --format json > "$out/facts-live.json"
if [ -d ../shared/corpus ]; then
  for f in ../shared/corpus/windows-netstat-ano-en-win10.txt ../shared/corpus/windows-netstat-an-en-win10.txt \
           ../shared/corpus/windows-tasklist-csv-nh-en-issue-portos-796.txt; do
    "$bin" facts --capture "$f" --format json > "$out/facts-corpus-$(basename "$f" .txt).json"
  done
fi

# Results: fail, pass, unknown, live, a snapshot, and a small fleet.
expect_status 1 "$bin" check rules/magaya-network.yaml --capture "$fx/netstat-ano-3691.txt" --capture "$fx/tasklist-nc64.csv" --format "json:$out/results-fail.json"
expect_status 0 "$bin" check rules/magaya-network.yaml --capture "$fx/netstat-ano-3691.txt" --capture "$fx/tasklist-magaya.csv" --format "json:$out/results-pass.json"
expect_status 2 "$bin" check rules/magaya-network.yaml --capture "$fx/netstat-ano-3691.txt" --format "json:$out/results-unknown.json"
expect_status "0 1 2" "$bin" check --format "json:$out/results-live.json"
expect_status "0 1 2" "$bin" check rules --snapshot "$out/facts-windows.json" --format "json:$out/results-snapshot.json"
mkdir -p "$out/fleet/wh-berlin-02" "$out/fleet/wh-paris-01"
cp "$fx/netstat-ano-3691.txt" "$fx/tasklist-nc64.csv" "$out/fleet/wh-berlin-02/"
cp "$fx/netstat-ano-3691.txt" "$fx/tasklist-magaya.csv" "$out/fleet/wh-paris-01/"
cp "$out/facts-live.json" "$out/fleet/live.json"
expect_status "1" "$bin" check rules --fleet "$out/fleet" --format "json:$out/results-fleet.json"

python3 scripts/validate-json.py docs/schema/snapshot-2.json "$out"/facts-*.json
python3 scripts/validate-json.py docs/schema/results-3.json "$out"/results-*.json
echo "validated $(ls "$out"/facts-*.json | wc -l) snapshots and $(ls "$out"/results-*.json | wc -l) results documents"
