#!/usr/bin/env python3
"""Writes a fleet of Windows bundles for Benchmarks/fleet.sh (Benchmarks/README.md, "Fleet").

    Benchmarks/fleet-gen.py --hosts 10000 DIR

DIR gets one sub-directory per host (`win-00001` ...), each a bundle of two files as `cmd`
saves them (English, CRLF line ends): `netstat.txt`, the output of `netstat -ano` with 48 rows
(TCP and UDP, IPv4 and IPv6; LISTENING, ESTABLISHED, TIME_WAIT, CLOSE_WAIT), and `tasklist.csv`,
the output of `tasklist /fo csv` with 7 processes. Ports, PIDs, addresses and the application
vary per host, from a fixed seed, so every run writes the same files. About one host in 100
fails a built-in rule (a Telnet server, netcat on Magaya's port 3691, or WinRM over HTTP on every
address); the others pass or are skipped.
"""

import argparse
import os
import random
import sys

HEADER = (
    "\r\nActive Connections\r\n\r\n"
    "  Proto  Local Address          Foreign Address        State           PID\r\n"
)
TASKLIST_HEADER = '"Image Name","PID","Session Name","Session#","Mem Usage"\r\n'

# (image, fixed listening ports) of the one application each host runs.
APPLICATIONS = [
    ("sqlservr.exe", [1433]),
    ("w3wp.exe", [80, 443]),
    ("magaya.exe", [3691]),
    ("java.exe", [8080, 8443]),
    ("nginx.exe", [80]),
    ("postgres.exe", []),
    ("MsMpEng.exe", []),
    ("node.exe", [3000]),
]

# The ways a failing host fails: (image, listening port, local address).
FAILURES = [
    ("tlntsvr.exe", 23, "0.0.0.0"),
    ("nc64.exe", 3691, "0.0.0.0"),
    ("System", 5985, "0.0.0.0"),
]


def row(proto, local, foreign, state, pid):
    """One row in netstat's own columns (a value wider than its column pushes the next one)."""
    return f"  {proto:<7}{local:<22} {foreign:<22} {state:<16}{pid}\r\n"


def host(rng, index, failing):
    """The two files of one host, as (netstat text, tasklist text)."""
    pids = rng.sample(range(300, 16000), 5)
    pids = [p - p % 4 for p in pids]
    rpc, svc, lsass, app_pid, extra = pids
    app, app_ports = APPLICATIONS[rng.randrange(len(APPLICATIONS))]
    ip = f"10.{rng.randrange(1, 250)}.{rng.randrange(0, 250)}.{rng.randrange(1, 250)}"
    ip6 = f"fe80::{rng.randrange(0x1000, 0xffff):x}:{rng.randrange(0x1000, 0xffff):x}%{rng.randrange(2, 20)}"
    processes = [
        ("System Idle Process", 0, "Services", "8 K"),
        ("System", 4, "Services", "1,536 K"),
        ("svchost.exe", rpc, "Services", f"{rng.randrange(8, 40)},{rng.randrange(100, 999)} K"),
        ("svchost.exe", svc, "Services", f"{rng.randrange(8, 40)},{rng.randrange(100, 999)} K"),
        ("lsass.exe", lsass, "Services", f"{rng.randrange(10, 30)},{rng.randrange(100, 999)} K"),
        (app, app_pid, "Services", f"{rng.randrange(50, 900)},{rng.randrange(100, 999)} K"),
        ("explorer.exe", extra, "Console", f"{rng.randrange(40, 200)},{rng.randrange(100, 999)} K"),
    ]
    rows = []
    listening = [
        ("TCP", "0.0.0.0:135", "0.0.0.0:0", "LISTENING", rpc),
        ("TCP", "0.0.0.0:445", "0.0.0.0:0", "LISTENING", 4),
        ("TCP", f"{ip}:139", "0.0.0.0:0", "LISTENING", 4),
        ("TCP", "127.0.0.1:5985", "0.0.0.0:0", "LISTENING", 4),
        ("TCP", "0.0.0.0:49664", "0.0.0.0:0", "LISTENING", lsass),
        ("TCP", f"0.0.0.0:{rng.randrange(49665, 49700)}", "0.0.0.0:0", "LISTENING", svc),
        ("TCP", "[::]:135", "[::]:0", "LISTENING", rpc),
        ("TCP", "[::]:445", "[::]:0", "LISTENING", 4),
        ("TCP", "[::]:49664", "[::]:0", "LISTENING", lsass),
    ]
    for port in app_ports:
        listening.append(("TCP", f"0.0.0.0:{port}", "0.0.0.0:0", "LISTENING", app_pid))
        listening.append(("TCP", f"[::]:{port}", "[::]:0", "LISTENING", app_pid))
    if failing:
        image, port, address = FAILURES[index % len(FAILURES)]
        if image == "System":
            listening[3] = ("TCP", f"{address}:{port}", "0.0.0.0:0", "LISTENING", 4)
        else:
            if image == "nc64.exe":
                listening = [r for r in listening if not r[1].endswith(":3691")]
            processes[6] = (image, extra, "Services", "4,120 K")
            listening.append(("TCP", f"{address}:{port}", "0.0.0.0:0", "LISTENING", extra))
    rows.extend(listening)
    udp = [
        ("UDP", "0.0.0.0:123", "*:*", "", svc),
        ("UDP", "0.0.0.0:500", "*:*", "", svc),
        ("UDP", "0.0.0.0:4500", "*:*", "", svc),
        ("UDP", "0.0.0.0:5353", "*:*", "", svc),
        ("UDP", "0.0.0.0:5355", "*:*", "", svc),
        ("UDP", f"{ip}:137", "*:*", "", 4),
        ("UDP", f"{ip}:138", "*:*", "", 4),
        ("UDP", "127.0.0.1:1900", "*:*", "", svc),
        ("UDP", f"127.0.0.1:{rng.randrange(50000, 65000)}", "*:*", "", svc),
        ("UDP", "[::]:123", "*:*", "", svc),
        ("UDP", "[::]:500", "*:*", "", svc),
        ("UDP", "[::1]:1900", "*:*", "", svc),
        ("UDP", f"[{ip6}]:1900", "*:*", "", svc),
        ("UDP", f"[{ip6}]:{rng.randrange(50000, 65000)}", "*:*", "", svc),
    ]
    states = ["ESTABLISHED"] * 6 + ["TIME_WAIT"] * 3 + ["CLOSE_WAIT"]
    connections = []
    while len(rows) + len(connections) + len(udp) < 48:
        state = states[rng.randrange(len(states))]
        remote = f"10.{rng.randrange(1, 250)}.{rng.randrange(0, 250)}.{rng.randrange(1, 250)}"
        owner = 0 if state == "TIME_WAIT" else rng.choice([svc, app_pid, extra, lsass])
        connections.append(
            ("TCP", f"{ip}:{rng.randrange(49700, 65000)}", f"{remote}:{rng.choice([443, 80, 445, 1433, 8080])}", state, owner))
    rows.extend(sorted(connections, key=lambda r: r[1]))
    rows.extend(udp)
    netstat = HEADER + "".join(row(*r) for r in rows)
    tasklist = TASKLIST_HEADER + "".join(
        f'"{name}","{pid}","{session}","{1 if session == "Console" else 0}","{memory}"\r\n'
        for name, pid, session, memory in processes)
    return netstat, tasklist


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--hosts", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--failing-every", type=int, default=97, help="every Nth host fails a rule (0: none)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.directory, exist_ok=True)
    width = max(5, len(str(args.hosts)))
    total = 0
    for index in range(1, args.hosts + 1):
        failing = args.failing_every > 0 and index % args.failing_every == 0
        netstat, tasklist = host(rng, index, failing)
        bundle = os.path.join(args.directory, f"win-{index:0{width}d}")
        os.makedirs(bundle, exist_ok=True)
        for name, text in (("netstat.txt", netstat), ("tasklist.csv", tasklist)):
            data = text.encode("ascii")
            total += len(data)
            with open(os.path.join(bundle, name), "wb") as file:
                file.write(data)
    print(f"{args.hosts} hosts, {total} bytes of captures in {args.directory}", file=sys.stderr)


if __name__ == "__main__":
    main()
