#!/usr/bin/env python3
"""Times `hostcheck facts --live --format json` against ss, netstat, lsof and psutil.

For each level (sockets on loopback, made by ../shared/bench/sockload.py) every tool runs
--rounds times, the order rotating each round so no tool always runs first; the table gives
the median wall time, the median peak RSS (ru_maxrss of the child) and ratios to `ss -tuanp`.
Run from the package root through Benchmarks/run.sh; see Benchmarks/README.md.
"""
import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOCKLOAD = os.path.join(ROOT, "..", "shared", "bench", "sockload.py")
PYTHON = "/usr/bin/python3"  # the interpreter Debian's python3-psutil belongs to
GNU_TIME = "/usr/bin/time"


def tools(hostcheck):
    return [
        ("hostcheck", [hostcheck, "facts", "--live", "--format", "json"]),
        ("ss -tuanp", ["ss", "-tuanp"]),
        ("netstat -tuanp", ["netstat", "-tuanp"]),
        ("lsof -i -nP", ["lsof", "-i", "-nP"]),
        ("psutil", [PYTHON, "-c", "import psutil; print(len(psutil.net_connections('inet')))"]),
    ]


def available(command):
    try:
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        return True
    except (OSError, subprocess.TimeoutExpired):
        return False


def run_once(command):
    """Wall seconds and exit status (stdout to /dev/null, as every tool gets)."""
    start = time.perf_counter()
    status = subprocess.call(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, status


def peak_rss(command):
    """Peak RSS in KiB, from GNU time's %M in a separate run: the ru_maxrss that Python's own
    wait4 sees would include the forked interpreter's pages from before exec."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.call([GNU_TIME, "-f", "%M", "-o", out.name] + command,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = out.read().strip().splitlines()
    return int(text[-1]) if text and text[-1].isdigit() else 0


def start_load(total, procs):
    listen, established, udp = total // 5, (total * 3) // 10, total // 5
    load = subprocess.Popen(
        [PYTHON, SOCKLOAD, "--procs", str(procs), "--listen", str(listen), "--established", str(established),
         "--udp", str(udp), "--max-seconds", "1800"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = load.stdout.readline()
    if not line.startswith("READY"):
        load.kill()
        sys.exit("sockload did not start: " + load.stderr.read()[-500:])
    summary = load.stderr.readline().strip()
    return load, summary


def stop_load(load):
    load.send_signal(signal.SIGTERM)
    try:
        load.wait(timeout=60)
    except subprocess.TimeoutExpired:
        load.kill()
        load.wait()


def measure(level, rounds, procs, commands):
    load, summary = start_load(level, procs)
    try:
        print(f"\n## {level} sockets ({summary})", flush=True)
        for _, command in commands:  # warm caches once
            run_once(command)
        results = {name: [] for name, _ in commands}
        failures = {name: 0 for name, _ in commands}
        for index in range(rounds):
            shift = index % len(commands)
            order = commands[shift:] + commands[:shift]
            walls = {}
            for name, command in order:
                walls[name], status = run_once(command)
                if status != 0:
                    failures[name] += 1
            for name, command in order:
                results[name].append((walls[name], peak_rss(command)))
        return results, failures
    finally:
        stop_load(load)


def table(level, results, failures):
    base_wall = statistics.median(w for w, _ in results["ss -tuanp"])
    base_rss = statistics.median(r for _, r in results["ss -tuanp"])
    print(f"| tool ({level} sockets) | median wall ms | / ss | peak RSS MiB | / ss | runs | failed |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, samples in results.items():
        wall = statistics.median(w for w, _ in samples)
        rss = statistics.median(r for _, r in samples)
        print(f"| {name} | {wall * 1000:.1f} | {wall / base_wall:.2f} | {rss / 1024:.1f} | {rss / base_rss:.2f} "
              f"| {len(samples)} | {failures[name]} |")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hostcheck", default=os.path.join(ROOT, ".build", "release", "hostcheck"))
    parser.add_argument("--levels", default="1000,10000,50000")
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--procs", type=int, default=10)
    args = parser.parse_args()
    if args.rounds < 10:
        sys.exit("--rounds must be at least 10 (the median of >= 10 runs)")
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit("need GNU time at /usr/bin/time for peak RSS (Debian package time)")
    commands = [(name, command) for name, command in tools(args.hostcheck) if available(command)]
    missing = sorted(set(name for name, _ in tools(args.hostcheck)) - set(name for name, _ in commands))
    if "hostcheck" in missing or "ss -tuanp" in missing:
        sys.exit("need hostcheck (scripts/build-release.sh) and ss")
    if missing:
        print("not installed, left out: " + ", ".join(missing))
    print(f"# hostcheck live probe benchmark: {os.cpu_count()} cores, {args.rounds} rounds, "
          f"{os.uname().release}, uid {os.getuid()}")
    for level in (int(x) for x in args.levels.split(",")):
        results, failures = measure(level, args.rounds, args.procs, commands)
        table(level, results, failures)
        one, five, _ = os.getloadavg()
        print(f"load average after this level: {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
