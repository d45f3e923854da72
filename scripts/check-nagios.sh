#!/usr/bin/env bash
# Checks hostcheck's Nagios plugin output against the plugin guidelines' shape: a first line
# `HOSTCHECK STATE - text | label=value[UOM];[warn];[crit];[min];[max] ...`, no `|` anywhere
# else (hostcheck writes no long-output perfdata, so any other `|` came from captured text), and,
# when the exit code is given, that it matches the state (OK 0, WARNING 1, CRITICAL 2, UNKNOWN 3).
#
# usage: scripts/check-nagios.sh FILE [EXIT_CODE]
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 FILE [EXIT_CODE]" >&2
    exit 64
fi
file=$1
[[ -f $file ]] || { echo "check-nagios: $file: no such file" >&2; exit 66; }

status=0
first=$(head -n 1 -- "$file")
label="('([^']|'')+'|[^ '=|]+)"
number='-?[0-9]+(\.[0-9]+)?'
perf="$label=$number[a-zA-Z%]*;($number)?;($number)?;($number)?(;($number)?)?"
if ! grep -Eq "^HOSTCHECK (OK|WARNING|CRITICAL|UNKNOWN) - [^|]+ \| $perf( $perf)*\$" <<<"$first"; then
    echo "check-nagios: $file:1: status line does not have the plugin shape: $first" >&2
    status=1
fi
if tail -n +2 -- "$file" | grep -n '|' >&2; then
    echo "check-nagios: $file: '|' in long output (above, line numbers from line 2)" >&2
    status=1
fi
if [[ $# -eq 2 ]]; then
    state=$(sed -E 's/^HOSTCHECK ([A-Z]+) .*/\1/' <<<"$first")
    case $state in OK) want=0 ;; WARNING) want=1 ;; CRITICAL) want=2 ;; UNKNOWN) want=3 ;; *) want=-1 ;; esac
    if [[ $2 != "$want" ]]; then
        echo "check-nagios: exit code $2 does not match state $state (expected $want)" >&2
        status=1
    fi
fi
if [[ $status -eq 0 ]]; then echo "check-nagios: $file: ok ($(wc -l <"$file") lines)"; fi
exit "$status"
