"""Tests of hostcheck-probe-psutil.

- Its decisions on made-up psutil answers (any platform): shared sockets, denied processes,
  Windows PID 0, states, names, scopes; each document checked against docs/schema/snapshot-2.json.
- Its failures: psutil missing (exit 3), a bad argument (64), psutil failing midway (1), and
  never a partial document on standard output.
- On Linux with psutil: its live document against the schema, and agreement with hostcheck's
  native probe (`hostcheck facts --format json`) on sockets this test opens: a dual-stack TCP
  listener, UDP sockets, a listener shared by a parent and its child, an established
  connection, and (as root) a listener of the user `nobody`; then both run as `nobody`, where
  root's sockets must have unknown owners in both. Run once per Python that has psutil: this
  one, and /usr/bin/python3 (Debian's python3-psutil) when it differs.

Run: python3 -m unittest -v test_probe_psutil   (in this directory)
Environment: HOSTCHECK_BIN, the hostcheck binary (default: .build/debug/hostcheck of this
repository); HOSTCHECK_PSUTIL_STRICT=1 turns a missing prerequisite of the live tests into a
failure instead of a skip (the Swift test that runs this file sets it when it runs as root).
"""

import collections
import contextlib
import importlib.machinery
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PLUGIN = os.path.join(HERE, "hostcheck-probe-psutil")
ROOT = os.path.dirname(os.path.dirname(HERE))
SCHEMA = os.path.join(ROOT, "docs", "schema", "snapshot-2.json")
STRICT = os.environ.get("HOSTCHECK_PSUTIL_STRICT") == "1"
NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def load_plugin():
    loader = importlib.machinery.SourceFileLoader("hostcheck_probe_psutil", PLUGIN)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


plugin = load_plugin()


def missing(reason):
    """Skip, or fail under HOSTCHECK_PSUTIL_STRICT=1."""
    if STRICT:
        raise AssertionError(f"prerequisite missing (HOSTCHECK_PSUTIL_STRICT=1): {reason}")
    raise unittest.SkipTest(reason)


def schema_errors(document):
    """Every schema violation of document, as text; skips when jsonschema is not installed."""
    try:
        import jsonschema
    except ImportError:
        missing(f"jsonschema is not installed for {sys.executable}")
    with open(SCHEMA, encoding="utf-8") as file:
        schema = json.load(file)
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


# -- a made-up psutil ---------------------------------------------------------------------

Conn = collections.namedtuple("sconn", "fd family type laddr raddr status pid")
Addr = collections.namedtuple("addr", "ip port")
TCP, UDP = socket.SOCK_STREAM, socket.SOCK_DGRAM
V4, V6 = socket.AF_INET, socket.AF_INET6


def conn(fd, proto, family, local, remote=(), status="NONE", pid=None):
    return Conn(fd, family, proto, Addr(*local), Addr(*remote) if remote else (), status, pid)


class FakeError(Exception):
    pass


class FakeNoSuchProcess(FakeError):
    pass


class FakeZombieProcess(FakeNoSuchProcess):
    pass


class FakeAccessDenied(FakeError):
    pass


DENIED = "denied"


class FakeProcess:
    def __init__(self, pid, psutil, name="daemon", cmdline=None, exe="/usr/sbin/daemon", user="root",
                 ppid=1, connections=(), uid=0):
        self.pid = pid
        self._psutil = psutil
        self._name = name
        self._cmdline = cmdline if cmdline is not None else [exe]
        self._exe = exe
        self._user = user
        self._ppid = ppid
        self._connections = connections
        self._uid = uid

    @contextlib.contextmanager
    def oneshot(self):
        yield

    def name(self):
        return self._name

    def cmdline(self):
        return self._cmdline

    def exe(self):
        return self._exe

    def username(self):
        return self._user

    def ppid(self):
        return self._ppid

    def uids(self):
        return collections.namedtuple("puids", "real effective saved")(self._uid, self._uid, self._uid)

    def net_connections(self, kind):
        assert kind == "inet"
        if self._connections == DENIED:
            raise FakeAccessDenied()
        if isinstance(self._connections, type) and issubclass(self._connections, Exception):
            raise self._connections()
        return list(self._connections)


class OldFakeProcess(FakeProcess):
    """psutil 5: Process.connections, no Process.net_connections."""

    net_connections = None

    def connections(self, kind):
        return FakeProcess.net_connections(self, kind)


class FakePsutil:
    __version__ = "0.0-test"
    Error = FakeError
    NoSuchProcess = FakeNoSuchProcess
    ZombieProcess = FakeZombieProcess
    AccessDenied = FakeAccessDenied

    def __init__(self, processes, table, inodes=None, process_class=FakeProcess):
        """processes: keyword arguments of FakeProcess by pid; table: the host table or DENIED;
        inodes: (pid, fd) -> inode, what /proc/PID/fd/FD points at (Linux)."""
        self._processes = [process_class(pid, self, **fields) for pid, fields in processes.items()]
        self._table = table
        self.inodes = inodes or {}

    def process_iter(self):
        return list(self._processes)

    def Process(self, pid):
        for process in self._processes:
            if process.pid == pid:
                return process
        raise FakeNoSuchProcess()

    def net_connections(self, kind):
        if self._table == DENIED:
            raise FakeAccessDenied()
        return list(self._table)


def probe_document(fake, platform, hidden=None):
    probe = plugin.Probe(fake)
    probe.platform = platform
    probe.inode = lambda pid, fd: fake.inodes.get((pid, fd))
    probe.hidden_processes = lambda: hidden
    return probe.snapshot()


def socket_rows(document):
    return sorted(
        (s["protocol"], s["family"], s["local_address"], s["local_port"], s["state"], s["ownership"],
         s["ownership_reason"], tuple(s["pids"]))
        for s in document["sockets"])


class DecisionTests(unittest.TestCase):
    """What the probe decides from psutil's answers, platform by platform."""

    def checked(self, fake, platform):
        document = probe_document(fake, platform)
        self.assertEqual(schema_errors(document), [])
        return document

    def test_linux_shared_socket_is_one_socket_with_every_holder_and_reuseport_stays_two(self):
        listener = conn(3, TCP, V4, ("0.0.0.0", 8080), status="LISTEN")
        fake = FakePsutil(
            {100: {"connections": [listener]},
             101: {"ppid": 100, "connections": [listener._replace(fd=5)]},
             200: {"connections": [conn(4, UDP, V6, ("::", 53))]},
             201: {"connections": [conn(4, UDP, V6, ("::", 53))]}},
            table=[listener._replace(pid=100), conn(4, UDP, V6, ("::", 53), pid=200),
                   conn(4, UDP, V6, ("::", 53), pid=201)],
            inodes={(100, 3): "11", (101, 5): "11", (200, 4): "21", (201, 4): "22"})
        document = self.checked(fake, "linux")
        self.assertEqual(socket_rows(document), [
            ("tcp", "ipv4", "0.0.0.0", 8080, "listening", "owned", None, (100, 101)),
            ("udp", "ipv6", "::", 53, "listening", "owned", None, (200,)),
            ("udp", "ipv6", "::", 53, "listening", "owned", None, (201,)),
        ])
        self.assertEqual(document["host"]["coverage"]["owners"], "full")
        self.assertEqual(document["host"]["coverage"]["assumed"], [])
        self.assertEqual(document["diagnostics"], [])
        child = next(p for p in document["processes"] if p["pid"] == 101)
        self.assertEqual((child["parent_name"], child["parent_path"], child["uid"]), ("daemon", "/usr/sbin/daemon", 0))

    def test_psutil_5_process_connections_are_read(self):
        fake = FakePsutil({100: {"connections": [conn(3, TCP, V4, ("0.0.0.0", 22), status="LISTEN")]}},
                          table=[], inodes={(100, 3): "11"}, process_class=OldFakeProcess)
        document = self.checked(fake, "linux")
        self.assertEqual(socket_rows(document), [("tcp", "ipv4", "0.0.0.0", 22, "listening", "owned", None, (100,))])

    def test_linux_denied_process_leaves_its_socket_unknown_and_owners_partial(self):
        fake = FakePsutil(
            {100: {"connections": [conn(3, TCP, V4, ("127.0.0.1", 25), status="LISTEN")]},
             300: {"connections": DENIED, "user": "alice"}},
            table=[conn(3, TCP, V4, ("127.0.0.1", 25), status="LISTEN", pid=100),
                   conn(-1, TCP, V6, ("::", 3691), status="LISTEN")],
            inodes={(100, 3): "11"})
        document = self.checked(fake, "linux")
        self.assertIn(("tcp", "ipv6", "::", 3691, "listening", "unknown", "owner-unreadable", ()), socket_rows(document))
        coverage = document["host"]["coverage"]
        self.assertEqual(coverage["owners"], "partial")
        self.assertEqual(coverage["full_capture"], "sudo hostcheck check --probe psutil")
        self.assertEqual(len(coverage["assumed"]), 1)
        self.assertIn("1 process", coverage["assumed"][0])
        [warning] = document["diagnostics"]
        self.assertEqual(warning["severity"], "warning")
        self.assertIn("owners of 1 socket unknown", warning["message"])

    def test_linux_complete_walk_makes_holderless_sockets_unowned(self):
        fake = FakePsutil(
            {100: {"connections": []}, 101: {"connections": FakeZombieProcess}},
            table=[conn(-1, TCP, V4, ("10.0.0.1", 22), ("10.0.0.2", 5000), "TIME_WAIT"),
                   conn(-1, TCP, V4, ("0.0.0.0", 111), status="LISTEN")])
        document = self.checked(fake, "linux")
        self.assertEqual(socket_rows(document), [
            ("tcp", "ipv4", "0.0.0.0", 111, "listening", "unowned", "no-process-holds-inode", ()),
            ("tcp", "ipv4", "10.0.0.1", 22, "time_wait", "unowned", "inode-zero", ()),
        ])
        self.assertEqual(document["host"]["coverage"]["owners"], "full")

    def test_linux_hidden_processes_leave_holderless_sockets_unknown(self):
        fake = FakePsutil(
            {100: {"connections": []}},
            table=[conn(-1, TCP, V4, ("0.0.0.0", 111), status="LISTEN"),
                   conn(-1, TCP, V4, ("10.0.0.1", 22), ("10.0.0.2", 5000), "TIME_WAIT")])
        document = probe_document(fake, "linux", hidden="/proc is mounted with hidepid=2, so other users' processes are not visible")
        self.assertEqual(schema_errors(document), [])
        self.assertEqual(socket_rows(document), [
            ("tcp", "ipv4", "0.0.0.0", 111, "listening", "unknown", "holder-not-visible", ()),
            ("tcp", "ipv4", "10.0.0.1", 22, "time_wait", "unowned", "inode-zero", ()),
        ])
        self.assertEqual(document["host"]["coverage"]["owners"], "partial")
        self.assertEqual(document["host"]["coverage"]["assumed"],
                         ["owners: partial: /proc is mounted with hidepid=2, so other users' processes are not visible"])
        [warning] = document["diagnostics"]
        self.assertIn("hidepid=2", warning["message"])

    def test_hidepid_is_read_from_mountinfo(self):
        line = "22 28 0:20 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc "
        cases = [("rw,hidepid=2", "hidepid=2"), ("rw,hidepid=invisible,gid=4", "hidepid=invisible"),
                 ("rw,hidepid=0", None), ("rw,hidepid=off", None), ("rw", None)]
        for options, expected in cases:
            with self.subTest(options=options):
                self.assertEqual(plugin.Probe.hidepid(["1 0 8:1 / / rw - ext4 /dev/sda1 rw", line + options]), expected)
        self.assertIsNone(plugin.Probe.hidepid(["23 22 0:21 / /proc/sys rw - proc proc rw,hidepid=2"]))

    def test_linux_process_gone_midway_leaves_holderless_socket_unknown(self):
        fake = FakePsutil(
            {100: {"connections": FakeNoSuchProcess}},
            table=[conn(-1, TCP, V4, ("0.0.0.0", 111), status="LISTEN")])
        document = self.checked(fake, "linux")
        self.assertEqual(socket_rows(document), [
            ("tcp", "ipv4", "0.0.0.0", 111, "listening", "unknown", "process-vanished", ())])
        self.assertEqual(document["host"]["coverage"]["owners"], "partial")
        self.assertEqual(document["processes"], [])

    def test_macos_without_the_host_table_lists_sockets_partially(self):
        shared = conn(7, TCP, V6, ("fe80:4::1", 22), status="LISTEN")
        fake = FakePsutil(
            {100: {"connections": [shared]}, 101: {"connections": [shared._replace(fd=9)]},
             300: {"connections": DENIED}},
            table=DENIED)
        document = self.checked(fake, "macos")
        [row] = document["sockets"]
        self.assertEqual((row["local_address"], row["local_zone"], row["pids"]), ("fe80::1", "4", [100, 101]))
        coverage = document["host"]["coverage"]
        self.assertEqual([coverage[key] for key in ("tcp", "udp", "ipv4", "ipv6", "owners")], ["partial"] * 5)
        self.assertEqual(len(coverage["assumed"]), 2)

    def test_macos_as_root_lists_everything(self):
        fake = FakePsutil({100: {"connections": [conn(7, UDP, V4, ("0.0.0.0", 5353))]}},
                          table=[conn(7, UDP, V4, ("0.0.0.0", 5353), pid=100)])
        document = self.checked(fake, "macos")
        self.assertEqual(socket_rows(document), [("udp", "ipv4", "0.0.0.0", 5353, "listening", "owned", None, (100,))])
        coverage = document["host"]["coverage"]
        self.assertEqual([coverage[key] for key in ("tcp", "udp", "ipv4", "ipv6", "owners")], ["full"] * 5)

    def test_windows_pid_zero_is_unowned_and_pid_four_is_the_kernel(self):
        fake = FakePsutil(
            {4: {"name": "System", "exe": "", "cmdline": [], "user": None, "ppid": 0},
             900: {"name": "svchost.exe", "exe": "C:\\Windows\\System32\\svchost.exe", "user": "NT AUTHORITY\\SYSTEM"}},
            table=[conn(-1, TCP, V4, ("0.0.0.0", 445), status="LISTEN", pid=4),
                   conn(-1, TCP, V4, ("10.0.0.5", 49700), ("10.0.0.9", 443), "TIME_WAIT", pid=0),
                   conn(-1, TCP, V6, ("::", 135), status="LISTEN", pid=900),
                   conn(-1, TCP, V4, ("10.0.0.5", 49701), ("10.0.0.9", 443), "DELETE_TCB", pid=900)])
        document = self.checked(fake, "windows")
        rows = socket_rows(document)
        self.assertIn(("tcp", "ipv4", "10.0.0.5", 49700, "time_wait", "unowned", "windows-pid-0", ()), rows)
        self.assertIn(("tcp", "ipv4", "0.0.0.0", 445, "listening", "owned", None, (4,)), rows)
        raw = next(s for s in document["sockets"] if s["local_port"] == 49701)
        self.assertEqual((raw["state"], raw["state_raw"]), ("unknown", "DELETE_TCB"))
        system = next(p for p in document["processes"] if p["pid"] == 4)
        self.assertEqual((system["kernel"], system["path"], system["cmdline"]), (True, None, None))
        self.assertEqual(document["host"]["coverage"]["owners"], "full")

    def test_states_and_remote_ends(self):
        cases = [
            (conn(3, UDP, V4, ("0.0.0.0", 53)), ("listening", None, None, None)),
            (conn(3, UDP, V4, ("10.0.0.5", 40000), ("10.0.0.1", 53)), ("established", None, "10.0.0.1", 53)),
            (conn(3, TCP, V4, ("10.0.0.5", 40000), ("10.0.0.1", 80), "ESTABLISHED"), ("established", None, "10.0.0.1", 80)),
            (conn(3, TCP, V4, ("10.0.0.5", 40000), ("10.0.0.1", 80), "SYN_RECV"), ("syn_received", None, "10.0.0.1", 80)),
            (conn(3, TCP, V4, ("10.0.0.5", 40000), ("10.0.0.1", 80), "FIN_WAIT2"), ("fin_wait_2", None, "10.0.0.1", 80)),
            (conn(3, TCP, V4, ("10.0.0.5", 40000), status="CLOSE"), ("closed", None, None, None)),
            (conn(3, TCP, V6, ("::", 80), ("::", 0), "LISTEN"), ("listening", None, None, None)),
            (conn(3, TCP, V4, ("0.0.0.0", 80), status="NONE"), ("unknown", "NONE", None, None)),
        ]
        probe = plugin.Probe(FakePsutil({}, []))
        for connection, expected in cases:
            with self.subTest(connection=connection):
                fact = probe.socket_fact(probe.key(connection), "owned", None, [1])
                self.assertEqual((fact["state"], fact["state_raw"], fact["remote_address"], fact["remote_port"]), expected)

    def test_names_cut_by_the_kernel(self):
        cases = [
            ("linux", "systemd-journal", ["/usr/lib/systemd/systemd-journald"], ("systemd-journald", False)),
            ("linux", "systemd-journal", ["/bin/other"], ("systemd-journal", True)),
            ("linux", "systemd-journal", [], ("systemd-journal", True)),
            ("linux", "sshd", ["sshd: root@pts/0"], ("sshd", False)),
            ("linux", "twelve-bytes-a", ["x"], ("twelve-bytes-a", False)),
            ("macos", "com.apple.Webkit", ["/System/com.apple.WebKit.Networking"], ("com.apple.Webkit", True)),
            ("macos", "abcdefghijklmnop", ["/Applications/abcdefghijklmnopq"], ("abcdefghijklmnopq", False)),
            ("windows", "a-very-long-image-name.exe", [], ("a-very-long-image-name.exe", False)),
            ("linux", None, [], (None, False)),
        ]
        for platform, name, cmdline, expected in cases:
            with self.subTest(platform=platform, name=name):
                probe = plugin.Probe(FakePsutil({}, []))
                probe.platform = platform
                self.assertEqual(probe.name(name, cmdline), expected)

    def test_undecodable_bytes_become_replacement_characters(self):
        fake = FakePsutil({100: {"name": "bad\udcffname", "cmdline": ["bad\udcffname", "-x"], "connections": []}}, [])
        document = self.checked(fake, "linux")
        [process] = document["processes"]
        self.assertEqual((process["name"], process["cmdline"]), ("bad\ufffdname", "bad\ufffdname -x"))
        json.dumps(document, ensure_ascii=False).encode("utf-8")

    def test_zones(self):
        probe = plugin.Probe(FakePsutil({}, []))
        probe.platform = "linux"
        self.assertEqual(probe.endpoint(("fe80::1%eth0", 22), "ipv6"), ("fe80::1", 22, "eth0"))
        self.assertEqual(probe.endpoint(("fe80:4::1", 22), "ipv6"), ("fe80:4::1", 22, None))
        probe.platform = "macos"
        self.assertEqual(probe.endpoint(("fe80:4::1", 22), "ipv6"), ("fe80::1", 22, "4"))
        self.assertEqual(probe.endpoint(("fe80::1", 22), "ipv6"), ("fe80::1", 22, None))


def run_plugin(python, *arguments, env=None):
    return subprocess.run([python, PLUGIN, *arguments], stdin=subprocess.DEVNULL, capture_output=True,
                          env=env, timeout=120)


class FailureTests(unittest.TestCase):
    """Exit statuses, and nothing on standard output unless the whole document was made."""

    def with_fake_module(self, source):
        directory = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, directory)
        with open(os.path.join(directory, "psutil.py"), "w", encoding="utf-8") as file:
            file.write(source)
        env = dict(os.environ)
        env["PYTHONPATH"] = directory
        return env

    def test_psutil_missing_exits_3_with_a_message_and_no_document(self):
        env = self.with_fake_module("raise ImportError('no psutil here')\n")
        result = run_plugin(sys.executable, env=env)
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertEqual(result.stdout, b"")
        self.assertIn(b"psutil is not installed", result.stderr)
        self.assertIn(b"pip install psutil", result.stderr)

    def test_psutil_failing_midway_exits_1_and_prints_nothing(self):
        env = self.with_fake_module(
            "__version__ = '0'\n"
            "class Error(Exception): pass\n"
            "class NoSuchProcess(Error): pass\n"
            "class ZombieProcess(NoSuchProcess): pass\n"
            "class AccessDenied(Error): pass\n"
            "def process_iter():\n    raise RuntimeError('boom')\n")
        result = run_plugin(sys.executable, env=env)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stdout, b"")
        self.assertIn(b"RuntimeError: boom", result.stderr)

    def test_unknown_argument_is_a_usage_error(self):
        result = run_plugin(sys.executable, "--all")
        self.assertEqual(result.returncode, 64)
        self.assertEqual(result.stdout, b"")
        self.assertIn(b"unexpected argument", result.stderr)


# -- live, on Linux -------------------------------------------------------------------------

def has_psutil(python, prefix=()):
    try:
        return subprocess.run([*prefix, python, "-c", "import psutil"], capture_output=True, timeout=60).returncode == 0
    except OSError:
        return False


def interpreters():
    """This Python, and /usr/bin/python3 (a distribution's psutil) when it is another one with psutil."""
    found = []
    if has_psutil(sys.executable):
        found.append(sys.executable)
    system = "/usr/bin/python3"
    if os.path.exists(system) and os.path.realpath(system) != os.path.realpath(sys.executable) and has_psutil(system):
        found.append(system)
    return found


def hostcheck_binary():
    path = os.environ.get("HOSTCHECK_BIN") or os.path.join(ROOT, ".build", "debug", "hostcheck")
    if not os.access(path, os.X_OK):
        missing(f"hostcheck binary not found at {path} (set HOSTCHECK_BIN)")
    return path


LISTENERS = r"""
import json, os, socket, sys
def tcp(family, address, v6only=None):
    s = socket.socket(family, socket.SOCK_STREAM)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((address, 0)); s.listen(); return s
def udp(family, address):
    s = socket.socket(family, socket.SOCK_DGRAM); s.bind((address, 0)); return s
own = []
if sys.argv[1] == "root":
    dual = tcp(socket.AF_INET6, "::", 0)
    plain = udp(socket.AF_INET, "127.0.0.1")
    connected = udp(socket.AF_INET6, "::1"); connected.connect(("::1", plain.getsockname()[1]))
    server = tcp(socket.AF_INET, "127.0.0.1")
    client = socket.create_connection(server.getsockname()); accepted, _ = server.accept()
    shared = tcp(socket.AF_INET, "127.0.0.1")
    own = [dual, plain, connected, server, client, accepted]
    sockets = own + [shared]
else:
    sockets = [tcp(socket.AF_INET, "127.0.0.1"), udp(socket.AF_INET6, "::")]
    shared = None
ends = sorted({("tcp" if s.type == socket.SOCK_STREAM else "udp", s.getsockname()[0], s.getsockname()[1]) for s in sockets})
child = 0
if shared is not None:
    child = os.fork()
    if child == 0:
        for s in own: s.close()
        sys.stdin.read(); os._exit(0)
print(json.dumps({"pid": os.getpid(), "child": child, "ends": ends}), flush=True)
sys.stdin.read()
if child: os.waitpid(child, 0)
"""


class Listeners:
    """A listener process (and its child) this test starts, stopped by closing its stdin."""

    def __init__(self, python, mode, prefix=()):
        self.process = subprocess.Popen([*prefix, python, "-c", LISTENERS, mode], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = self.process.stdout.readline()
        if not line:
            error = self.process.stderr.read().decode(errors="replace")
            self.process.wait()
            raise RuntimeError(f"listener {mode} did not start: {error}")
        info = json.loads(line)
        self.pid, self.child = info["pid"], info["child"]
        self.ends = {tuple(end) for end in info["ends"]}

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()
        self.process.stderr.close()


def json_of(command, what):
    result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    if result.returncode != 0:
        raise AssertionError(f"{what} exited {result.returncode}: {result.stderr.decode(errors='replace')[-2000:]}")
    return json.loads(result.stdout)


def test_rows(document, ends):
    """The sockets of this test's ends (protocol, address, port), as comparable rows; TIME_WAIT
    left-overs of earlier runs on the same port are not this test's sockets."""
    rows = set()
    for s in document["sockets"]:
        if (s["protocol"], s["local_address"], s["local_port"]) in ends and s["state"] != "time_wait":
            rows.add((s["protocol"], s["family"], s["local_address"], s["local_port"], s["remote_address"],
                      s["remote_port"], s["state"], s["ownership"], tuple(s["pids"])))
    return rows


def owner_rows(document, pids):
    return {(p["pid"], p["ppid"], p["name"], p["path"], p["cmdline"], p["user"])
            for p in document["processes"] if p["pid"] in pids}


@unittest.skipUnless(sys.platform.startswith("linux"), "the live tests compare with hostcheck's Linux probe")
class LiveLinuxTests(unittest.TestCase):
    """The plugin on this host, against the schema and against hostcheck's native probe."""

    @classmethod
    def setUpClass(cls):
        cls.pythons = interpreters()

    def setUp(self):
        if not self.pythons:
            missing("no python3 here has psutil (pip install psutil, or apt-get install python3-psutil)")

    def test_live_document_matches_the_schema(self):
        for python in self.pythons:
            with self.subTest(python=python):
                result = run_plugin(python)
                self.assertEqual(result.returncode, 0, result.stderr)
                document = json.loads(result.stdout)
                self.assertEqual(schema_errors(document), [])
                self.assertEqual(document["generator"]["name"], "hostcheck-probe-psutil")
                self.assertEqual(document["host"]["platform"], "linux")
                self.assertTrue(any(p["pid"] == os.getpid() for p in document["processes"]))

    def start(self, python, mode, prefix=()):
        listeners = Listeners(python, mode, prefix)
        self.addCleanup(listeners.stop)
        return listeners

    def other_user(self):
        """A python that `nobody` can run, or a skip."""
        if os.geteuid() != 0 or shutil.which("setpriv") is None:
            missing("a socket of another user needs root and setpriv")
        for python in ("/usr/bin/python3", sys.executable):
            if subprocess.run([*NOBODY, python, "-c", "pass"], capture_output=True).returncode == 0:
                return python
        missing("no python3 that the user nobody can run")

    def test_agrees_with_the_native_probe_on_sockets_and_owners(self):
        binary = hostcheck_binary()
        mine = self.start(sys.executable, "root")
        ends = set(mine.ends)
        pids = {mine.pid, mine.child}
        if os.geteuid() == 0:
            theirs = self.start(self.other_user(), "nobody", NOBODY)
            ends |= theirs.ends
            pids.add(theirs.pid)
        elif STRICT:
            missing("the socket of another user needs root")
        native = json_of([binary, "facts", "--format", "json"], "hostcheck facts")
        expected = test_rows(native, ends)
        # One row per end, and one more: the accepted connection has the listener's end.
        self.assertEqual(len(expected), len(ends) + 1,
                         f"native probe rows for {sorted(ends)}: {sorted(expected, key=repr)}")
        held = {row[-1] for row in expected}
        self.assertIn(tuple(sorted((mine.pid, mine.child))), held, "the shared listener has both holders")
        for python in self.pythons:
            with self.subTest(python=python):
                document = json_of([python, PLUGIN], "the plugin")
                self.assertEqual(test_rows(document, ends), expected)
                self.assertEqual(owner_rows(document, pids), owner_rows(native, pids))
                self.assertEqual(len(owner_rows(document, pids)), len(pids))
                version = subprocess.run([python, "-c", "import psutil; print(psutil.__version__)"],
                                         capture_output=True, text=True).stdout.strip()
                sys.stderr.write(
                    f"\n  {python} (psutil {version}) agrees with {binary} on {len(expected)} sockets (ends, state, "
                    f"owners) and on the ppid, name, path, cmdline and user of their {len(pids)} processes: "
                    + "; ".join(f"{r[0]} {'[' + r[2] + ']' if ':' in r[2] else r[2]}:{r[3]} {r[6]} pids {list(r[8])}"
                                for r in sorted(expected, key=repr)) + "\n")
                for process in document["processes"]:
                    if process["pid"] == mine.child:
                        self.assertEqual(process["parent_path"], os.path.realpath(sys.executable))

    def test_run_as_another_user_both_leave_roots_sockets_unknown(self):
        binary = hostcheck_binary()
        python = self.other_user()
        with_psutil = next((p for p in ("/usr/bin/python3", sys.executable) if has_psutil(p, NOBODY)), None)
        if with_psutil is None:
            missing("no python3 with psutil that the user nobody can run (apt-get install python3-psutil)")
        # Copies that nobody can reach (the checkout may be under a private home directory).
        directory = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, directory)
        os.chmod(directory, 0o755)
        copy = os.path.join(directory, "hostcheck-probe-psutil")
        shutil.copy(PLUGIN, copy)
        binary = shutil.copy(binary, os.path.join(directory, "hostcheck"))
        for path in (copy, binary):
            os.chmod(path, 0o755)
        if subprocess.run([*NOBODY, binary, "--version"], capture_output=True).returncode != 0:
            missing(f"the user nobody cannot run {binary}")
        mine = self.start(sys.executable, "root")
        theirs = self.start(python, "nobody", NOBODY)
        ends = mine.ends | theirs.ends
        native = json_of([*NOBODY, binary, "facts", "--format", "json"], "hostcheck facts as nobody")
        document = json_of([*NOBODY, with_psutil, copy], "the plugin as nobody")
        self.assertEqual(schema_errors(document), [])
        rows = test_rows(document, ends)
        self.assertEqual(rows, test_rows(native, ends))
        owned = {row for row in rows if row[-2] == "owned"}
        self.assertEqual({row[-1] for row in owned}, {(theirs.pid,)})
        self.assertEqual(len(owned), len(theirs.ends))
        self.assertTrue(all(row[-2] == "unknown" for row in rows - owned), sorted(rows, key=repr))
        unknown = [s for s in document["sockets"] if (s["protocol"], s["local_address"], s["local_port"]) in mine.ends]
        self.assertTrue(unknown and all(s["ownership_reason"] == "owner-unreadable" for s in unknown))
        self.assertEqual(document["host"]["coverage"]["owners"], "partial")
        self.assertEqual(native["host"]["coverage"]["owners"], "partial")


if __name__ == "__main__":
    unittest.main()
