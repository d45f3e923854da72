#!/usr/bin/env bash
# Times the regex matcher as users run it: `hostcheck test` on generated packs whose examples
# hold the subjects (a process command line of 2,500 or 10,000 characters). For each pattern,
# a pack with K examples of the pattern and a baseline pack with the same examples and an
# instantly failing pattern (`^#`) are each run R times; the matcher's time per example is
# (fastest pattern run - fastest baseline run) / K, so start-up and YAML reading cancel out.
# Usage: Benchmarks/regex.sh [BINARY]   (default: build with scripts/build-release.sh)
# Environment: K (examples per pack, default 40), R (runs per pack, default 7).
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-}"
if [ -z "$binary" ]; then binary=$(bash scripts/build-release.sh 2>/dev/null); fi
exec python3 - "$binary" "${K:-40}" "${R:-7}" <<'PY'
import os, subprocess, sys, tempfile, time

binary, K, R = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# (pattern, subject for n characters, expected outcome): subjects that do not match, so the
# whole text is scanned, and that make a backtracking engine explode.
cases = [
    ("(a|aa)*c", lambda n: "a" * n, "fail"),
    ("(x+x+)+y", lambda n: "x" * n, "fail"),
    ("(.*a){20}", lambda n: "a" * 19 + "b" * (n - 19), "fail"),
    ("^(a+)+$", lambda n: "a" * (n - 1) + "!", "fail"),
]
sizes = [2500, 10000]

def pack(pattern, subject, outcome):
    quoted = pattern.replace("\\", "\\\\").replace('"', '\\"')
    lines = ["hostcheck: 1", "pack: { id: regex-bench, version: 1.0.0 }", "rules:",
             "  - id: bench", "    title: regex bench", "    select: { local_port: 9 }",
             '    expect: { owner: { cmdline: { regex: "%s" } } }' % quoted, "    examples:"]
    for i in range(K):
        lines += ["      - name: subject %d" % i,
                  "        sockets: [{ protocol: tcp, local_address: 0.0.0.0, local_port: 9, pids: [1] }]",
                  "        processes: [{ pid: 1, name: x, cmdline: \"%s\" }]" % subject,
                  "        outcome: %s" % outcome]
    return "\n".join(lines) + "\n"

def fastest(path):
    best = None
    for _ in range(R):
        start = time.perf_counter()
        run = subprocess.run([binary, "test", path], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if run.returncode != 0:
            sys.exit("hostcheck test %s exited %d:\n%s%s" % (path, run.returncode, run.stdout[-2000:], run.stderr[-2000:]))
        best = elapsed if best is None else min(best, elapsed)
    return best

with tempfile.TemporaryDirectory() as directory:
    rows = []
    for pattern, subject, outcome in cases:
        per = {}
        for n in sizes:
            text = subject(n)
            measured = os.path.join(directory, "p.yaml")
            baseline = os.path.join(directory, "b.yaml")
            open(measured, "w").write(pack(pattern, text, outcome))
            open(baseline, "w").write(pack("^#", text, "fail"))
            per[n] = max(fastest(measured) - fastest(baseline), 0.0) / K
        rows.append((pattern, per))
    print("| pattern | 2,500 chars | 10,000 chars | ratio |")
    print("|---|---|---|---|")
    for pattern, per in rows:
        a, b = per[2500] * 1000, per[10000] * 1000
        ratio = "%.1f" % (b / a) if a > 0 else "n/a"
        print("| `%s` | %.3f ms | %.3f ms | %s |" % (pattern.replace("|", "\\|"), a, b, ratio))
    print("\n(%s; %d examples per pack, fastest of %d runs, baseline pattern `^#` subtracted)" % (binary, K, R))
PY
