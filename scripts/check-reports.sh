#!/usr/bin/env bash
# Checks every report of ONE hostcheck run with its consumer's tool, and their counts against
# the run's results JSON.
#
# usage: scripts/check-reports.sh DIR
#
# DIR holds the outputs of one `hostcheck check` run with these names (missing ones are skipped,
# results.json is required):
#   results.json    --format json:DIR/results.json
#   snapshot*.json  hostcheck facts --format json (any number)
#   junit.xml       --format junit:DIR/junit.xml
#   results.sarif   --format sarif:DIR/results.sarif
#   report.tap      --format tap:DIR/report.tap
#   report.md       --format markdown:DIR/report.md
#   github.txt      --format github:DIR/github.txt
#   hostcheck.prom  --format prometheus:DIR/hostcheck.prom
#   nagios.txt      --format nagios > DIR/nagios.txt; echo $? > DIR/nagios.exit
#   report.html     --format html:DIR/report.html   (screenshots land in DIR/screenshots)
#   results.csv     --format csv:DIR/results.csv
#   results.ndjson  --format ndjson:DIR/results.ndjson
# Run it from the directory the run was made in: SARIF URIs are checked as files there.
# Nothing here needs ../shared: on a fresh clone the SARIF schema validation (which reads
# ../shared/data/sarif/sarif-schema-2.1.0.json) is skipped with a notice, and CI has ../shared.
# Exits non-zero when any check fails. Install the tools with scripts/install-report-checkers.sh.
set -uo pipefail
dir=${1:?usage: scripts/check-reports.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
schemas="$here/../docs/schema"
results="$dir/results.json"
failed=0
run() {
    echo "+ $*"
    "$@" || { echo "check-reports: FAILED: $*"; failed=1; }
}
[[ -f $results ]] || { echo "check-reports: error: $results is missing"; exit 2; }
run python3 "$here/validate-json.py" "$schemas/results-3.json" "$results"
shopt -s nullglob
snapshots=("$dir"/snapshot*.json)
((${#snapshots[@]})) && run python3 "$here/validate-json.py" "$schemas/snapshot-2.json" "${snapshots[@]}"
[[ -f $dir/junit.xml ]] && run python3 "$here/check-junit.py" "$dir/junit.xml" --results "$results"
[[ -f $dir/results.sarif ]] && run python3 "$here/check-sarif.py" "$dir/results.sarif" --results "$results" --root "$PWD"
[[ -f $dir/report.tap ]] && run python3 "$here/check-tap.py" "$dir/report.tap" --results "$results"
[[ -f $dir/report.md ]] && run python3 "$here/check-markdown.py" "$dir/report.md" --results "$results"
[[ -f $dir/github.txt ]] && run python3 "$here/check-github.py" "$dir/github.txt" --results "$results"
[[ -f $dir/hostcheck.prom ]] && run python3 "$here/check-prometheus.py" "$dir/hostcheck.prom" --results "$results"
if [[ -f $dir/nagios.txt ]]; then
    exit_args=()
    [[ -f $dir/nagios.exit ]] && exit_args=(--exit-code "$(cat "$dir/nagios.exit")")
    run python3 "$here/check-nagios.py" "$dir/nagios.txt" "${exit_args[@]}" --results "$results"
fi
[[ -f $dir/results.csv ]] && run python3 "$here/check-csv.py" "$dir/results.csv" --results "$results"
[[ -f $dir/results.ndjson ]] && run python3 "$here/check-ndjson.py" "$dir/results.ndjson" --results "$results"
[[ -f $dir/report.html ]] && run bash "$here/check-html.sh" "$dir/report.html" "$dir/screenshots"
if ((failed)); then echo "check-reports: some checks failed"; exit 1; fi
echo "check-reports: all checks passed"
