#!/usr/bin/env python3
"""Times `hostcheck check rules --fleet DIR --format json:FILE` against `grep -rc LISTENING DIR`
and against reading the files (`tar cf - DIR | wc -c`), in the same run, on fleets written by
Benchmarks/fleet-gen.py (Benchmarks/README.md, "Fleet").

Every command runs once before the rounds (a warm page cache, and a check that hostcheck read
every host), then each round runs all of them, in an order that alternates from round to round.
Each run is wrapped in GNU `time` for its CPU time and peak RSS; the wall time is measured here.
The table gives, per fleet size, the medians and the median of each round's ratio to `grep -rc`.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def load():
    with open("/proc/loadavg") as file:
        return " ".join(file.read().split()[:3])


def run(command, timing_file):
    """Runs `command` under GNU time: (wall s, cpu s, peak RSS KiB, exit status)."""
    started = time.perf_counter()
    process = subprocess.run(
        ["/usr/bin/time", "-f", "%U %S %M", "-o", timing_file] + command,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    with open(timing_file) as file:
        lines = [line for line in file.read().splitlines() if line.strip()]
    user, system, rss = lines[-1].split()
    return wall, float(user) + float(system), int(rss), process.returncode, process.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hostcheck", required=True)
    parser.add_argument("--rules", required=True, help="the pack directory given to check (the built-in packs)")
    parser.add_argument("--fleets", required=True, help="where the generated fleets are kept (one sub-directory per size)")
    parser.add_argument("--levels", default="1000,10000,100000")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=0, help="--jobs for hostcheck (0: its default)")
    parser.add_argument("--extra", default="", help="more hostcheck options, space separated")
    args = parser.parse_args()

    cpus = os.cpu_count()
    print(f"hostcheck: {args.hostcheck}")
    print(f"before: load average {load()} ({cpus} cpus)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="fleet-bench-") as scratch:
        timing = os.path.join(scratch, "time")
        results = os.path.join(scratch, "results.json")
        for level in [int(x) for x in args.levels.split(",")]:
            fleet = os.path.join(args.fleets, str(level))
            if not os.path.isdir(os.path.join(fleet, f"win-{level:0{max(5, len(str(level)))}d}")):
                subprocess.run([sys.executable, os.path.join(HERE, "fleet-gen.py"), "--hosts", str(level), fleet], check=True)
            hostcheck = [args.hostcheck, "check", args.rules, "--fleet", fleet, "--format", f"json:{results}"]
            if args.jobs:
                hostcheck += ["--jobs", str(args.jobs)]
            hostcheck += args.extra.split()
            commands = {
                "hostcheck": hostcheck,
                "grep -rc": ["sh", "-c", f"grep -rc LISTENING '{fleet}' > /dev/null"],
                "read (tar|wc)": ["sh", "-c", f"tar cf - '{fleet}' | wc -c > /dev/null"],
            }
            names = list(commands)
            # The warm-up run, and a check that the results hold every host.
            for name in names:
                _, _, _, status, stderr = run(commands[name], timing)
                if name == "hostcheck":
                    if status not in (0, 1, 2):
                        sys.exit(f"hostcheck exited {status}: {stderr.decode(errors='replace')[-2000:]}")
                    with open(results, "rb") as file:
                        document = json.load(file)
                    hosts = document["summary"]["hosts"]
                    if hosts != level:
                        sys.exit(f"hostcheck reported {hosts} hosts, not {level}")
                    json_bytes = os.path.getsize(results)
                    counts = {k: document["summary"][k] for k in ("pass", "fail", "unknown", "error", "skip")}
            samples = {name: [] for name in names}
            for round_index in range(args.rounds):
                order = names if round_index % 2 == 0 else list(reversed(names))
                for name in order:
                    wall, cpu, rss, _, _ = run(commands[name], timing)
                    samples[name].append((wall, cpu, rss))
            grep_walls = [wall for wall, _, _ in samples["grep -rc"]]
            print(f"\n{level} hosts ({args.rounds} rounds, load average {load()}); hostcheck: {json_bytes} bytes of JSON "
                  f"({json_bytes / level:.0f} per host), counts {counts}")
            print(f"{'command':<16}{'wall s':>9}{'cpu s':>9}{'peak RSS MiB':>14}{'x grep (wall)':>15}")
            for name in names:
                walls = [wall for wall, _, _ in samples[name]]
                ratio = statistics.median(w / g for w, g in zip(walls, grep_walls))
                wall = statistics.median(walls)
                cpu = statistics.median(c for _, c, _ in samples[name])
                rss = statistics.median(r for _, _, r in samples[name]) / 1024
                print(f"{name:<16}{wall:>9.3f}{cpu:>9.3f}{rss:>14.1f}{ratio:>15.2f}")
                rows.append((level, name, wall, cpu, rss, ratio, json_bytes / level if name == "hostcheck" else None))
    print(f"\nafter: load average {load()} ({cpus} cpus)")
    print("\n| hosts | command | wall | CPU | peak RSS | × grep -rc (wall) | JSON bytes/host |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for level, name, wall, cpu, rss, ratio, per_host in rows:
        extra = f"{per_host:,.0f}" if per_host is not None else ""
        print(f"| {level:,} | {name} | {wall:.3f} s | {cpu:.3f} s | {rss:.1f} MiB | {ratio:.2f} | {extra} |")


if __name__ == "__main__":
    main()
