#!/usr/bin/env bash
# Checks a hostcheck Prometheus textfile the way its consumers read it: `promtool check metrics`
# (parse errors and lint complaints, both fatal here), plus what promtool 2.42 lets through but
# node_exporter's textfile collector rejects: a metric family split into several blocks, and
# the same series (name and labels) written twice.
#
# usage: scripts/check-prometheus.sh FILE.prom
# Needs promtool (Debian: apt-get install -y prometheus).
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 FILE.prom" >&2
    exit 64
fi
file=$1
[[ -f $file ]] || { echo "check-prometheus: $file: no such file" >&2; exit 66; }
command -v promtool >/dev/null 2>&1 || { echo "check-prometheus: promtool not found (apt-get install -y prometheus)" >&2; exit 69; }

status=0
if ! complaints=$(promtool check metrics <"$file" 2>&1); then status=1; fi
if [[ -n $complaints ]]; then
    echo "check-prometheus: promtool check metrics complains about $file:" >&2
    printf '%s\n' "$complaints" >&2
    status=1
fi

# A sample line is `name{labels} value` or `name value`; histogram/summary suffixes are not
# used by hostcheck, so the family is the metric name itself.
if ! awk '
    /^#/ || /^[[:space:]]*$/ { next }
    {
        line = $0
        name = line; sub(/[{ ].*/, "", name)
        series = name
        if (substr(line, length(name) + 1, 1) == "{") {
            # The value and timestamp hold no "}", so the last one closes the labels.
            series = line; sub(/}[^}]*$/, "}", series)
        }
        if (name != current) {
            if (name in closed) { printf "line %d: samples of %s are not contiguous\n", NR, name; bad = 1 }
            if (current != "") closed[current] = 1
            current = name
        }
        if (series in seen) { printf "line %d: duplicate series %s (first at line %d)\n", NR, series, seen[series]; bad = 1 }
        else seen[series] = NR
    }
    END { exit bad }
' "$file" >&2; then
    status=1
fi

if [[ $status -eq 0 ]]; then echo "check-prometheus: $file: ok ($(grep -vc '^#' "$file") samples)"; fi
exit "$status"
