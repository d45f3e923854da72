#if canImport(Glibc)
import Glibc
#endif
import HostCheckCore
import Testing
@testable import HostCheckProbes

/// One fixture tree under `Fixtures/proc/` and every fact the probe must produce from it.
struct ProcFixtureCase: Sendable, CustomTestStringConvertible {
    var name: String
    var label: String?
    var options = LinuxProbeOptions()
    var faults: [Int32: FDDirectoryOutcome] = [:]
    /// Where the tree is taken to be mounted (`/proc`, for its `self/mountinfo`); nil: the tree itself.
    var mountPoint: String?
    var sockets: [String]
    var processes: [String] = []
    var diagnostics: [String] = []
    var coverage = "tcp=full udp=full ipv4=full ipv6=full owners=full"
    /// Whether every network namespace was read.
    var netns = NamespaceCoverage.all

    var testDescription: String { label ?? name }
}

@Suite struct LinuxProcProbeFixtureTests {
    static let cases: [ProcFixtureCase] = [
        ProcFixtureCase(
            name: "listener",
            sockets: [
                "tcp/ipv4 0.0.0.0:22 -> *:* listening owned [100] @<root>/net/tcp:2",
                "tcp/ipv4 10.0.0.5:22 -> 192.168.1.10:51202 established owned [101] @<root>/net/tcp:3",
                "tcp/ipv4 127.0.0.1:631 -> *:* listening unowned/no-process-holds-inode [] @<root>/net/tcp:4",
            ],
            processes: [
                "1 ppid=0 name=systemd path=/usr/lib/systemd/systemd cmd=/sbin/init splash user=root @<root>/1",
                "100 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/100",
                "101 ppid=100 name=sshd path=/usr/sbin/sshd cmd=sshd: alice [priv] user=alice @<root>/101",
            ]
        ),
        ProcFixtureCase(
            name: "forked-server",
            sockets: ["tcp/ipv4 0.0.0.0:3691 -> *:* listening owned [200,210] @<root>/net/tcp:2"],
            processes: [
                "200 ppid=1 name=magaya-server path=/opt/magaya/bin/magaya-server "
                    + "cmd=/opt/magaya/bin/magaya-server --port 3691 user=root @<root>/200",
                "210 ppid=200 name=magaya-server path=/opt/magaya/bin/magaya-server "
                    + "cmd=/opt/magaya/bin/magaya-server --worker user=magaya @<root>/210",
            ]
        ),
        ProcFixtureCase(
            name: "time-wait",
            sockets: [
                "tcp/ipv4 127.0.0.1:8080 -> 127.0.0.1:54321 time_wait unowned/inode-zero [] @<root>/net/tcp:2",
                "tcp/ipv4 127.0.0.1:8080 -> 127.0.0.1:54322 syn_received unowned/inode-zero [] @<root>/net/tcp:3",
            ]
        ),
        ProcFixtureCase(
            name: "ipv6",
            sockets: [
                "tcp/ipv6 [::]:80 -> *:* listening owned [400] @<root>/net/tcp6:2",
                "tcp/ipv6 [::1]:8080 -> *:* listening owned [400] @<root>/net/tcp6:3",
                "tcp/ipv6 [::ffff:127.0.0.1]:3691 -> [::ffff:127.0.0.1]:42436 established owned [400] @<root>/net/tcp6:4",
                "tcp/ipv6 [2601:646:9e01:f100::3a4c]:59136 -> [fe80::56e1:adff:fe7c:6609]:443 close_wait owned [400] "
                    + "@<root>/net/tcp6:5",
            ],
            processes: [
                "400 ppid=1 name=nginx path=/usr/sbin/nginx cmd=nginx: master process /usr/sbin/nginx user=root @<root>/400",
            ]
        ),
        ProcFixtureCase(
            name: "udp",
            sockets: [
                "udp/ipv4 9.134.119.175:68 -> 9.134.112.1:67 established owned [500] @<root>/net/udp:2",
                "udp/ipv4 0.0.0.0:53 -> *:* listening owned [510] @<root>/net/udp:3",
                "udp/ipv6 [::]:546 -> *:* listening owned [520] @<root>/net/udp6:2",
            ],
            processes: [
                "500 ppid=1 name=dhclient path=/usr/sbin/dhclient cmd=/sbin/dhclient -4 eth0 user=root @<root>/500",
                "510 ppid=1 name=systemd-resolved path=/usr/lib/systemd/systemd-resolved "
                    + "cmd=/lib/systemd/systemd-resolved user=systemd-resolve @<root>/510",
                "520 ppid=1 name=chronyd path=/usr/sbin/chronyd cmd=/usr/sbin/chronyd -F 1 user=root @<root>/520",
            ]
        ),
        // 602: a 15-byte comm is extended only by its executable's name, never by argv[0].
        // 604: the " (deleted)" suffix is removed only when the file's link count is 0, which a
        // fixture's dangling `exe` link cannot show (LinuxLiveIdentityTests runs a deleted file).
        ProcFixtureCase(
            name: "names",
            sockets: (0..<8).map {
                "tcp/ipv4 0.0.0.0:\(8000 + $0) -> *:* listening owned [\(600 + $0)] @<root>/net/tcp:\($0 + 2)"
            },
            processes: [
                "600 ppid=1 name=gnome-keyring-daemon path=/usr/bin/gnome-keyring-daemon "
                    + "cmd=/usr/bin/gnome-keyring-daemon --start user=root @<root>/600",
                "601 ppid=1 name=java-long-servi (truncated) path=/usr/lib/jvm/bin/java cmd=/usr/bin/java -jar svc.jar "
                    + "user=root @<root>/601",
                "602 ppid=1 name=exactly15bytes! (truncated) path=nil cmd=exactly15bytes! user=root @<root>/602",
                "603 ppid=1 name=kworker-15bytes (truncated) path=nil cmd=nil user=root @<root>/603",
                "604 ppid=1 name=my server path=/opt/my app/my server (deleted) cmd=/opt/my app/my server --name a b user=root "
                    + "@<root>/604",
                "605 ppid=1 name=evil) S 1 (x path=nil cmd=evil) S 1 (x user=alice @<root>/605",
                "606 ppid=1 name=two\nlines path=nil cmd=two\nlines arg user=31337 @<root>/606",
                "607 ppid=1 name=padded path=nil cmd=/usr/bin/padded --title user=root @<root>/607",
            ]
        ),
        ProcFixtureCase(
            name: "unreadable-fd",
            faults: [701: .unreadable(errno: EACCES)],
            sockets: [
                "tcp/ipv4 0.0.0.0:3691 -> *:* listening owned [700] @<root>/net/tcp:2",
                "tcp/ipv4 0.0.0.0:80 -> *:* listening unknown/fd-directory-unreadable [] @<root>/net/tcp:3",
                "tcp/ipv4 127.0.0.1:8080 -> 127.0.0.1:54321 time_wait unowned/inode-zero [] @<root>/net/tcp:4",
            ],
            processes: [
                "700 ppid=1 name=python3 path=/usr/bin/python3.12 cmd=python3 -m http.server user=alice @<root>/700",
                "701 ppid=1 name=nc path=/usr/bin/nc.openbsd cmd=nc -l 80 user=root @<root>/701",
            ],
            diagnostics: [
                "<root>: warning: could not read 1 of 2 fd directories (permission denied); owners of 1 socket unknown",
            ],
            coverage: "tcp=full udp=full ipv4=full ipv6=full owners=partial"
        ),
        ProcFixtureCase(
            name: "vanished",
            sockets: [
                "tcp/ipv4 0.0.0.0:3691 -> *:* listening owned [800] @<root>/net/tcp:2",
                "tcp/ipv4 0.0.0.0:80 -> *:* listening unknown/process-vanished [] @<root>/net/tcp:3",
            ],
            processes: [
                "800 ppid=1 name=magaya-server path=/opt/magaya/bin/magaya-server cmd=/opt/magaya/bin/magaya-server "
                    + "user=root @<root>/800",
            ],
            diagnostics: ["<root>: note: 1 process exited during the fd walk; owners of 1 socket unknown"],
            coverage: "tcp=full udp=full ipv4=full ipv6=full owners=partial"
        ),
        ProcFixtureCase(
            name: "ipv6-disabled",
            sockets: ["tcp/ipv4 0.0.0.0:22 -> *:* listening owned [900] @<root>/net/tcp:2"],
            processes: ["900 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/900"],
            diagnostics: [
                "<root>/net/tcp6: note: cannot read socket table: no such file or directory (ipv6 disabled?)",
                "<root>/net/udp6: note: cannot read socket table: no such file or directory (ipv6 disabled?)",
            ],
            coverage: "tcp=full udp=full ipv4=full ipv6=none owners=full"
        ),
        ProcFixtureCase(
            name: "malformed",
            sockets: [
                "tcp/ipv4 0.0.0.0:22 -> *:* listening owned [910] @<root>/net/tcp:2",
                "tcp/ipv4 127.0.0.1:633 -> *:* unknown(0D) owned [910] @<root>/net/tcp:6",
                "udp/ipv4 0.0.0.0:68 -> *:* unknown(02) unowned/no-process-holds-inode [] @<root>/net/udp:2",
            ],
            processes: ["910 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/910"],
            diagnostics: [
                "<root>/net/tcp:3: warning: socket row has fewer than 10 fields",
                "<root>/net/tcp:4: warning: socket row has a malformed local address",
                "<root>/net/tcp:5: warning: socket row has a malformed state",
                "<root>/net/tcp:7: warning: socket row does not start with an entry number and ':'",
                "<root>/net/tcp6:2: warning: socket row has a malformed local address",
            ]
        ),
        ProcFixtureCase(
            name: "child-pid-namespace",
            sockets: [
                "tcp/ipv4 0.0.0.0:22 -> *:* listening owned [1] @<root>/net/tcp:2",
                "tcp/ipv4 0.0.0.0:2024 -> *:* listening unknown/holder-not-visible [] @<root>/net/tcp:3",
            ],
            processes: ["1 ppid=0 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/1"],
            diagnostics: [
                "<root>: warning: the probe runs in a child pid namespace, so processes outside it are not visible; "
                    + "owners of 1 socket unknown",
            ],
            coverage: "tcp=full udp=full ipv4=full ipv6=full owners=partial", netns: .hostOnly
        ),
        ProcFixtureCase(
            name: "pid-namespace-mounted",
            sockets: [
                "tcp/ipv4 0.0.0.0:22 -> *:* listening owned [1] netns=4026531840 @<root>/net/tcp:2",
                "tcp/ipv4 0.0.0.0:3691 -> *:* listening unknown/holder-not-visible [] netns=4026531840 @<root>/net/tcp:3",
            ],
            processes: ["1 ppid=0 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/1"],
            diagnostics: [
                "<root>: warning: the probe runs in a child pid namespace, so processes outside it are not visible; "
                    + "owners of 1 socket unknown",
            ],
            coverage: "tcp=full udp=full ipv4=full ipv6=full owners=partial", netns: .hostOnly
        ),
        ProcFixtureCase(
            name: "pid-namespace-host-proc",
            sockets: [
                "tcp/ipv4 0.0.0.0:22 -> *:* listening owned [1] netns=4026531840 @<root>/net/tcp:2",
                "tcp/ipv4 0.0.0.0:3691 -> *:* listening unowned/no-process-holds-inode [] netns=4026531840 @<root>/net/tcp:3",
            ],
            processes: ["1 ppid=0 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/1"]
        ),
        ProcFixtureCase(
            name: "hidepid", mountPoint: "/proc",
            sockets: [
                "tcp/ipv4 0.0.0.0:22 -> *:* listening owned [7] netns=4026531840 @<root>/net/tcp:2",
                "tcp/ipv4 0.0.0.0:3691 -> *:* listening unknown/holder-not-visible [] netns=4026531840 @<root>/net/tcp:3",
            ],
            processes: ["7 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/7"],
            diagnostics: [
                "<root>: warning: /proc is mounted with hidepid=invisible, so other users' processes are not visible; "
                    + "owners of 1 socket unknown",
            ],
            coverage: "tcp=full udp=full ipv4=full ipv6=full owners=partial", netns: .hostOnly
        ),
        ProcFixtureCase(
            name: "hidepid-root", label: "hidepid (CAP_SYS_PTRACE in the initial user namespace)", mountPoint: "/proc",
            sockets: [
                "tcp/ipv4 0.0.0.0:22 -> *:* listening owned [7] netns=4026531840 @<root>/net/tcp:2",
                "tcp/ipv4 0.0.0.0:3691 -> *:* listening unowned/no-process-holds-inode [] netns=4026531840 @<root>/net/tcp:3",
            ],
            processes: ["7 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/7"]
        ),
        ProcFixtureCase(
            name: "hidepid-gid", label: "hidepid (member of its gid= group)", mountPoint: "/proc",
            sockets: [
                "tcp/ipv4 0.0.0.0:22 -> *:* listening owned [7] netns=4026531840 @<root>/net/tcp:2",
                "tcp/ipv4 0.0.0.0:3691 -> *:* listening unowned/no-process-holds-inode [] netns=4026531840 @<root>/net/tcp:3",
            ],
            processes: ["7 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/7"]
        ),
        ProcFixtureCase(
            name: "hidepid", label: "hidepid (a tree not mounted at /proc)",
            sockets: [
                "tcp/ipv4 0.0.0.0:22 -> *:* listening owned [7] netns=4026531840 @<root>/net/tcp:2",
                "tcp/ipv4 0.0.0.0:3691 -> *:* listening unowned/no-process-holds-inode [] netns=4026531840 @<root>/net/tcp:3",
            ],
            processes: ["7 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/7"]
        ),
        ProcFixtureCase(
            name: "namespaces", label: "namespaces (own)",
            sockets: ["tcp/ipv4 0.0.0.0:22 -> *:* listening owned [1100] netns=4026531840 @<root>/net/tcp:2"],
            processes: [
                "1100 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/1100",
                "1200 ppid=1 name=magaya-server path=/opt/magaya/bin/magaya-server cmd=/opt/magaya/bin/magaya-server "
                    + "user=root @<root>/1200",
                "1300 ppid=1 name=busybox path=nil cmd=busybox sleep 1000 user=root @<root>/1300",
            ],
            diagnostics: ["<root>: warning: 1 other network namespace was not read; use --all-namespaces"],
            netns: .hostOnly
        ),
        ProcFixtureCase(
            name: "namespaces-readable", label: "namespaces-readable (own)",
            sockets: ["tcp/ipv4 0.0.0.0:22 -> *:* listening owned [1100] netns=4026531840 @<root>/net/tcp:2"],
            processes: [
                "1100 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/1100",
                "1200 ppid=1 name=magaya-server path=/opt/magaya/bin/magaya-server cmd=/opt/magaya/bin/magaya-server "
                    + "user=root @<root>/1200",
            ],
            diagnostics: ["<root>: warning: 1 other network namespace was not read; use --all-namespaces"],
            netns: .hostOnly
        ),
        ProcFixtureCase(
            name: "namespaces-readable", label: "namespaces-readable (all)", options: LinuxProbeOptions(namespaces: .all),
            sockets: [
                "tcp/ipv4 0.0.0.0:22 -> *:* listening owned [1100] netns=4026531840 @<root>/net/tcp:2",
                "tcp/ipv4 0.0.0.0:3691 -> *:* listening owned [1200] netns=4026532999 @<root>/1200/net/tcp:2",
            ],
            processes: [
                "1100 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/1100",
                "1200 ppid=1 name=magaya-server path=/opt/magaya/bin/magaya-server cmd=/opt/magaya/bin/magaya-server "
                    + "user=root @<root>/1200",
            ]
        ),
        ProcFixtureCase(
            name: "namespaces-none",
            sockets: ["tcp/ipv4 0.0.0.0:22 -> *:* listening owned [1100] netns=4026531840 @<root>/net/tcp:2"],
            processes: ["1100 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/1100"]
        ),
        ProcFixtureCase(
            name: "namespaces-unreadable",
            sockets: ["tcp/ipv4 0.0.0.0:22 -> *:* listening owned [1100] netns=4026531840 @<root>/net/tcp:2"],
            processes: [
                "1100 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/1100",
                "1300 ppid=1 name=busybox path=nil cmd=busybox sleep 1000 user=root @<root>/1300",
            ],
            diagnostics: [
                "<root>: note: could not read the network namespace of 1 process; other network namespaces may hold "
                    + "sockets (run as root with --all-namespaces)",
            ],
            netns: .hostOnly
        ),
        ProcFixtureCase(
            name: "namespaces", label: "namespaces (all)", options: LinuxProbeOptions(namespaces: .all),
            sockets: [
                "tcp/ipv4 0.0.0.0:22 -> *:* listening owned [1100] netns=4026531840 @<root>/net/tcp:2",
                "tcp/ipv4 0.0.0.0:3691 -> *:* listening owned [1200] netns=4026532999 @<root>/1200/net/tcp:2",
                "tcp/ipv6 [::]:3691 -> *:* listening owned [1200] netns=4026532999 @<root>/1200/net/tcp6:2",
            ],
            processes: [
                "1100 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/1100",
                "1200 ppid=1 name=magaya-server path=/opt/magaya/bin/magaya-server cmd=/opt/magaya/bin/magaya-server "
                    + "user=root @<root>/1200",
                "1300 ppid=1 name=busybox path=nil cmd=busybox sleep 1000 user=root @<root>/1300",
            ],
            diagnostics: [
                "<root>: warning: could not read the network namespace of 1 process; "
                    + "sockets in namespaces only they use are missing",
            ],
            coverage: "tcp=partial udp=partial ipv4=partial ipv6=partial owners=full", netns: .hostOnly
        ),
        ProcFixtureCase(
            name: "namespaces", label: "namespaces (process 1200)", options: LinuxProbeOptions(namespaces: .process(1200)),
            sockets: [
                "tcp/ipv4 0.0.0.0:3691 -> *:* listening owned [1200] netns=4026532999 @<root>/1200/net/tcp:2",
                "tcp/ipv6 [::]:3691 -> *:* listening owned [1200] netns=4026532999 @<root>/1200/net/tcp6:2",
            ],
            processes: [
                "1100 ppid=1 name=sshd path=/usr/sbin/sshd cmd=/usr/sbin/sshd -D user=root @<root>/1100",
                "1200 ppid=1 name=magaya-server path=/opt/magaya/bin/magaya-server cmd=/opt/magaya/bin/magaya-server "
                    + "user=root @<root>/1200",
                "1300 ppid=1 name=busybox path=nil cmd=busybox sleep 1000 user=root @<root>/1300",
            ],
            netns: .hostOnly
        ),
    ]

    @Test(arguments: cases)
    func producesExactFacts(_ fixture: ProcFixtureCase) async throws {
        let procRoot = LinuxFixtures.procRoot(fixture.name)
        let snapshot = try await LinuxFixtures.probe(
            fixture.name, faults: fixture.faults, options: fixture.options, mountPoint: fixture.mountPoint).collect()
        #expect(snapshot.sockets.map { LinuxFixtures.line($0, procRoot: procRoot) } == fixture.sockets)
        #expect(snapshot.processes.map { LinuxFixtures.line($0, procRoot: procRoot) } == fixture.processes)
        #expect(snapshot.diagnostics.map { LinuxFixtures.line($0, procRoot: procRoot) } == fixture.diagnostics)
        let coverage = snapshot.host.coverage
        #expect("tcp=\(coverage.tcp) udp=\(coverage.udp) ipv4=\(coverage.ipv4) ipv6=\(coverage.ipv6) owners=\(coverage.owners)"
            == fixture.coverage)
        #expect(coverage.netns == fixture.netns)
        // A probe that cannot see every process names the run that can.
        let hidden = fixture.diagnostics.contains { $0.contains("not visible") }
        #expect(coverage.fullCapture == (hidden ? LinuxProcProbe.fullCaptureWhereAllIsVisible : LinuxProcProbe.fullCapture))
        #expect(coverage.states == .all && coverage.ports == nil && coverage.users == nil)
        // The probe lists every process it sees, and says so when it cannot see all.
        #expect(coverage.assumed.count == (hidden ? 1 : 0), "\(coverage.assumed)")
        if hidden, let line = coverage.assumed.first {
            let prefix = "processes: partial: "
            #expect(line.hasPrefix(prefix) && fixture.diagnostics.contains { $0.contains(line.dropFirst(prefix.count)) }, "\(line)")
        }
    }

    @Test func describesTheHost() async throws {
        let snapshot = try await LinuxFixtures.probe("listener").collect()
        #expect(snapshot.host.name == "fixture-listener")
        #expect(snapshot.host.platform == .linux)
        #expect(snapshot.host.sources == [CaptureSource(file: LinuxFixtures.procRoot("listener"), format: "linux-proc")])
        let stamp = try #require(snapshot.host.capturedAt)
        #expect(stamp.count == 20 && stamp.hasSuffix("Z") && Array(stamp)[10] == "T")
        #expect(snapshot.generator == .hostcheck)
    }

    @Test func everyOwnerHasAProcessRecordInPIDOrder() async throws {
        let snapshot = try await LinuxFixtures.probe("names").collect()
        #expect(snapshot.processes.map(\.pid) == Array(600...607))
        let known = Set(snapshot.processes.map(\.pid))
        #expect(snapshot.sockets.flatMap(\.pids).allSatisfy(known.contains))
    }

    @Test func vanishedProcessInjectedAtTheReaderIsSkippedQuietly() async throws {
        let snapshot = try await LinuxFixtures.probe("forked-server", faults: [210: .vanished]).collect()
        #expect(snapshot.sockets.map(\.pids) == [[200]])
        #expect(snapshot.sockets.map(\.ownership) == [.owned])
        #expect(snapshot.diagnostics.isEmpty)
        #expect(snapshot.host.coverage.owners == .full)
    }

    @Test func withoutAPasswdFileUsersAreNumeric() async throws {
        let probe = LinuxProcProbe(procRoot: LinuxFixtures.procRoot("forked-server"), hostName: "h")
        let snapshot = try await probe.collect()
        #expect(snapshot.processes.map(\.user) == ["0", "4242"])
    }

    @Test func aNamespaceOfAMissingProcessIsAnError() async throws {
        let probe = LinuxFixtures.probe("namespaces", options: LinuxProbeOptions(namespaces: .process(4242)))
        await #expect(throws: LinuxProbeError.self) { try await probe.collect() }
    }

    @Test func forcedNetlinkOnAFixtureTreeIsRefused() async throws {
        let probe = LinuxFixtures.probe("listener", options: LinuxProbeOptions(socketSource: .netlink))
        await #expect(throws: LinuxProbeError.self) { try await probe.collect() }
    }

    @Test(arguments: [1, 2, 3])
    func walkThreadsDoNotChangeTheFacts(threads: Int) async throws {
        let one = try await LinuxFixtures.probe("names", options: LinuxProbeOptions(walkThreads: 1)).collect()
        let many = try await LinuxFixtures.probe("names", options: LinuxProbeOptions(walkThreads: threads)).collect()
        #expect(one.sockets == many.sockets)
        #expect(one.processes == many.processes)
    }

    @Test func aRootWithoutSocketTablesIsAnError() async throws {
        let probe = LinuxProcProbe(procRoot: LinuxFixtures.root + "/does-not-exist", hostName: "h")
        await #expect(throws: LinuxProbeError.self) { try await probe.collect() }
    }
}

/// The parallel fd walk, with every directory split across tasks, finds what one task finds.
@Suite struct LinuxParallelWalkTests {
    static let cases: [(fixture: String, faults: [Int32: FDDirectoryOutcome])] = [
        ("names", [:]), ("forked-server", [:]), ("listener", [:]),
        ("unreadable-fd", [701: .unreadable(errno: 13)]), ("vanished", [:]),
    ]

    @Test(arguments: [2, 3, 4], [0, 1, 2, 3, 4])
    func splitWalksMatchTheSequentialWalk(threads: Int, caseIndex: Int) async throws {
        let (fixture, faults) = Self.cases[caseIndex]
        let procRoot = LinuxFixtures.procRoot(fixture)
        let system = SystemFDDirectoryReader(procRoot: procRoot)
        let reader: any FDDirectoryReader = faults.isEmpty ? system : FaultInjectingFDReader(base: system, faults: faults)
        let pids = try reader.processIDs().get()
        let wanted = Set(ProcNetReader.read(netDirectory: procRoot + "/net").sockets.map(\.inode))
        let sequential = FDWalk.run(reader: reader, pids: pids, wanted: wanted)
        let split = await FDWalk.run(reader: reader, pids: pids, wanted: wanted, threads: threads, splitAbove: 0)
        #expect(split.owners == sequential.owners)
        #expect(split.directoriesRead == sequential.directoriesRead)
        #expect(split.unreadable == sequential.unreadable)
        #expect(split.vanished == sequential.vanished)
        #expect(!sequential.owners.isEmpty)
    }

    /// A reader that reports descriptor counts, to check the plan.
    struct CountingReader: FDDirectoryReader {
        var counts: [Int32: Int]
        func processIDs() -> Result<[Int32], SystemError> { .success(counts.keys.sorted()) }
        func forEachSocketInode(pid: Int32, _ body: (UInt64) -> Void) -> FDDirectoryOutcome { .read }
        func descriptorCount(pid: Int32) -> Int? { counts[pid] }
    }

    @Test func bigDirectoriesAreSplitAndTheRestSpreadByWeight() {
        let reader = CountingReader(counts: [1: 10, 2: 5000, 3: 20, 4: 30, 5: 40])
        let plan = FDWalk.schedule(reader: reader, pids: [1, 2, 3, 4, 5], lanes: 2, splitAbove: nil)
        #expect(plan.count == 2)
        #expect(plan.map { $0.filter { $0.pid == 2 }.map(\.lane) } == [[0], [1]])
        #expect(plan.flatMap { $0 }.filter { $0.pid != 2 }.allSatisfy { $0.lanes == 1 })
        #expect(Set(plan.flatMap { $0 }.map(\.pid)) == [1, 2, 3, 4, 5])
        let loads = plan.map { $0.reduce(0) { $0 + $1.weight } }
        #expect(abs(loads[0] - loads[1]) <= 41)
    }

    @Test(arguments: [("0", 0), ("17", 17), ("1048575", 1_048_575), ("x", 0)])
    func descriptorNumbers(name: String, number: Int) {
        #expect(name.withCString { SystemFDDirectoryReader.descriptorNumber($0) } == number)
    }
}
