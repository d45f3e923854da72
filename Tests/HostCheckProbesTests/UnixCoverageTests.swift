import Foundation
import HostCheckCore
import Testing
@testable import HostCheckProbes

/// The coverage each Unix socket listing sets from what its variant could show
/// (docs/captures.md, "Coverage", "Linux and other Unix"), never from which rows the host had.
@Suite("unix captures: coverage from the variant")
struct UnixCoverageTests {
    /// One capture and the coverage it must give.
    struct Case: CustomTestStringConvertible, Sendable {
        /// The variant, as the docs table names it.
        var variant: String
        /// A fixture of `Tests/HostCheckCLITests/Fixtures/unix-coverage`, or inline text.
        var capture: Capture
        var summary: String
        /// Lines (or their starts) that `assumed` must hold.
        var assumed: [String] = []
        var fullCapture: String?
        /// Line numbers that must carry a warning (what could not be read, or the cut).
        var warnedLines: [Int] = []

        enum Capture: Sendable {
            case fixture(String)
            case text(String)
        }

        var testDescription: String { variant }

        func coverage() throws -> (Coverage, [Diagnostic], String) {
            switch capture {
            case .fixture(let name):
                let snapshot = try CaptureProbe(paths: [UnixCoverageFixtures.path(name)], hostName: nil).snapshot()
                return (snapshot.host.coverage, snapshot.diagnostics, name)
            case .text(let text):
                let parsed = CaptureFixtures.parse(text, name: "capture.txt")
                let listing = try #require(parsed.sockets, "no socket listing read")
                let coverage = try #require(listing.coverage, "the parser set no coverage")
                return (coverage, listing.diagnostics, "capture.txt")
            }
        }
    }

    static let families = "ipv4, ipv6: assumed from the format: ss lists both families unless run with -4 or -6"
    static let ssHeader = "Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n"
    static let netstatHeader = "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n"
    static let lsofHeader = "COMMAND   PID     USER   FD   TYPE DEVICE SIZE/OFF NODE NAME\n"
    static let sockstatHeader = "USER     COMMAND    PID   FD  PROTO  LOCAL ADDRESS         FOREIGN ADDRESS\n"

    /// One case per row of the docs table (names match its first column).
    static let cases: [Case] = [
        Case(
            variant: "ss -tulpn (root)", capture: .fixture("ss-tulpn-ipv4.txt"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=listening ports=all users=all netns=host-only",
            assumed: [families, "states: assumed from the rows: every row is listening (ss -l)"],
            fullCapture: "ss -tuanp as root"),
        Case(
            variant: "ss -tuanp (root)", capture: .fixture("ss-tuanp-ipv4.txt"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=all users=all netns=host-only",
            assumed: [families, "tcp, udp: assumed from the format: a Netid column"], fullCapture: "ss -tuanp as root"),
        Case(
            variant: "ss -tlpn (no Netid column)", capture: .fixture("ss-tlpn-ipv4.txt"),
            summary: "tcp=full udp=none ipv4=full ipv6=full owners=full states=listening ports=all users=all netns=host-only",
            assumed: ["tcp, udp: assumed from the rows: no Netid column", "states: assumed from the rows: every row is listening"]),
        Case(
            variant: "ss -ulpn (no Netid column, every row UNCONN)",
            capture: .text("State  Recv-Q Send-Q Local Address:Port Peer Address:Port\nUNCONN 0 0 127.0.0.1:323 0.0.0.0:*\n"),
            summary: "tcp=none udp=full ipv4=full ipv6=full owners=none states=listening ports=all users=all netns=host-only",
            assumed: ["tcp, udp: assumed from the rows: no Netid column (ss run with -t or -u alone) and every row UNCONN"]),
        Case(
            variant: "ss -tn (no -l or -a: connected sockets only)",
            capture: .text("State Recv-Q Send-Q Local Address:Port Peer Address:Port\nESTAB 0 0 10.0.0.5:22 10.0.0.9:51000\n"),
            summary: "tcp=partial udp=none ipv4=partial ipv6=partial owners=none states=all ports=all users=all netns=host-only",
            assumed: ["tcp, udp, ipv4, ipv6, states: assumed from the rows (ss without -l or -a): no listening socket is listed"]),
        Case(
            variant: "ss -tulpn (not root: some rows without users)",
            capture: .text(ssHeader + "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\ntcp LISTEN 0 5 127.0.0.1:8000 0.0.0.0:* users:((\"python3\",pid=4242,fd=3))\n"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=partial states=listening ports=all users=all netns=host-only"),
        Case(
            variant: "ss -tuln (no -p)",
            capture: .text(ssHeader + "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=none states=listening ports=all users=all netns=host-only"),
        Case(
            variant: "ss: last row cut mid-field", capture: .fixture("ss-tulpn-cut.txt"),
            summary: "tcp=partial udp=partial ipv4=partial ipv6=partial owners=partial states=listening ports=all users=all netns=host-only",
            assumed: ["tcp, udp, ipv4, ipv6: partial from the copy: it is incomplete ("],
            warnedLines: [4]),
        Case(
            variant: "ss: a port above 65535", capture: .fixture("ss-tulpn-huge-port.txt"),
            summary: "tcp=partial udp=full ipv4=partial ipv6=full owners=full states=listening ports=all users=all netns=host-only",
            assumed: ["tcp, ipv4: partial from the rows: 1 row cannot be read ("],
            warnedLines: [4]),
        Case(
            variant: "ss: a lower-case state", capture: .fixture("ss-tulpn-lowercase-state.txt"),
            summary: "tcp=partial udp=full ipv4=partial ipv6=full owners=full states=listening ports=all users=all netns=host-only",
            assumed: ["tcp, ipv4: partial from the rows: 1 row cannot be read ("],
            warnedLines: [4]),
        Case(
            variant: "ss: interrupted (^C)",
            capture: .text(ssHeader + "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:((\"sshd\",pid=700,fd=3))\n^C\n"),
            summary: "tcp=partial udp=partial ipv4=partial ipv6=partial owners=full states=listening ports=all users=all netns=host-only",
            warnedLines: [3]),
        Case(
            variant: "netstat -tulpn (root)", capture: .fixture("netstat-tulpn-ipv4.txt"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=listening ports=all users=all netns=host-only",
            assumed: ["states: assumed from the title: Active Internet connections (only servers) (netstat -l)"],
            fullCapture: "netstat -tuanp as root"),
        Case(
            variant: "netstat -tuanp (root)",
            capture: .text("Active Internet connections (servers and established)\n" + netstatHeader
                + "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 700/sshd\n"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=all users=all netns=host-only"),
        Case(
            variant: "netstat -tunp (w/o servers)",
            capture: .text("Active Internet connections (w/o servers)\n" + netstatHeader
                + "tcp 0 0 10.0.0.5:22 10.0.0.9:51000 ESTABLISHED 900/sshd\n"),
            summary: "tcp=partial udp=partial ipv4=partial ipv6=partial owners=full states=all ports=all users=all netns=host-only",
            assumed: ["tcp, udp, ipv4, ipv6, states: assumed from the title: Active Internet connections (w/o servers) (netstat without -l or -a)"]),
        Case(
            variant: "netstat -tulpn (not root: '-' owners)",
            capture: .text("Active Internet connections (only servers)\n" + netstatHeader
                + "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN -\n"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=partial states=listening ports=all users=all netns=host-only"),
        Case(
            variant: "netstat rows without title or header (grep 3691)",
            capture: .text("tcp 0 0 0.0.0.0:3691 0.0.0.0:* LISTEN 812/magaya\nudp 0 0 0.0.0.0:3691 0.0.0.0:* 812/magaya\n"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=3691 users=all netns=host-only",
            assumed: ["ports: assumed from the rows: no title or header, every row contains :3691 (a grep filter)"]),
        Case(
            variant: "netstat rows without title or header (grep LISTEN)",
            capture: .text("tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 700/sshd\ntcp 0 0 0.0.0.0:3691 0.0.0.0:* LISTEN 812/magaya\n"),
            summary: "tcp=full udp=none ipv4=full ipv6=full owners=full states=listening ports=all users=all netns=host-only"),
        Case(
            variant: "netstat rows without title or header (no filter shown)",
            capture: .text("tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 700/sshd\nudp 0 0 0.0.0.0:3691 0.0.0.0:* 812/magaya\n"),
            summary: "tcp=none udp=none ipv4=none ipv6=none owners=none states=all ports=all users=all netns=host-only"),
        Case(
            variant: "lsof -i -P -n (root)", capture: .fixture("lsof-i-root-ipv4.txt"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=all users=all netns=host-only",
            fullCapture: "lsof -i -P -n as root"),
        Case(
            variant: "lsof -i -P -n (not root)", capture: .fixture("lsof-i-alice.txt"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=all users=alice netns=host-only",
            assumed: ["users: assumed from the rows: every socket belongs to alice (lsof run as a non-root user lists only its own)"]),
        Case(
            variant: "lsof -i -sTCP:LISTEN",
            capture: .text(lsofHeader + "sshd 700 root 3u IPv4 20101 0t0 TCP *:22 (LISTEN)\nchronyd 640 chrony 5u IPv4 18535 0t0 UDP 127.0.0.1:323\n"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=listening ports=all users=all netns=host-only",
            assumed: ["states: assumed from the rows: every TCP row is LISTEN (lsof -sTCP:LISTEN)"]),
        Case(
            variant: "lsof: a PID that overflows",
            capture: .text(lsofHeader + "sshd 700 root 3u IPv4 20101 0t0 TCP *:22 (LISTEN)\n"
                + "nc 99999999999999999999 root 3u IPv4 20102 0t0 TCP *:3691 (LISTEN)\n"
                + "sshd 900 root 4u IPv4 20199 0t0 TCP 10.0.0.5:22->10.0.0.9:51000 (ESTABLISHED)\n"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=partial states=all ports=all users=all netns=host-only",
            warnedLines: [3]),
        Case(
            variant: "netstat -an (macOS, FreeBSD)",
            capture: .text("Active Internet connections (including servers)\nProto Recv-Q Send-Q  Local Address  Foreign Address  (state)\n"
                + "tcp4 0 0 *.22 *.* LISTEN\n"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=none states=all ports=all users=all netns=host-only",
            fullCapture: "netstat -an, with lsof -i -P -n as root for owners"),
        Case(
            variant: "netstat (macOS, no -a)",
            capture: .text("Active Internet connections\nProto Recv-Q Send-Q  Local Address  Foreign Address  (state)\n"
                + "tcp4 0 0 10.0.0.5.54862 140.82.113.26.443 ESTABLISHED\n"),
            summary: "tcp=partial udp=partial ipv4=partial ipv6=partial owners=none states=all ports=all users=all netns=host-only"),
        Case(
            variant: "sockstat -46l",
            capture: .text(sockstatHeader + "root     sshd       700   3   tcp4   *:22                  *:*\n"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=listening ports=all users=all netns=host-only",
            assumed: ["states: assumed from the rows: no row has a peer (sockstat -l)"], fullCapture: "sockstat -46 as root"),
        Case(
            variant: "sockstat -46",
            capture: .text(sockstatHeader + "root     sshd       700   3   tcp4   *:22                  *:*\n"
                + "root     sshd       900   4   tcp4   10.0.0.5:22           10.0.0.9:51000\n"),
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=all users=all netns=host-only"),
        Case(
            variant: "sockstat -46c",
            capture: .text(sockstatHeader + "root     sshd       900   4   tcp4   10.0.0.5:22           10.0.0.9:51000\n"),
            summary: "tcp=partial udp=partial ipv4=partial ipv6=partial owners=full states=all ports=all users=all netns=host-only"),
        Case(
            variant: "/proc/net/tcp",
            capture: .text("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0\n"),
            summary: "tcp=full udp=none ipv4=full ipv6=none owners=none states=all ports=all users=all netns=host-only"),
    ]

    @Test(arguments: cases)
    func coverageComesFromTheVariant(_ entry: Case) throws {
        let (coverage, diagnostics, file) = try entry.coverage()
        #expect(coverage.summary == entry.summary, "\(coverage.line)")
        for line in entry.assumed {
            #expect(coverage.assumed.contains { $0.hasPrefix(line) }, "missing '\(line)' in \(coverage.assumed)")
        }
        if let first = entry.assumed.first, first.contains("partial from") {
            // What lowered the coverage comes first: an `unknown` quotes the first line naming its dimension.
            #expect(coverage.assumed.first?.hasPrefix(first) == true, "\(coverage.assumed)")
            #expect(coverage.assumed.first?.contains("\(file):") == true, "\(coverage.assumed)")
        }
        if let fullCapture = entry.fullCapture { #expect(coverage.fullCapture == fullCapture) }
        #expect(coverage.fullCapture != nil)
        let warned = diagnostics.filter { $0.severity >= .warning }
        #expect(Set(warned.compactMap { $0.location?.line }) == Set(entry.warnedLines), "\(warned)")
        for diagnostic in warned { #expect(diagnostic.location?.file.hasSuffix(file) == true) }
    }

    /// Every row of the docs table is a case above, and every case a row.
    @Test func docsTableHasARowPerCase() throws {
        let rows = try UnixCoverageFixtures.docsTableVariants()
        #expect(rows == Self.cases.map(\.variant))
    }

    /// An unreadable owner field keeps the socket, with its owner unknown.
    @Test(arguments: [
        ("ss", ssHeader + "tcp LISTEN 0 128 0.0.0.0:3691 0.0.0.0:* users:((\"nc\",pid=99999999999999999999,fd=3))\n"),
        ("netstat", "Active Internet connections (only servers)\n" + netstatHeader
            + "tcp 0 0 0.0.0.0:3691 0.0.0.0:* LISTEN 99999999999999999999/nc\n"),
        ("lsof", lsofHeader + "nc 99999999999999999999 root 3u IPv4 20102 0t0 TCP *:3691 (LISTEN)\n"),
        ("sockstat", sockstatHeader + "root     nc         99999999999999999999 3 tcp4 *:3691 *:*\n"),
    ])
    func unreadableOwnerKeepsTheSocket(format: String, text: String) throws {
        let listing = try #require(CaptureFixtures.parse(text).sockets)
        let socket = try #require(listing.sockets.first { $0.localPort == 3691 }, "\(format): the socket was dropped")
        #expect(socket.ownership == .unknown)
        #expect(socket.ownershipReason == .ownerUnreadable)
        #expect(socket.pids.isEmpty)
        #expect(listing.coverage?.owners == .partial)
        #expect(listing.diagnostics.contains { $0.severity == .warning && $0.location?.line != nil })
    }

    /// The cut last row keeps what it shows (a telnet listener on 23) and marks the copy
    /// incomplete; the same rows with their line end are whole.
    @Test func cutLastRowIsReadAndMarksTheCopyIncomplete() throws {
        let snapshot = try CaptureProbe(paths: [UnixCoverageFixtures.path("ss-tulpn-cut.txt")], hostName: nil).snapshot()
        let telnet = try #require(snapshot.sockets.first { $0.localPort == 23 })
        #expect(telnet.ownershipReason == .ownerUnreadable)
        #expect(snapshot.diagnostics.contains { $0.message.contains("the last row is cut") && $0.location?.line == 4 })
        let whole = try String(contentsOfFile: UnixCoverageFixtures.path("ss-tulpn-cut.txt"), encoding: .utf8)
            .replacingOccurrences(of: "users:((\"in.tel", with: "users:((\"in.telnetd\",pid=611,fd=3))") + "\n"
        let coverage = try #require(CaptureFixtures.parse(whole).sockets?.coverage)
        #expect(coverage.tcp == .full && coverage.owners == .full)
    }

    /// Without its line end the last row of a whole listing is still whole when nothing is
    /// missing from it (a copy saved without a final newline).
    @Test(arguments: [
        ssHeader + "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:((\"sshd\",pid=700,fd=3))",
        lsofHeader + "sshd 700 root 3u IPv4 20101 0t0 TCP *:22 (LISTEN)",
    ])
    func wholeLastRowWithoutLineEndIsNotCut(text: String) throws {
        let coverage = try #require(CaptureFixtures.parse(text).sockets?.coverage)
        #expect(coverage.tcp == .full, "\(coverage.line)")
    }

    /// Without its line end, a last row that lacks what the others have is cut.
    @Test(arguments: [
        ssHeader + "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:((\"sshd\",pid=700,fd=3))\ntcp LISTEN 0 128 0.0.0.0:23 0.0.0.0:*",
        lsofHeader + "sshd 700 root 3u IPv4 20101 0t0 TCP *:22 (LISTEN)\ninetd 511 root 5u IPv4 17001 0t0 TCP *:23",
        "Active Internet connections (only servers)\n" + netstatHeader + "tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 700/sshd\ntcp 0 0 0.0.0.0:23 0.0.0.0:*",
    ])
    func lastRowMissingItsEndIsCut(text: String) throws {
        let listing = try #require(CaptureFixtures.parse(text).sockets)
        #expect(listing.coverage?.tcp == .partial)
        #expect(listing.diagnostics.contains { $0.message.contains("the last row is cut") })
    }

    /// A NUL run is refused as binary data: the host is an error, never a pass.
    @Test func nulRunIsRefused() throws {
        let text = Self.ssHeader + "tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n\0\0\0\0\0\0\0\0\n"
        let parsed = CaptureFixtures.parse(text)
        #expect(parsed.sockets?.sockets.isEmpty ?? true)
        #expect(parsed.diagnostics.contains { $0.severity == .error })
    }
}

/// The fixtures shared with the CLI tests, and the docs table they document.
enum UnixCoverageFixtures {
    static let directory = CaptureFixtures.testsDirectory.deletingLastPathComponent()
        .appendingPathComponent("HostCheckCLITests/Fixtures/unix-coverage")

    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// The first column of the table under docs/captures.md "### Linux and other Unix", backticks removed.
    static func docsTableVariants() throws -> [String] {
        let docs = CaptureFixtures.testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/captures.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        guard let start = text.range(of: "### Linux and other Unix") else { return [] }
        var rows: [String] = []
        var inTable = false
        for line in text[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") { break }
            guard line.hasPrefix("|") else {
                if inTable { break }
                continue
            }
            inTable = true
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
            guard cells.count > 2 else { continue }
            let first = cells[1].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "")
            if first.hasPrefix("---") || first == "Capture" { continue }
            rows.append(first)
        }
        return rows
    }
}
