#!/usr/bin/env python3
"""Times hostcheck's Windows `netstat -anob` capture parser against `jc --netstat`.

It writes one large, realistic `netstat -anob` capture (English, CRLF; TCP and UDP, IPv4 and
IPv6 with zone ids; LISTENING, ESTABLISHED, TIME_WAIT, CLOSE_WAIT; owner lines `  Service`,
` [image.exe]` and ` Can not obtain ownership information`; PID 0 and 4) into a temporary
directory, checks that both tools read every row of it, then runs

    hostcheck facts --capture FILE --format json > /dev/null
    jc --netstat < FILE > /dev/null

alternately (the order flips every round), and prints the median wall and CPU (user + sys of
the child, from getrusage(RUSAGE_CHILDREN)) of each, MB/s (10^6 bytes of input per second) and
the ratio jc / hostcheck. Two more hostcheck commands are timed for the breakdown: `--format
table`, and `--port 1` (every socket filtered out, so little JSON is written: the cost of
reading and parsing). Run from the package root through Benchmarks/capture-throughput.sh; see
Benchmarks/README.md.
"""
import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOSTCHECK = os.path.join(ROOT, ".build", "release", "hostcheck")

HEADER = "\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n"
NOT_OBTAINABLE = " Can not obtain ownership information"

# (image, services): services are printed one per line above the image, as `netstat -b` does.
IMAGES = [
    ("svchost.exe", ["RpcSs"]), ("svchost.exe", ["Dnscache"]), ("svchost.exe", ["EventLog"]),
    ("svchost.exe", ["Schedule"]), ("svchost.exe", ["iphlpsvc"]), ("svchost.exe", ["CDPSvc"]),
    ("svchost.exe", ["SSDPSRV"]), ("svchost.exe", ["QWAVE"]), ("svchost.exe", ["SharedAccess"]),
    ("svchost.exe", ["WpnService"]), ("svchost.exe", ["CDPUserSvc_46a8de2e"]), ("svchost.exe", ["IKEEXT"]),
    ("svchost.exe", ["SessionEnv"]), ("svchost.exe", ["LanmanServer", "LanmanWorkstation"]),
    ("chrome.exe", []), ("msedge.exe", []), ("firefox.exe", []), ("Spotify.exe", []), ("Teams.exe", []),
    ("OneDrive.exe", []), ("Code.exe", []), ("python.exe", []), ("node.exe", []), ("java.exe", []),
    ("sqlservr.exe", ["MSSQLSERVER"]), ("w3wp.exe", ["W3SVC"]), ("lsass.exe", ["KeyIso", "Netlogon"]),
    ("spoolsv.exe", ["Spooler"]), ("vmware-hostd.exe", []), ("vmware-authd.exe", ["VMAuthdService"]),
    ("NVIDIA Web Helper.exe", []), ("nvcontainer.exe", ["NvContainerLocalSystem"]), ("AnyDesk.exe", []),
    ("TeamViewer_Service.exe", ["TeamViewer"]), ("WhatsApp.exe", []), ("Telegram.exe", []),
    ("Magaya.Server.exe", ["MagayaNetworkServer"]), ("dashost.exe", []), ("SearchApp.exe", []),
    ("bdservicehost.exe", ["EPSecurityService"]), ("MsMpEng.exe", ["WinDefend"]), ("wininit.exe", []),
]
# PIDs whose owner netstat cannot show (besides PID 4, the kernel).
UNOBTAINABLE_SHARE = 0.06


def processes(rng, count):
    """PID -> list of owner lines, the same for every row of a PID."""
    table = {4: [NOT_OBTAINABLE]}
    while len(table) < count:
        pid = rng.randrange(300, 40000, 4)
        if pid in table:
            continue
        if rng.random() < UNOBTAINABLE_SHARE:
            table[pid] = [NOT_OBTAINABLE]
            continue
        image, services = rng.choice(IMAGES)
        table[pid] = ["  " + service for service in services] + [" [" + image + "]"]
    return table


def ipv4_public(rng):
    return f"{rng.choice((13, 20, 31, 40, 52, 104, 140, 151, 157, 172, 185, 212))}.{rng.randrange(256)}." \
           f"{rng.randrange(256)}.{rng.randrange(1, 255)}"


def ipv6_global(rng):
    return "2a01:" + ":".join(f"{rng.randrange(65536):x}" for _ in range(7))


def ipv6_link_local(rng):
    return "fe80::" + ":".join(f"{rng.randrange(65536):x}" for _ in range(4))


def row(proto, local, foreign, state, pid):
    """A row laid out as Windows netstat prints it (columns widen, never cut)."""
    return f"  {proto:<5}  {local:<21}  {foreign:<21}  {state:<14}  {pid}"


def sockets(rng, table):
    """Yields (lines of one socket row and its owner lines): an endless, realistic mix."""
    pids = list(table)
    lan = "192.168.31.221"
    lan6 = ipv6_global(rng)
    zones = [ipv6_link_local(rng) + f"%{zone}" for zone in (9, 11, 21, 64)]
    while True:
        kind = rng.random()
        pid = rng.choice(pids)
        if kind < 0.10:
            local = rng.choice(("0.0.0.0", "127.0.0.1", lan)) + f":{rng.choice((135, 443, 445, 3389, 3691, 5040, 8080, rng.randrange(49152, 65536)))}"
            lines = [row("TCP", local, "0.0.0.0:0", "LISTENING", pid)]
        elif kind < 0.14:
            local = f"[{rng.choice(('::', '::1'))}]:{rng.choice((135, 445, 3691, rng.randrange(49152, 65536)))}"
            lines = [row("TCP", local, "[::]:0", "LISTENING", pid)]
        elif kind < 0.52:
            lines = [row("TCP", f"{lan}:{rng.randrange(1024, 65536)}", f"{ipv4_public(rng)}:{rng.choice((443, 443, 80, 5222, 3691))}",
                         "ESTABLISHED", pid)]
        elif kind < 0.55:
            port = rng.randrange(1024, 65536)
            peer = rng.randrange(1024, 65536)
            lines = [row("TCP", f"127.0.0.1:{port}", f"127.0.0.1:{peer}", "ESTABLISHED", pid)]
        elif kind < 0.62:
            lines = [row("TCP", f"[{lan6}]:{rng.randrange(1024, 65536)}", f"[2606:4700::{rng.randrange(65536):x}]:443",
                         "ESTABLISHED", pid)]
        elif kind < 0.63:
            lines = [row("TCP", f"{lan}:{rng.randrange(1024, 65536)}", f"{ipv4_public(rng)}:443", "CLOSE_WAIT", pid)]
        elif kind < 0.78:
            # TIME_WAIT bookkeeping: PID 0, and netstat -b prints no owner line for it.
            yield [row("TCP", f"{lan}:{rng.randrange(1024, 65536)}", f"{ipv4_public(rng)}:443", "TIME_WAIT", 0)]
            continue
        elif kind < 0.92:
            local = rng.choice(("0.0.0.0", "127.0.0.1", lan)) + f":{rng.choice((53, 67, 123, 500, 1900, 3702, 4500, 5353, 5355, rng.randrange(49152, 65536)))}"
            lines = [row("UDP", local, "*:*", "", pid)]
        elif kind < 0.96:
            lines = [row("UDP", f"[::]:{rng.choice((123, 500, 3702, 5353, 5355, rng.randrange(49152, 65536)))}", "*:*", "", pid)]
        else:
            lines = [row("UDP", f"[{rng.choice(zones)}]:{rng.choice((1900, 2177, 5353, rng.randrange(49152, 65536)))}", "*:*", "", pid)]
        yield lines + table[pid]


def generate(path, megabytes, seed):
    """Writes the capture; returns (bytes, socket rows, rows with owner lines)."""
    rng = random.Random(seed)
    table = processes(rng, 240)
    target = megabytes * 1_000_000
    written = 0
    rows = 0
    owned = 0
    with open(path, "wb") as out:
        head = HEADER.encode("ascii")
        out.write(head)
        written += len(head)
        chunk = []
        for lines in sockets(rng, table):
            block = ("\r\n".join(lines) + "\r\n").encode("ascii")
            chunk.append(block)
            written += len(block)
            rows += 1
            owned += len(lines) > 1
            if len(chunk) >= 4096:
                out.write(b"".join(chunk))
                chunk = []
            if written >= target:
                break
        out.write(b"".join(chunk))
    return written, rows, owned


def count_in_file(path, needle):
    """Occurrences of `needle` in a file, read in chunks (the outputs are hundreds of MB)."""
    total = 0
    tail = b""
    with open(path, "rb") as handle:
        while True:
            block = handle.read(1 << 24)
            if not block:
                break
            data = tail + block
            total += data.count(needle)
            # Keep a tail shorter than the needle, so a match is never counted twice.
            tail = data[-(len(needle) - 1):] if len(needle) > 1 else b""
    return total


def run_once(command, stdin_path):
    """Wall seconds, CPU seconds (user + sys of the child and its children), exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(stdin_path, "rb") if stdin_path else open(os.devnull, "rb") as stdin:
        start = time.perf_counter()
        status = subprocess.call(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, status


def check(capture, rows, owned, workdir, jc_command):
    """Runs each tool once into a file and verifies it read every row; returns notes to print."""
    notes = []
    out = os.path.join(workdir, "hostcheck.json")
    with open(out, "wb") as handle:
        status = subprocess.call([HOSTCHECK, "facts", "--capture", capture, "--format", "json"], stdout=handle)
    sockets = count_in_file(out, b'"protocol":')
    diagnostics = count_in_file(out, b'"severity":')
    processes = count_in_file(out, b'"name_truncated":')
    os.remove(out)
    notes.append(f"hostcheck: {sockets} sockets, {processes} processes, {diagnostics} diagnostics, exit {status}")
    if sockets != rows or diagnostics != 0 or status != 0:
        sys.exit(f"hostcheck did not read the capture as expected ({rows} rows, no diagnostics)")
    out = os.path.join(workdir, "jc.json")
    with open(capture, "rb") as stdin, open(out, "wb") as handle:
        status = subprocess.call(jc_command, stdin=stdin, stdout=handle)
    objects = count_in_file(out, b'{"proto":')
    programs = count_in_file(out, b'"program_name":')
    os.remove(out)
    notes.append(f"jc:        {objects} objects, {programs} with program_name, exit {status}")
    if objects != rows or programs != owned or status != 0:
        sys.exit(f"jc did not read the capture as expected ({rows} rows, {owned} with owner lines)")
    return notes


def load():
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} ({os.cpu_count()} cpus)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=60, help="capture size in 10^6 bytes (at least 50)")
    parser.add_argument("--rounds", type=int, default=5, help="timed runs of each command (at least 5)")
    parser.add_argument("--seed", type=int, default=3691)
    parser.add_argument("--keep", metavar="DIR", help="write the capture into DIR and keep it")
    args = parser.parse_args()
    if args.size_mb < 50 or args.rounds < 5:
        parser.error("--size-mb must be at least 50 and --rounds at least 5")
    if not os.access(HOSTCHECK, os.X_OK):
        sys.exit(f"{HOSTCHECK} not found: run Benchmarks/capture-throughput.sh, which builds it")
    jc_command = [sys.executable, "-m", "jc", "--netstat"]

    workdir = args.keep or tempfile.mkdtemp(prefix="hostcheck-capture-bench-")
    os.makedirs(workdir, exist_ok=True)
    capture = os.path.join(workdir, "netstat-anob-en.txt")
    try:
        started = time.perf_counter()
        size, rows, owned = generate(capture, args.size_mb, args.seed)
        megabytes = size / 1e6
        print(f"capture: {capture}")
        print(f"  {size} bytes ({megabytes:.1f} MB), {rows} socket rows, {owned} with owner lines, "
              f"generated in {time.perf_counter() - started:.1f} s")
        for note in check(capture, rows, owned, workdir, jc_command):
            print("  " + note)

        commands = [
            ("hostcheck json", [HOSTCHECK, "facts", "--capture", capture, "--format", "json"], None),
            ("jc --netstat", jc_command, capture),
            ("hostcheck table", [HOSTCHECK, "facts", "--capture", capture, "--format", "table"], None),
            ("hostcheck --port 1", [HOSTCHECK, "facts", "--capture", capture, "--format", "json", "--port", "1"], None),
        ]
        print(f"before: {load()}")
        times = {name: ([], []) for name, _, _ in commands}
        for round_number in range(args.rounds):
            order = commands if round_number % 2 == 0 else list(reversed(commands))
            for name, command, stdin in order:
                wall, cpu, status = run_once(command, stdin)
                if status != 0:
                    sys.exit(f"{name} exited {status}")
                times[name][0].append(wall)
                times[name][1].append(cpu)
        print(f"after:  {load()}")

        print(f"\nmedian of {args.rounds} rounds, same input ({megabytes:.1f} MB), alternating order")
        print(f"{'command':<20} {'wall s':>8} {'cpu s':>8} {'MB/s wall':>10} {'MB/s cpu':>10}")
        medians = {}
        for name, _, _ in commands:
            wall = statistics.median(times[name][0])
            cpu = statistics.median(times[name][1])
            medians[name] = (wall, cpu)
            print(f"{name:<20} {wall:>8.3f} {cpu:>8.3f} {megabytes / wall:>10.1f} {megabytes / cpu:>10.1f}")
        hostcheck_wall, hostcheck_cpu = medians["hostcheck json"]
        jc_wall, jc_cpu = medians["jc --netstat"]
        print(f"\nratio jc / hostcheck (json): wall {jc_wall / hostcheck_wall:.1f}x, cpu {jc_cpu / hostcheck_cpu:.1f}x "
              f"(target: wall >= 20x)")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
