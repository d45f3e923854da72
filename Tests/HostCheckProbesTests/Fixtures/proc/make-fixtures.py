#!/usr/bin/env python3
"""Writes the hand-made /proc fixture trees used by LinuxProcProbeTests.

Run from this directory: python3 make-fixtures.py. Every address below is written as the
kernel prints it (decoded by `ProcNetRowParser` and `ProcHex`), by hand, so the tests check the decoding.
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

TCP_HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
TCP6_HEADER = ("  sl  local_address                         remote_address                        st tx_queue "
               "rx_queue tr tm->when retrnsmt   uid  timeout inode")
UDP_HEADER = ("   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
              "inode ref pointer drops")
UDP6_HEADER = ("  sl  local_address                         remote_address                        st tx_queue "
               "rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops")
HEADERS = {"tcp": (TCP_HEADER, 149), "tcp6": (TCP6_HEADER, 0), "udp": (UDP_HEADER, 127), "udp6": (UDP6_HEADER, 0)}


def row(sl, local, remote, state, inode, uid=0, tcp=True):
    """A full socket row in the kernel's layout (tcp4_seq_show / udp4_format_sock)."""
    if inode == 0:
        # get_timewait4_sock / get_openreq4: fewer trailing fields.
        return "%4d: %s %s %s 00000000:00000000 03:00000C5F 00000000     0        0 0 3 0000000000000000" % (
            sl, local, remote, state)
    if tcp:
        return "%4d: %s %s %s 00000000:00000000 00:00000000 00000000 %5d        0 %d 1 ffff8c7a4d5e0000 100 0 0 10 0" % (
            sl, local, remote, state, uid, inode)
    return "%5d: %s %s %s 00000000:00000000 00:00000000 00000000 %5d        0 %d 2 ffff8c7a4d5e0400 0" % (
        sl, local, remote, state, uid, inode)


def write(path, data, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(data)


def tables(root, **files):
    for name in ("tcp", "tcp6", "udp", "udp6"):
        if name not in files:
            continue
        header, width = HEADERS[name]
        lines = [header.ljust(width)] + [line.ljust(width) for line in files[name]]
        write(os.path.join(root, "net", name), "\n".join(lines) + "\n")


def process(root, pid, comm, cmdline, ppid=1, uid=0, exe=None, fds=(), fd_dir=True):
    """comm: text without newline; cmdline: list of argv strings, or raw bytes."""
    base = os.path.join(root, str(pid))
    write(os.path.join(base, "comm"), comm + "\n")
    raw = cmdline if isinstance(cmdline, bytes) else b"".join(a.encode() + b"\0" for a in cmdline)
    write(os.path.join(base, "cmdline"), raw, "wb")
    write(os.path.join(base, "status"),
          "Name:\t%s\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
          "TracerPid:\t0\nUid:\t%d\t%d\t%d\t%d\nGid:\t0\t0\t0\t0\n"
          % (comm.replace("\n", "\\n"), pid, pid, ppid, uid, uid, uid, uid))
    if exe is not None:
        os.symlink(exe, os.path.join(base, "exe"))
    if fd_dir:
        os.makedirs(os.path.join(base, "fd"), exist_ok=True)
        for number, target in fds:
            os.symlink(target, os.path.join(base, "fd", str(number)))


def namespace_links(root, who, **inodes):
    """`<root>/<who>/ns/<kind>` links such as `pid:[4026531836]`."""
    base = os.path.join(root, who, "ns")
    os.makedirs(base, exist_ok=True)
    for kind, inode in inodes.items():
        os.symlink("%s:[%d]" % (kind, inode), os.path.join(base, kind))


def sock(inode):
    return "socket:[%d]" % inode


def main():
    for entry in os.listdir(HERE):
        if os.path.isdir(os.path.join(HERE, entry)):
            shutil.rmtree(os.path.join(HERE, entry))

    # A listener owned by one process, its accepted connection, an inode nobody holds.
    r = os.path.join(HERE, "listener")
    tables(r, tcp=[
        row(0, "00000000:0016", "00000000:0000", "0A", 1001),
        row(1, "0500000A:0016", "0A01A8C0:C802", "01", 1002, uid=1000),
        row(2, "0100007F:0277", "00000000:0000", "0A", 1003),
    ], tcp6=[], udp=[], udp6=[])
    process(r, 1, "systemd", ["/sbin/init", "splash"], ppid=0, exe="/usr/lib/systemd/systemd",
            fds=[(0, "/dev/null"), (3, "anon_inode:[eventpoll]"), (4, "pipe:[777]"), (5, sock(9999))])
    process(r, 100, "sshd", ["/usr/sbin/sshd", "-D"], exe="/usr/sbin/sshd",
            fds=[(0, "/dev/null"), (3, sock(1001))])
    process(r, 101, "sshd", ["sshd: alice [priv]"], ppid=100, uid=1000, exe="/usr/sbin/sshd",
            fds=[(4, sock(1002))])

    # A forked server: two PIDs share the listening socket (one holds it twice).
    r = os.path.join(HERE, "forked-server")
    tables(r, tcp=[row(0, "00000000:0E6B", "00000000:0000", "0A", 2001)], tcp6=[], udp=[], udp6=[])
    process(r, 200, "magaya-server", ["/opt/magaya/bin/magaya-server", "--port", "3691"],
            exe="/opt/magaya/bin/magaya-server", fds=[(3, sock(2001)), (7, sock(2001))])
    process(r, 210, "magaya-server", ["/opt/magaya/bin/magaya-server", "--worker"], ppid=200, uid=4242,
            exe="/opt/magaya/bin/magaya-server", fds=[(3, sock(2001))])

    # TIME_WAIT and SYN_RECV rows have inode 0 and fewer fields.
    r = os.path.join(HERE, "time-wait")
    tables(r, tcp=[
        row(0, "0100007F:1F90", "0100007F:D431", "06", 0),
        row(1, "0100007F:1F90", "0100007F:D432", "03", 0),
    ], tcp6=[], udp=[], udp6=[])

    # IPv6: wildcard, loopback, IPv4-mapped, link-local, a global address (see `ProcHex`).
    r = os.path.join(HERE, "ipv6")
    tables(r, tcp=[], tcp6=[
        row(0, "00000000000000000000000000000000:0050", "00000000000000000000000000000000:0000", "0A", 4001),
        row(1, "00000000000000000000000001000000:1F90", "00000000000000000000000000000000:0000", "0A", 4002),
        row(2, "0000000000000000FFFF00000100007F:0E6B", "0000000000000000FFFF00000100007F:A5C4", "01", 4003),
        row(3, "4606012600F1019E000000004C3A0000:E700", "000080FE00000000FFADE15609667CFE:01BB", "08", 4004),
    ], udp=[], udp6=[])
    process(r, 400, "nginx", ["nginx: master process /usr/sbin/nginx"], exe="/usr/sbin/nginx",
            fds=[(6, sock(4001)), (7, sock(4002)), (8, sock(4003)), (9, sock(4004))])

    # UDP: unconnected (07) is listening, connected (01) established; sl is a hash bucket.
    r = os.path.join(HERE, "udp")
    tables(r, tcp=[], tcp6=[], udp=[
        row(4495, "AF778609:0044", "01708609:0043", "01", 5001, tcp=False),
        row(4496, "00000000:0035", "00000000:0000", "07", 5002, uid=101, tcp=False),
    ], udp6=[
        row(119, "00000000000000000000000000000000:0222", "00000000000000000000000000000000:0000", "07", 5003,
            tcp=False),
    ])
    process(r, 500, "dhclient", ["/sbin/dhclient", "-4", "eth0"], exe="/usr/sbin/dhclient", fds=[(6, sock(5001))])
    process(r, 510, "systemd-resolve", ["/lib/systemd/systemd-resolved"], uid=101,
            exe="/usr/lib/systemd/systemd-resolved", fds=[(12, sock(5002))])
    process(r, 520, "chronyd", ["/usr/sbin/chronyd", "-F", "1"], exe="/usr/sbin/chronyd", fds=[(5, sock(5003))])

    # comm cut at 15 bytes: extended from argv[0] when a prefix, else marked truncated.
    r = os.path.join(HERE, "names")
    tables(r, tcp=[
        row(0, "00000000:1F40", "00000000:0000", "0A", 6001),
        row(1, "00000000:1F41", "00000000:0000", "0A", 6002),
        row(2, "00000000:1F42", "00000000:0000", "0A", 6003),
        row(3, "00000000:1F43", "00000000:0000", "0A", 6004),
        row(4, "00000000:1F44", "00000000:0000", "0A", 6005),
        row(5, "00000000:1F45", "00000000:0000", "0A", 6006),
        row(6, "00000000:1F46", "00000000:0000", "0A", 6007),
        row(7, "00000000:1F47", "00000000:0000", "0A", 6008),
    ], tcp6=[], udp=[], udp6=[])
    process(r, 600, "gnome-keyring-d", ["/usr/bin/gnome-keyring-daemon", "--start"],
            exe="/usr/bin/gnome-keyring-daemon", fds=[(3, sock(6001))])
    process(r, 601, "java-long-servi", ["/usr/bin/java", "-jar", "svc.jar"], exe="/usr/lib/jvm/bin/java",
            fds=[(3, sock(6002))])
    process(r, 602, "exactly15bytes!", ["exactly15bytes!"], fds=[(3, sock(6003))])
    process(r, 603, "kworker-15bytes", b"", fds=[(3, sock(6004))])
    process(r, 604, "my server", ["/opt/my app/my server", "--name", "a b"], exe="/opt/my app/my server (deleted)",
            fds=[(3, sock(6005))])
    process(r, 605, "evil) S 1 (x", ["evil) S 1 (x"], uid=1000, fds=[(3, sock(6006))])
    process(r, 606, "two\nlines", ["two\nlines", "arg"], uid=31337, fds=[(3, sock(6007))])
    process(r, 607, "padded", b"/usr/bin/padded --title\0\0\0\0", fds=[(3, sock(6008))])

    # An fd directory the tests make unreadable (EACCES injected for PID 701).
    r = os.path.join(HERE, "unreadable-fd")
    tables(r, tcp=[
        row(0, "00000000:0E6B", "00000000:0000", "0A", 7001),
        row(1, "00000000:0050", "00000000:0000", "0A", 7002),
        row(2, "0100007F:1F90", "0100007F:D431", "06", 0),
    ], tcp6=[], udp=[], udp6=[])
    process(r, 700, "python3", ["python3", "-m", "http.server"], uid=1000, exe="/usr/bin/python3.12",
            fds=[(3, sock(7001))])
    process(r, 701, "nc", ["nc", "-l", "80"], exe="/usr/bin/nc.openbsd", fds=[(3, sock(7002))])

    # A PID listed under the root whose fd directory is gone (it exited mid-walk).
    r = os.path.join(HERE, "vanished")
    tables(r, tcp=[
        row(0, "00000000:0E6B", "00000000:0000", "0A", 8001),
        row(1, "00000000:0050", "00000000:0000", "0A", 8002),
    ], tcp6=[], udp=[], udp6=[])
    process(r, 800, "magaya-server", ["/opt/magaya/bin/magaya-server"], exe="/opt/magaya/bin/magaya-server",
            fds=[(3, sock(8001))])
    # Only a status file is left (git keeps no empty directory): no fd, no comm.
    write(os.path.join(r, "801", "status"), "Name:\tshortlived\nPPid:\t1\nUid:\t0\t0\t0\t0\n")

    # IPv6 disabled: no tcp6 or udp6 tables.
    r = os.path.join(HERE, "ipv6-disabled")
    tables(r, tcp=[row(0, "00000000:0016", "00000000:0000", "0A", 9001)], udp=[])
    process(r, 900, "sshd", ["/usr/sbin/sshd", "-D"], exe="/usr/sbin/sshd", fds=[(3, sock(9001))])

    # Rows not understood are warnings with their line; the good rows around them survive.
    r = os.path.join(HERE, "malformed")
    tables(r, tcp=[
        row(0, "00000000:0016", "00000000:0000", "0A", 9101),
        "   1: 0100007F:0277 00000000:0000 0A 00000000:00000000",
        row(2, "0100ZZ7F:0277", "00000000:0000", "0A", 9102),
        row(3, "0100007F:0278", "00000000:0000", "0AB", 9103),
        row(4, "0100007F:0279", "00000000:0000", "0D", 9104),
        "garbage",
    ], tcp6=[row(0, "0100007F:0016", "00000000:0000", "0A", 9105)], udp=[
        row(1, "00000000:0044", "00000000:0000", "02", 9106, tcp=False),
    ], udp6=[])
    process(r, 910, "sshd", ["/usr/sbin/sshd", "-D"], exe="/usr/sbin/sshd", fds=[(3, sock(9101)), (4, sock(9104))])

    # The probe itself in a child pid namespace: processes outside it are invisible.
    r = os.path.join(HERE, "child-pid-namespace")
    tables(r, tcp=[
        row(0, "00000000:0016", "00000000:0000", "0A", 9201),
        row(1, "00000000:07E8", "00000000:0000", "0A", 9202),
    ], tcp6=[], udp=[], udp6=[])
    process(r, 1, "sshd", ["/usr/sbin/sshd", "-D"], ppid=0, exe="/usr/sbin/sshd", fds=[(3, sock(9201))])
    write(os.path.join(r, "self", "status"), "Name:\thostcheck\nPid:\t7\nPPid:\t1\nNSpid:\t48213\t7\n")

    # Network namespaces: our own, one shared by another process, a container's, a bad link.
    r = os.path.join(HERE, "namespaces")
    tables(r, tcp=[row(0, "00000000:0016", "00000000:0000", "0A", 9301)], tcp6=[], udp=[], udp6=[])
    os.makedirs(os.path.join(r, "self", "ns"))
    os.symlink("net:[4026531840]", os.path.join(r, "self", "ns", "net"))
    process(r, 1100, "sshd", ["/usr/sbin/sshd", "-D"], exe="/usr/sbin/sshd", fds=[(3, sock(9301))])
    os.makedirs(os.path.join(r, "1100", "ns"))
    os.symlink("net:[4026531840]", os.path.join(r, "1100", "ns", "net"))
    process(r, 1200, "magaya-server", ["/opt/magaya/bin/magaya-server"], exe="/opt/magaya/bin/magaya-server",
            fds=[(3, sock(9302)), (4, sock(9303))])
    os.makedirs(os.path.join(r, "1200", "ns"))
    os.symlink("net:[4026532999]", os.path.join(r, "1200", "ns", "net"))
    tables(os.path.join(r, "1200"), tcp=[row(0, "00000000:0E6B", "00000000:0000", "0A", 9302)], tcp6=[
        row(0, "00000000000000000000000000000000:0E6B", "00000000000000000000000000000000:0000", "0A", 9303),
    ], udp=[], udp6=[])
    process(r, 1300, "busybox", ["busybox", "sleep", "1000"], fds=[])
    os.makedirs(os.path.join(r, "1300", "ns"))
    os.symlink("bogus", os.path.join(r, "1300", "ns", "net"))
    # An empty fd directory needs a marker file for git; the walk skips non-links.
    write(os.path.join(r, "1300", "fd", ".keep"), "")

    # `unshare --pid --fork --mount-proc`: NSpid has one entry (the proc root is the child's),
    # only the namespace inodes tell; the proc root's PID 1 is in the same child namespace.
    r = os.path.join(HERE, "pid-namespace-mounted")
    tables(r, tcp=[
        row(0, "00000000:0016", "00000000:0000", "0A", 9401),
        row(1, "00000000:0E6B", "00000000:0000", "0A", 9402),
    ], tcp6=[], udp=[], udp6=[])
    process(r, 1, "sshd", ["/usr/sbin/sshd", "-D"], ppid=0, exe="/usr/sbin/sshd", fds=[(3, sock(9401))])
    write(os.path.join(r, "self", "status"), "Name:\thostcheck\nPid:\t3\nPPid:\t1\nNSpid:\t3\n")
    namespace_links(r, "self", pid=4026532175, net=4026531840)
    namespace_links(r, "1", pid=4026532175, net=4026531840)

    # A child pid namespace over the host's proc root (`unshare --pid --fork` without
    # --mount-proc, a container given the host's /proc): PID 1 of the root is the initial
    # namespace's, so every process is visible and an inode nobody holds is unowned.
    r = os.path.join(HERE, "pid-namespace-host-proc")
    tables(r, tcp=[
        row(0, "00000000:0016", "00000000:0000", "0A", 9501),
        row(1, "00000000:0E6B", "00000000:0000", "0A", 9502),
    ], tcp6=[], udp=[], udp6=[])
    process(r, 1, "sshd", ["/usr/sbin/sshd", "-D"], ppid=0, exe="/usr/sbin/sshd", fds=[(3, sock(9501))])
    write(os.path.join(r, "self", "status"), "Name:\thostcheck\nPid:\t48213\nPPid:\t1\nNSpid:\t48213\t7\n")
    namespace_links(r, "self", pid=4026532175, net=4026531840)
    namespace_links(r, "1", pid=4026531836, net=4026531840)

    # /proc mounted hidepid=invisible on top of the host's (a fresh mount in a private mount
    # namespace); the probe runs as nobody, without CAP_SYS_PTRACE. The tests read it as /proc.
    mountinfo = ("22 1 0:21 / /proc rw,relatime - proc proc rw\n"
                 "30 22 0:40 / /proc/sys/fs/binfmt_misc rw - binfmt_misc binfmt_misc rw\n"
                 "66 22 0:41 / /proc rw,relatime - proc proc rw,hidepid=invisible,gid=27\n")
    for name, caps, groups in (("hidepid", "0000000000000000", "65534"),
                               ("hidepid-root", "000001ffffffffff", "0"),
                               ("hidepid-gid", "0000000000000000", "65534 27")):
        r = os.path.join(HERE, name)
        tables(r, tcp=[
            row(0, "00000000:0016", "00000000:0000", "0A", 9601),
            row(1, "00000000:0E6B", "00000000:0000", "0A", 9602),
        ], tcp6=[], udp=[], udp6=[])
        process(r, 7, "sshd", ["/usr/sbin/sshd", "-D"], exe="/usr/sbin/sshd", fds=[(3, sock(9601))])
        write(os.path.join(r, "self", "status"),
              "Name:\thostcheck\nPid:\t7\nNSpid:\t7\nGid:\t65534\t65534\t65534\t65534\nGroups:\t%s\n"
              "CapEff:\t%s\n" % (groups, caps))
        write(os.path.join(r, "self", "mountinfo"), mountinfo)
        namespace_links(r, "self", pid=4026531836, net=4026531840, user=4026531837)

    # Network namespaces that can all be read: ours (two processes) and a container's.
    r = os.path.join(HERE, "namespaces-readable")
    tables(r, tcp=[row(0, "00000000:0016", "00000000:0000", "0A", 9701)], tcp6=[], udp=[], udp6=[])
    namespace_links(r, "self", net=4026531840)
    process(r, 1100, "sshd", ["/usr/sbin/sshd", "-D"], exe="/usr/sbin/sshd", fds=[(3, sock(9701))])
    namespace_links(r, "1100", net=4026531840)
    process(r, 1200, "magaya-server", ["/opt/magaya/bin/magaya-server"], exe="/opt/magaya/bin/magaya-server",
            fds=[(3, sock(9702))])
    namespace_links(r, "1200", net=4026532999)
    tables(os.path.join(r, "1200"), tcp=[row(0, "00000000:0E6B", "00000000:0000", "0A", 9702)], tcp6=[], udp=[],
           udp6=[])

    # Every process in our own network namespace: nothing else to read.
    r = os.path.join(HERE, "namespaces-none")
    tables(r, tcp=[row(0, "00000000:0016", "00000000:0000", "0A", 9801)], tcp6=[], udp=[], udp6=[])
    namespace_links(r, "self", net=4026531840)
    process(r, 1100, "sshd", ["/usr/sbin/sshd", "-D"], exe="/usr/sbin/sshd", fds=[(3, sock(9801))])
    namespace_links(r, "1100", net=4026531840)

    # One process whose namespace link cannot be read (not ours to read): others may exist.
    r = os.path.join(HERE, "namespaces-unreadable")
    tables(r, tcp=[row(0, "00000000:0016", "00000000:0000", "0A", 9901)], tcp6=[], udp=[], udp6=[])
    namespace_links(r, "self", net=4026531840)
    process(r, 1100, "sshd", ["/usr/sbin/sshd", "-D"], exe="/usr/sbin/sshd", fds=[(3, sock(9901))])
    namespace_links(r, "1100", net=4026531840)
    process(r, 1300, "busybox", ["busybox", "sleep", "1000"], fds=[])
    os.makedirs(os.path.join(r, "1300", "ns"))
    os.symlink("bogus", os.path.join(r, "1300", "ns", "net"))
    write(os.path.join(r, "1300", "fd", ".keep"), "")

    write(os.path.join(HERE, "passwd"),
          "root:x:0:0:root:/root:/bin/bash\nsystemd-resolve:x:101:103::/run/systemd:/usr/sbin/nologin\n"
          "alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash\nmagaya:x:4242:4242::/opt/magaya:/bin/sh\n"
          "broken line without fields\n")


if __name__ == "__main__":
    main()
