#!/usr/bin/env bash
# Junk captures (issue 13): how fast, and in how much memory, hostcheck reads capture files
# that are not captures. It generates five files in a temporary directory (or in $JUNK_DIR,
# kept there and reused, when set):
#
#   garbage-line.txt   200 MB: one line of random printable text (base64, no line feed)
#   nul-256m.bin       256 MiB of NUL bytes
#   nul-1g.bin         1 GiB of NUL bytes
#   random-200m.bin    200 MB of random bytes
#   junk-netstat.txt   200 MB: a Windows netstat title and header, then 2,000,000 lines of
#                      99 random printable characters (junk lines inside a recognised capture)
#
# and runs `hostcheck facts --capture FILE --format json` on each under GNU `/usr/bin/time -v`,
# printing one row per file: size, wall seconds, CPU seconds (user + system), MB/s (10^6 bytes
# of input per wall second), peak RSS and exit status, then the first diagnostic hostcheck
# wrote. The target is at least 100 MB/s with a peak RSS of at most twice the file size, and
# never exit 0. On a busy machine, compare CPU seconds.
#
# Usage: Benchmarks/junk-captures.sh [HOSTCHECK]
#   HOSTCHECK defaults to the release build (scripts/build-release.sh builds it).
#   JUNK_TIMEOUT=SECONDS stops each run after that long (exit "124"; for old, slow builds).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-}"
if [[ -z "$bin" ]]; then
    bin=$(bash scripts/build-release.sh)
fi
if [[ -n "${JUNK_DIR:-}" ]]; then
    dir="$JUNK_DIR"
    mkdir -p "$dir"
else
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
fi

make_file() {  # name size-in-bytes generator...
    local name=$1 size=$2
    shift 2
    local path="$dir/$name"
    if [[ ! -f "$path" || $(stat -c %s "$path") -ne $size ]]; then
        "$@" | head -c "$size" > "$path"
    fi
}
make_file garbage-line.txt 200000000 bash -c 'head -c 150000000 /dev/urandom | base64 -w0'
make_file nul-256m.bin 268435456 head -c 268435456 /dev/zero
make_file nul-1g.bin 1073741824 head -c 1073741824 /dev/zero
make_file random-200m.bin 200000000 head -c 200000000 /dev/urandom
make_file junk-netstat.txt 200000000 bash -c 'printf "\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n"; head -c 150000000 /dev/urandom | base64 -w99'

printf '%-18s %12s %8s %8s %7s %11s %5s  %s\n' file bytes seconds "CPU s" MB/s "max RSS MB" exit diagnostic
for name in garbage-line.txt nul-256m.bin nul-1g.bin random-200m.bin junk-netstat.txt; do
    path="$dir/$name"
    size=$(stat -c %s "$path")
    set +e
    /usr/bin/time -v -o "$dir/time.txt" timeout "${JUNK_TIMEOUT:-0}" "$bin" facts --capture "$path" --format json >/dev/null 2>"$dir/stderr.txt"
    status=$?
    set -e
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt")
    seconds=$(awk -v t="$wall" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$dir/time.txt")
    rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt")
    signal=$(sed -n 's/.*Command terminated by signal //p' "$dir/time.txt")
    [[ -n "$signal" ]] && status="sig$signal"
    diagnostic=$(grep -m1 -E 'error|warning' "$dir/stderr.txt" | sed "s|$dir/||" | cut -c1-110 || true)
    awk -v n="$name" -v b="$size" -v s="$seconds" -v c="$cpu" -v r="$rss_kb" -v x="$status" -v d="$diagnostic" 'BEGIN {
        rate = s > 0 ? b / 1e6 / s : 0
        printf "%-18s %12d %8.2f %8.2f %7.0f %11.1f %5s  %s\n", n, b, s, c, rate, r / 1024, x, d
    }'
done
