#!/usr/bin/env bash
# Start-up cost of two hostcheck binaries: the median wall time of `BIN --version` over RUNS runs
# each (default 20, after 3 warm-up runs), and the difference. Made to compare the release build
# (scripts/build-release.sh: PIE, full RELRO) with one linked -no-pie:
#
#   pie=$(bash scripts/build-release.sh)
#   swift build -c release --product hostcheck --static-swift-stdlib \
#       -Xswiftc -Xclang-linker -Xswiftc -no-pie --scratch-path /tmp/nopie-build
#   bash Benchmarks/startup.sh "$pie" /tmp/nopie-build/release/hostcheck
#
# Uses hyperfine (Debian's `hyperfine`) when it is installed, else a Python timing loop that
# alternates the two binaries. Either way the time includes fork and exec of the child. The
# machine should be quiet (`uptime`): wall time on a busy one measures the other work; the CPU
# time printed beside it moves less.
# Usage: Benchmarks/startup.sh BIN_A BIN_B [RUNS]
set -euo pipefail
a=$1 b=$2 runs=${3:-20}
for bin in "$a" "$b"; do "$bin" --version >/dev/null; done
json=$(mktemp)
trap 'rm -f "$json"' EXIT
if command -v hyperfine >/dev/null; then
  hyperfine --style none -N --warmup 3 --runs "$runs" --export-json "$json" \
    "$a --version" "$b --version" >/dev/null
  how="hyperfine -N"
else
  python3 - "$a" "$b" "$runs" "$json" <<'EOF'
import json, os, statistics, subprocess, sys, time
a, b, runs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
times, user, system = {a: [], b: []}, {a: [], b: []}, {a: [], b: []}
for i in range(3 + runs):
    for bin in (a, b):
        start = time.perf_counter()
        child = subprocess.Popen([bin, "--version"], stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{bin} --version failed")
        if i >= 3:
            times[bin].append(wall); user[bin].append(usage.ru_utime); system[bin].append(usage.ru_stime)
json.dump({"results": [{"command": bin, "times": times[bin], "user": statistics.mean(user[bin]),
                        "system": statistics.mean(system[bin])} for bin in (a, b)]}, open(out, "w"))
EOF
  how="python loop"
fi
python3 - "$json" "$a" "$b" "$runs" "$how" <<'EOF'
import json, statistics, sys
path, a, b, runs, how = sys.argv[1:]
results = json.load(open(path))["results"]
ms = [statistics.median(r["times"]) * 1000 for r in results]
cpu = [(r["user"] + r["system"]) * 1000 for r in results]
print(f"start-up, `--version`, median wall time of {runs} runs ({how}; CPU is user+sys, mean):")
print(f"  A {ms[0]:7.2f} ms  (CPU {cpu[0]:5.2f} ms)  {a}")
print(f"  B {ms[1]:7.2f} ms  (CPU {cpu[1]:5.2f} ms)  {b}")
print(f"  A - B = {ms[0] - ms[1]:+.2f} ms  (CPU {cpu[0] - cpu[1]:+.2f} ms)")
EOF
