import Foundation
import HostCheckCore
import Testing
@testable import HostCheckProbes

@Suite("FreeBSD sockstat captures")
struct CaptureSockstatTests {
    /// A fixture of `Fixtures/NAME`, as the capture probe would give it to the parser.
    static func fixture(_ name: String) throws -> CaptureText {
        let url = CaptureFixtures.testsDirectory.appendingPathComponent("Fixtures/\(name)")
        return CaptureText(file: name, encoding: .utf8, utf8: Array(try Data(contentsOf: url)))
    }

    static func sockstat(_ name: String) throws -> CaptureText {
        try fixture("sockstat/\(name)")
    }

    static func inline(_ lines: [String], name: String = "inline.txt") -> CaptureText {
        CaptureText(file: name, encoding: .utf8, text: lines.joined(separator: "\n") + "\n")
    }

    /// `proto local:port` of a socket, as the tables below write them.
    static func describe(_ socket: SocketFact) -> String {
        let family = socket.family == .ipv6 ? "6" : "4"
        let zone = socket.localZone.map { "%\($0)" } ?? ""
        let remote = socket.remoteAddress.map { " -> \($0):\(socket.remotePort.map(String.init) ?? "*")" } ?? ""
        return "\(socket.protocol)\(family) \(socket.localAddress)\(zone):\(socket.localPort.map(String.init) ?? "*")\(remote)"
    }

    // MARK: - Recognition

    @Test(arguments: [
        "sockstat/sockstat-46l-root.txt", "sockstat/sockstat-46-all.txt", "sockstat/sockstat-46l-unknown-owner.txt",
        "sockstat/sockstat-46sw-states.txt", "sockstat/sockstat-46l-cut-address.txt", "sockstat/sockstat-hostile.txt",
    ])
    func recognisesEverySockstatFixture(name: String) throws {
        #expect(SockstatParser.recognise(try Self.fixture(name).lines))
    }

    @Test(arguments: [
        "windows/unix/lsof-i.txt", "windows/unix/ss-tulpn.txt", "windows/unix/ss-tl.txt", "windows/unix/bsd-netstat-an.txt",
        "windows/unix/netstat-tulpn.txt", "windows/unix/proc-net-tcp.txt", "windows/netstat-ano-3691.txt",
        "windows/netstat-an-3691.txt", "windows/netstat-anob-7004.txt", "windows/tasklist-table.txt",
        "windows/unrecognised.txt",
    ])
    func doesNotRecogniseOtherFormats(name: String) throws {
        #expect(!SockstatParser.recognise(try Self.fixture(name).lines))
    }

    @Test(arguments: [
        // The header alone, however padded (FreeBSD 14, FreeBSD 15, NetBSD).
        (["USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS"], true),
        (["USER COMMAND    PID FD PROTO LOCAL ADDRESS         FOREIGN ADDRESS       CONN STATE"], true),
        (["$ sockstat -4l", "USER     COMMAND    PID   FD PROTO  LOCAL ADDRESS         FOREIGN ADDRESS"], true),
        // `sockstat -q`: rows only.
        (["root     sshd         812 3   tcp4   *:22                  *:*",
          "?        ?          ?     ?   udp6   *:5353                *:*"], true),
        (["??   ??           ?? ?? tcp6  ::1:5432              *:*"], true),
        // A lone row-like line in other text, headers of other tools, an empty file.
        (["hello", "world", "root sshd 812 3 tcp4 *:22 *:*"], false),
        (["Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)",
          "tcp4       0      0  *.22                   *.*                    LISTEN"], false),
        (["COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME"], false),
        (["tcp4 0 0 *.22 *.* LISTEN", "udp4 0 0 *.514 *.*"], false),
        (["root sshd 812 3 stream /var/run/sshd.sock"], false),
        ([], false),
    ] as [([String], Bool)])
    func recognisesByHeaderOrByRowShape(lines: [String], expected: Bool) {
        #expect(SockstatParser.recognise(Self.inline(lines).lines) == expected)
    }

    // MARK: - FreeBSD 14, `sockstat -46l` as root

    @Test func listeningSocketsOfRootCapture() throws {
        let (capture, _) = SockstatParser.parse(try Self.sockstat("sockstat-46l-root.txt"))
        #expect(capture.diagnostics.isEmpty)
        #expect(capture.hasPIDs)
        #expect(!capture.ownersPartial)
        #expect(!capture.elided)
        #expect(capture.decorationLines == 1)
        // One socket per row, except nginx's: three processes share one listening socket.
        let expected: [(line: Int, socket: String, pids: [Int], v6only: Bool?)] = [
            (2, "tcp6 :::22", [812], nil),
            (3, "tcp4 0.0.0.0:22", [812], nil),
            (4, "tcp4 0.0.0.0:80", [1000, 1001, 1002], nil),
            (7, "tcp4 127.0.0.1:5432", [945], nil),
            (8, "tcp6 ::1:5432", [945], nil),
            (9, "udp6 fe80::1%lo0:123", [701], nil),
            (10, "udp4 192.168.1.10:123", [701], nil),
            (11, "udp6 :::53", [650], false),
            (12, "tcp6 :::25", [1100], false),
            (13, "tcp4 0.0.0.0:9100", [1200], nil),
            (14, "udp4 0.0.0.0:514", [512], nil),
            (15, "udp6 :::514", [512], nil),
        ]
        #expect(capture.sockets.map(Self.describe) == expected.map(\.socket))
        #expect(capture.sockets.map { $0.source.line ?? 0 } == expected.map(\.line))
        #expect(capture.sockets.map(\.pids) == expected.map(\.pids))
        #expect(capture.sockets.map(\.v6only) == expected.map(\.v6only))
        #expect(capture.sockets.allSatisfy { $0.state == .listening && $0.ownership == .owned && $0.ownershipReason == nil })
        #expect(capture.sockets.allSatisfy { $0.source.file == "sockstat/sockstat-46l-root.txt" && $0.remoteAddress == nil })
        #expect(capture.sockets[5].localZone == "lo0")
        #expect(capture.sockets[5].localAddress == "fe80::1")
    }

    @Test func processesAreListedOncePerPID() throws {
        let (_, processes) = SockstatParser.parse(try Self.sockstat("sockstat-46l-root.txt"))
        let expected: [(pid: Int, name: String, user: String, truncated: Bool, line: Int)] = [
            (812, "sshd", "root", false, 2), (1000, "nginx", "root", false, 4), (1001, "nginx", "www", false, 5),
            (1002, "nginx", "www", false, 6), (945, "postgres", "postgres", false, 7), (701, "ntpd", "root", false, 9),
            (650, "unbound", "unbound", false, 11), (1100, "master", "root", false, 12),
            (1200, "node_expor", "prometheus", true, 13), (512, "syslogd", "root", false, 14),
        ]
        #expect(processes.processes.map(\.pid) == expected.map(\.pid))
        #expect(processes.processes.map(\.name) == expected.map(\.name))
        #expect(processes.processes.map(\.user) == expected.map(\.user))
        #expect(processes.processes.map(\.nameTruncated) == expected.map(\.truncated))
        #expect(processes.processes.map { $0.source.line ?? 0 } == expected.map(\.line))
        #expect(processes.processes.allSatisfy { $0.source.file == "sockstat/sockstat-46l-root.txt" })
        #expect(processes.diagnostics.isEmpty)
    }

    // MARK: - FreeBSD 14, `sockstat -46` (listening and connected)

    @Test func connectedSocketsHaveAPeerAndNoStateWithoutDashS() throws {
        let (capture, processes) = SockstatParser.parse(try Self.sockstat("sockstat-46-all.txt"))
        #expect(capture.decorationLines == 2)  // the echoed command and the header
        let expected: [(line: Int, socket: String, state: SocketState, pids: [Int])] = [
            (3, "tcp4 0.0.0.0:22", .listening, [812]),
            (4, "tcp4 192.168.1.10:22 -> 192.168.1.50:53124", .unknown, [2201]),
            (5, "tcp6 2001:db8::10:41234 -> 2001:db8::1:22", .unknown, [2300]),
            (6, "tcp6 2001:db8:85a3:8d3:1319:8a2e:370:7348:51234 -> 2606:4700::6810:84e5:443", .unknown, [2400]),
            (7, "udp4 192.168.1.10:123 -> 162.159.200.1:123", .established, [701]),
            (8, "udp4 0.0.0.0:68", .listening, [400]),
            (9, "tcp4 0.0.0.0:8080", .listening, [2500]),
            (12, "tcp4 192.168.1.10:22 -> 192.168.1.77:60000", .unknown, []),
        ]
        #expect(capture.sockets.map(Self.describe) == expected.map(\.socket))
        #expect(capture.sockets.map { $0.source.line ?? 0 } == expected.map(\.line))
        #expect(capture.sockets.map(\.state) == expected.map(\.state))
        #expect(capture.sockets.map(\.pids) == expected.map(\.pids))
        #expect(capture.sockets.allSatisfy { $0.rawState == nil })
        // The `?` row (a TIME_WAIT socket no descriptor holds) is of no known owner.
        #expect(capture.sockets.last?.ownership == .unknown)
        #expect(capture.sockets.last?.ownershipReason == .captureRowHasNoOwner)
        #expect(capture.ownersPartial)
        // The SCTP association and its second address line are skipped with one note, no warning.
        #expect(capture.diagnostics.map(\.severity) == [.note])
        #expect(capture.diagnostics.first?.message == "2 rows of sctp, udplite, divert and raw sockets skipped")
        // A command with a space keeps it.
        #expect(processes.processes.first { $0.pid == 2500 }?.name == "my server")
        #expect(processes.processes.map(\.pid) == [812, 2201, 2300, 2400, 701, 400, 2500])
    }

    // MARK: - FreeBSD 15, `??` owners

    @Test func unknownOwnersAreNeverOwned() throws {
        let (capture, processes) = SockstatParser.parse(try Self.sockstat("sockstat-46l-unknown-owner.txt"))
        #expect(capture.diagnostics.isEmpty)
        #expect(capture.hasPIDs)
        #expect(capture.ownersPartial)
        let expected: [(line: Int, socket: String, ownership: Ownership, pids: [Int])] = [
            (2, "tcp4 127.0.0.1:3000", .owned, [4100]),
            (3, "tcp6 ::1:3000", .owned, [4100]),
            (4, "tcp4 0.0.0.0:22", .unknown, []),
            (5, "tcp6 :::22", .unknown, []),
            (6, "udp4 0.0.0.0:514", .unknown, []),
            (7, "udp4 0.0.0.0:5353", .owned, [4200]),
        ]
        #expect(capture.sockets.map(Self.describe) == expected.map(\.socket))
        #expect(capture.sockets.map { $0.source.line ?? 0 } == expected.map(\.line))
        #expect(capture.sockets.map(\.ownership) == expected.map(\.ownership))
        #expect(capture.sockets.map(\.pids) == expected.map(\.pids))
        for socket in capture.sockets where socket.ownership != .owned {
            #expect(socket.ownershipReason == .captureRowHasNoOwner)
        }
        // `??` as COMMAND: the process exited while sockstat ran; its PID is still known.
        #expect(processes.processes.map(\.pid) == [4100, 4200])
        #expect(processes.processes.map(\.name) == ["node", nil])
        #expect(processes.processes.map(\.user) == ["alice", "alice"])
    }

    // MARK: - FreeBSD 15, `sockstat -46sw`

    @Test func connStateColumnGivesTheTCPState() throws {
        let (capture, _) = SockstatParser.parse(try Self.sockstat("sockstat-46sw-states.txt"))
        #expect(capture.diagnostics.isEmpty)
        let expected: [(line: Int, socket: String, state: SocketState)] = [
            (2, "tcp4 0.0.0.0:22", .listening),
            (3, "tcp4 192.168.1.10:22 -> 192.168.1.50:53124", .established),
            (4, "tcp4 192.168.1.10:22 -> 192.168.1.77:60000", .timeWait),
            (5, "tcp4 0.0.0.0:2525", .closed),
            (6, "tcp6 2001:db8:85a3::8a2e:370:7334:51000 -> 2606:4700::6810:84e5:443", .synSent),
            (7, "tcp4 10.0.0.5:40000 -> 10.0.0.9:5432", .finWait2),
            (8, "udp4 0.0.0.0:514", .listening),
            (9, "udp4 192.168.1.10:123 -> 162.159.200.1:123", .established),
        ]
        #expect(capture.sockets.map(Self.describe) == expected.map(\.socket))
        #expect(capture.sockets.map { $0.source.line ?? 0 } == expected.map(\.line))
        #expect(capture.sockets.map(\.state) == expected.map(\.state))
        #expect(capture.sockets[2].ownership == .unknown)
    }

    @Test(arguments: [
        ("root sshd 812 3 tcp4 *:22 *:* ESTABLISHED", SocketState.unknown, "ESTABLISHED"),
        ("root sshd 812 3 tcp4 10.0.0.1:22 10.0.0.2:4000 LISTEN", SocketState.unknown, "LISTEN"),
        ("root sshd 812 3 tcp4 10.0.0.1:22 10.0.0.2:4000 CLOSE_WAIT", SocketState.closeWait, nil),
        ("root sshd 812 3 tcp4 10.0.0.1:22 10.0.0.2:4000 SYN_RCVD", SocketState.synReceived, nil),
        ("root sshd 812 3 tcp4 10.0.0.1:22 10.0.0.2:4000 FIN_WAIT_1", SocketState.finWait1, nil),
        ("root sshd 812 3 tcp4 *:* *:*", SocketState.closed, nil),
        ("root sshd 812 3 tcp4 *:22 *:* 0 ?? LISTEN freebsd cubic", SocketState.listening, nil),
        ("root named 900 3 udp4 *:53 *:* ??", SocketState.listening, nil),
    ] as [(String, SocketState, String?)])
    func stateWordsAgreeWithThePeer(row: String, state: SocketState, rawState: String?) throws {
        let (capture, _) = SockstatParser.parse(Self.inline([row]))
        let socket = try #require(capture.sockets.first)
        #expect(socket.state == state)
        #expect(socket.rawState == rawState)
    }

    // MARK: - FreeBSD 15 without `-w`: cut addresses

    @Test func aCutAddressIsReportedNotRead() throws {
        let (capture, _) = SockstatParser.parse(try Self.sockstat("sockstat-46l-cut-address.txt"))
        #expect(capture.sockets.map(Self.describe) == ["tcp6 :::22", "udp4 192.168.100.200:53", "udp4 192.168.100.200:65000"])
        #expect(capture.sockets.map { $0.source.line ?? 0 } == [2, 4, 5])
        #expect(capture.elided)
        #expect(capture.diagnostics.map(\.severity) == [.warning])
        #expect(capture.diagnostics.map(\.location?.line) == [3])
        #expect(capture.diagnostics.first?.location?.file == "sockstat/sockstat-46l-cut-address.txt")
        #expect(capture.diagnostics.first?.message.contains("-w") == true)
    }

    @Test func twentyOneCharacterAddressesOfOlderVersionsAreRead() {
        // FreeBSD 14 never cuts: its header has two spaces between FD and PROTO.
        let (capture, _) = SockstatParser.parse(Self.inline([
            "USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS",
            "bind     named        900 20  udp6   2001:db8:85a3::8a2e:3 *:*",
        ]))
        #expect(capture.diagnostics.isEmpty)
        #expect(capture.sockets.map(Self.describe) == ["udp6 2001:db8:85a3::8a2e:3"])
    }

    // MARK: - Garbled input

    @Test func everyGarbledLineGivesALocatedWarning() throws {
        let (capture, processes) = SockstatParser.parse(try Self.sockstat("sockstat-hostile.txt"))
        let warnings = capture.diagnostics.filter { $0.severity == .warning }
        // Issue 12 (nothing read is lost silently): an unreadable row lowers coverage, the `...`
        // elision marks the copy incomplete (a warning, no longer a note), and the row whose PID
        // overflows (line 13) is kept with its owner unknown instead of being dropped.
        let lowered = "; coverage lowered to partial"
        let expected: [(line: Int, message: String)] = [
            (4, "line not understood as part of a sockstat capture" + lowered),
            (5, "malformed sockstat row: an address cannot be read (a port above 65535?)" + lowered),
            (6, "malformed sockstat row: an address column is missing" + lowered),
            (7, "line not understood as part of a sockstat capture" + lowered),
            (8, "sockstat printed an error here: its listing may be incomplete"),
            (10, "malformed sockstat row: an address cannot be read (a port above 65535?)" + lowered),
            (11, "rows elided here ('...'): the listing is incomplete"),
            (12, "line not understood as part of a sockstat capture" + lowered),
            (13, "the PID cannot be read: the socket's owner is unknown"),
        ]
        #expect(warnings.map { $0.location?.line ?? 0 } == expected.map(\.line))
        #expect(warnings.map(\.message) == expected.map(\.message))
        #expect(warnings.allSatisfy { $0.location?.file == "sockstat/sockstat-hostile.txt" })
        // The `...` line says rows are missing: every protocol and family is partial.
        #expect(capture.elided)
        #expect(capture.coverage?.summary
            == "tcp=partial udp=partial ipv4=partial ipv6=partial owners=partial states=listening ports=all users=all netns=host-only")
        // The readable rows are kept (the one of line 13 with an unknown owner); the prompt and
        // header are decoration.
        #expect(capture.sockets.map(Self.describe) == [
            "tcp4 0.0.0.0:22", "udp4 0.0.0.0:5353", "tcp4 0.0.0.0:23", "tcp4 0.0.0.0:24", "tcp4 0.0.0.0:2200",
        ])
        #expect(capture.sockets.map { $0.source.line ?? 0 } == [3, 9, 13, 14, 16])
        #expect(capture.sockets[2].ownershipReason == .ownerUnreadable)
        #expect(capture.decorationLines == 3)
        // COMMAND may hold PROTO-like words and any character.
        #expect(processes.processes.map(\.pid) == [812, 77, 813])
        #expect(processes.processes.map(\.name) == ["sshd", "tcp4 udp6", "ssh\u{20AC}d"])
        // Every non-blank line is a fact, a merged row, decoration or a diagnostic.
        let lines = try Self.sockstat("sockstat-hostile.txt").lines
        let accounted = Set(capture.sockets.map(\.source.line) + capture.diagnostics.map(\.location?.line))
        let unaccounted = lines.indices.filter { !Tokens.isBlank(lines[$0]) && !accounted.contains($0 + 1) }
        #expect(unaccounted.map { $0 + 1 } == [1, 2])
    }

    @Test(arguments: [
        "", "\u{0}\u{0}\u{0}", "USER COMMAND", "? ? ? ? tcp4", "? tcp4 *:1 *:1 *:1 *:1",
        "root x 1 2 tcp4 1:2:3:4:5:6:7:8:9:10 *:*", "root x 1 2 tcp4 ::ffff:192.168.100.2 *:*",
        "many tcp4 tokens", "many ? marks",
    ])
    func neverCrashesAndNeverDropsSilently(line: String) {
        let text = switch line {
        case "many tcp4 tokens": String(repeating: "tcp4 ", count: 2000)
        case "many ? marks": String(repeating: "?", count: 5000)
        default: line
        }
        let (capture, _) = SockstatParser.parse(Self.inline([text]))
        if Tokens.isBlank(Substring(text)) {
            #expect(capture.diagnostics.isEmpty && capture.sockets.isEmpty)
        } else {
            #expect(!capture.sockets.isEmpty || capture.diagnostics.contains { $0.location?.line == 1 })
        }
    }

    // MARK: - Variants

    @Test func quietCaptureWithoutHeaderIsRead() {
        let (capture, processes) = SockstatParser.parse(Self.inline([
            "root     sshd         812 3   tcp4   *:22                  *:*",
            "?        ?          ?     ?   udp6   *:5353                *:*",
        ]))
        #expect(capture.diagnostics.isEmpty)
        #expect(capture.hasPIDs)
        #expect(capture.ownersPartial)
        #expect(capture.sockets.map(Self.describe) == ["tcp4 0.0.0.0:22", "udp6 :::5353"])
        #expect(processes.processes.map(\.pid) == [812])
    }

    @Test func numericUsersOfDashNAreKeptAsText() {
        let (_, processes) = SockstatParser.parse(Self.inline([
            "USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS",
            "1001     node        4100 18  tcp4   127.0.0.1:3000        *:*",
        ]))
        #expect(processes.processes.first?.user == "1001")
    }

    @Test func unixDomainAndOtherProtocolRowsAreSkippedWithANote() {
        let (capture, _) = SockstatParser.parse(Self.inline([
            "USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS",
            "root     syslogd      512 4   dgram  /var/run/log",
            "root     cron         700 3   stream -> [612 5]",
            "?        ?          ?     ?   stream (not connected)",
            "root     natd         300 3   div4   *:8668                *:*",
            "root     sshd         812 3   tcp4   *:22                  *:*",
        ]))
        #expect(capture.sockets.count == 1)
        #expect(capture.diagnostics.map(\.severity) == [.note, .note])
        #expect(capture.diagnostics.map(\.message) == [
            "3 rows of unix domain sockets skipped", "1 rows of sctp, udplite, divert and raw sockets skipped",
        ])
        #expect(!capture.ownersPartial)
    }

    @Test func netBSDSockstatIsReadToo() {
        // NetBSD: the same header, `tcp`/`udp` for IPv4, `host.port` addresses, names without -n.
        let (capture, processes) = SockstatParser.parse(Self.inline([
            "USER     COMMAND    PID   FD PROTO  LOCAL ADDRESS         FOREIGN ADDRESS",
            "root     sshd       339    3 tcp    *.ssh                 *.*",
            "root     sshd       339    4 tcp6   *.22                  *.*",
            "alice    ssh        880    3 tcp    10.0.0.5.65000        10.0.0.9.22",
            "root     syslogd    200    5 udp    127.0.0.1.514         *.*",
        ]))
        #expect(capture.diagnostics.isEmpty)
        #expect(capture.sockets.map(Self.describe) == [
            "tcp4 0.0.0.0:*", "tcp6 :::22", "tcp4 10.0.0.5:65000 -> 10.0.0.9:22", "udp4 127.0.0.1:514",
        ])
        #expect(capture.sockets.first?.localPortName == "ssh")
        #expect(capture.sockets.map(\.state) == [.listening, .listening, .unknown, .listening])
        #expect(processes.processes.map(\.pid) == [339, 880, 200])
    }
}

/// The registered format: every sockstat fixture is recognised as it among all the formats, and
/// its facts carry the format id.
@Suite struct SockstatRegistrationTests {
    @Test(arguments: [
        "sockstat-46l-root.txt", "sockstat-46-all.txt", "sockstat-46l-unknown-owner.txt", "sockstat-46sw-states.txt",
        "sockstat-46l-cut-address.txt", "sockstat-hostile.txt",
    ])
    func fixtureIsRecognisedAmongEveryFormat(name: String) throws {
        let path = CaptureFixtures.testsDirectory.appendingPathComponent("Fixtures/sockstat/\(name)").path
        let snapshot = try CaptureProbe(paths: [path], hostName: "bsd-1").snapshot()
        #expect(snapshot.host.sources.map(\.format) == ["freebsd-sockstat"])
    }

    @Test func descriptorSaysWhatTheFormatCovers() throws {
        let format = try #require(CaptureFormatCatalog.builtin.first { $0.id == "freebsd-sockstat" })
        #expect(format.isRead)
        #expect(format.coverage.protocols == [.tcp, .udp] && format.coverage.families == [.ipv4, .ipv6])
        #expect(format.coverage.owners == .all && format.coverage.processes)
    }
}
