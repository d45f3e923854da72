import Foundation
import HostCheckCore
import Testing
@testable import HostCheckProbes

/// The coverage each Windows capture variant states (docs/captures.md, "Coverage"), and what a
/// row or copy that cannot be read fully does to it ("Nothing read is lost silently").
@Suite("windows capture coverage")
struct WindowsCoverageTests {
    /// One row of the coverage table in docs/captures.md: a fixture and its coverage summary.
    struct Variant: Sendable, CustomStringConvertible {
        var row: String
        var file: String
        var summary: String
        /// A part of one `assumed` line.
        var assumed: String
        var description: String { row }
    }

    static func coverage(_ file: String) throws -> Coverage {
        try CaptureFixtures.snapshot([file]).host.coverage
    }

    /// The table of docs/captures.md, "Coverage", "Windows": a test per row.
    static let table: [Variant] = [
        Variant(
            row: "netstat -ano (title and header)", file: "netstat-ano-3691.txt",
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=all users=all netns=host-only",
            assumed: "tcp, udp, ipv4, ipv6: assumed from the rows"),
        Variant(
            row: "netstat -an (no -o)", file: "netstat-an-3691.txt",
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=none states=all ports=all users=all netns=host-only",
            assumed: "owners: assumed from the rows: no PID column"),
        Variant(
            row: "netstat -ano -p tcp", file: "netstat-ano-p-tcp.txt",
            summary: "tcp=full udp=none ipv4=full ipv6=none owners=full states=all ports=all users=all netns=host-only",
            assumed: "udp: assumed from the rows: no UDP row (netstat -p tcp?)"),
        Variant(
            row: "netstat -no (no -a)", file: "coverage/no-a.txt",
            summary: "tcp=partial udp=none ipv4=full ipv6=none owners=full states=all ports=all users=all netns=host-only",
            assumed: "no listening TCP row"),
        Variant(
            row: "netstat -ano | findstr :3691", file: "coverage/findstr-3691.txt",
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=3691 users=all netns=host-only",
            assumed: "ports, states: assumed from the rows: every row contains :3691 (a findstr filter)"),
        Variant(
            row: "findstr :3691, the port in the remote column of a row", file: "coverage/findstr-3691-remote.txt",
            summary: "tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=3691 users=all netns=host-only",
            assumed: "every row contains :3691"),
        Variant(
            row: "netstat -ano | findstr LISTENING", file: "coverage/findstr-listening.txt",
            summary: "tcp=full udp=none ipv4=full ipv6=full owners=full states=listening ports=all users=all netns=host-only",
            assumed: "ports, states: assumed from the rows: every row is LISTENING (a findstr filter)"),
        Variant(
            row: "findstr :3691 | findstr LISTENING", file: "coverage/findstr-3691-listening.txt",
            summary: "tcp=full udp=none ipv4=full ipv6=full owners=full states=listening ports=3691 users=all netns=host-only",
            assumed: "every row contains :3691 and every row is LISTENING"),
        Variant(
            row: "rows without title and header, no filter shown", file: "coverage/headerless-unfiltered.txt",
            summary: "tcp=none udp=none ipv4=none ipv6=none owners=none states=all ports=all users=all netns=host-only",
            assumed: "nothing is covered"),
        Variant(
            row: "netstat in a language not in the table", file: "netstat-ano-unlisted-language.txt",
            summary: "tcp=partial udp=full ipv4=partial ipv6=full owners=full states=all ports=all users=all netns=host-only",
            assumed: "a row could not be read (line 9)"),
        Variant(
            row: "PowerShell Get-NetTCPConnection | ConvertTo-Csv", file: "powershell/get-nettcpconnection.csv",
            summary: "tcp=full udp=none ipv4=full ipv6=full owners=full states=all ports=all users=all netns=host-only",
            assumed: "udp: assumed from the rows: no UDP endpoint (Get-NetTCPConnection lists TCP only)"),
        Variant(
            row: "PowerShell Get-NetTCPConnection | ConvertTo-Json", file: "powershell/get-nettcpconnection.ps51.json",
            summary: "tcp=full udp=none ipv4=full ipv6=full owners=full states=all ports=all users=all netns=host-only",
            assumed: "ipv4, ipv6: assumed from the rows"),
        Variant(
            row: "PowerShell Get-NetTCPConnection -State Listen", file: "coverage/ps-listen-only.csv",
            summary: "tcp=full udp=none ipv4=full ipv6=full owners=full states=listening ports=all users=all netns=host-only",
            assumed: "states: assumed from the rows: every connection listens"),
        Variant(
            row: "PowerShell export without OwningProcess", file: "coverage/ps-no-owner.csv",
            summary: "tcp=full udp=none ipv4=full ipv6=full owners=none states=all ports=all users=all netns=host-only",
            assumed: "owners: assumed from the rows: OwningProcess not exported"),
        Variant(
            row: "PowerShell Get-NetUDPEndpoint, one endpoint", file: "powershell/get-netudpendpoint.ps7.json",
            summary: "tcp=none udp=full ipv4=full ipv6=none owners=full states=all ports=3691 users=all netns=host-only",
            assumed: "ports: assumed from the rows: every row has local port 3691"),
    ]

    @Test(arguments: table)
    func variantCoverage(_ variant: Variant) throws {
        let coverage = try Self.coverage(variant.file)
        #expect(coverage.summary == variant.summary)
        #expect(coverage.assumed.contains { $0.contains(variant.assumed) }, "\(coverage.assumed)")
        #expect(coverage.fullCapture != nil)
    }

    @Test func headerlessFindstrCaptureIsStillWindowsNetstat() throws {
        for file in ["findstr-3691.txt", "findstr-listening.txt", "headerless-unfiltered.txt"] {
            let snapshot = try CaptureFixtures.snapshot(["coverage/" + file])
            #expect(snapshot.host.sources.map(\.format) == ["windows-netstat"])
            #expect(snapshot.host.platform == .windows)
            #expect(snapshot.problems.isEmpty)
            #expect(!snapshot.sockets.isEmpty)
        }
    }

    @Test func filterIsTheLongestCommonPortAndNeverZero() {
        #expect(RowFilter.portCandidates("  TCP    10.0.0.1:36910   0.0.0.0:0") == ["3", "36", "369", "3691", "36910", "0"])
        #expect(RowFilter.portCandidates("  TCP    [2001:db8::3691]:80  *:*").contains("3691"))
    }

    /// A row or copy that cannot be read fully: coverage, kept sockets, owners, located warnings.
    struct Gap: Sendable, CustomStringConvertible {
        var file: String
        var summary: String
        /// `file:line` of each warning or error.
        var problems: [String]
        var sockets: Int
        /// The line of a socket kept with an unknown owner (`owner-unreadable`).
        var unreadableOwnerLine: Int?
        var description: String { file }
    }

    static let levels = "owners=full states=all ports=all users=all netns=host-only"

    static let gaps: [Gap] = [
        Gap(file: "port-70000.txt", summary: "tcp=partial udp=full ipv4=partial ipv6=full " + levels,
            problems: ["port-70000.txt:8"], sockets: 11),
        Gap(file: "lowercase-tcp.txt", summary: "tcp=partial udp=full ipv4=partial ipv6=full " + levels,
            problems: ["lowercase-tcp.txt:8"], sockets: 11),
        Gap(file: "nbsp-columns.txt", summary: "tcp=partial udp=full ipv4=partial ipv6=full " + levels,
            problems: ["nbsp-columns.txt:8"], sockets: 11),
        Gap(file: "junk-pid.txt", summary: "tcp=full udp=full ipv4=full ipv6=full " + levels,
            problems: ["junk-pid.txt:7"], sockets: 12, unreadableOwnerLine: 7),
        Gap(file: "huge-pid.txt", summary: "tcp=full udp=full ipv4=full ipv6=full " + levels,
            problems: ["huge-pid.txt:7"], sockets: 12, unreadableOwnerLine: 7),
        Gap(file: "cut-last-row.txt", summary: "tcp=partial udp=partial ipv4=partial ipv6=partial " + levels,
            problems: ["cut-last-row.txt:16", "cut-last-row.txt:16"], sockets: 11),
        // Cut in its 7th line: no UDP or IPv6 row was reached, those stay `none`.
        Gap(file: "cut-inside-pid.txt", summary: "tcp=partial udp=none ipv4=partial ipv6=none " + levels,
            problems: ["cut-inside-pid.txt:7"], sockets: 3, unreadableOwnerLine: 7),
        Gap(file: "pager-more.txt", summary: "tcp=partial udp=partial ipv4=partial ipv6=partial " + levels,
            problems: ["pager-more.txt:9"], sockets: 12),
        Gap(file: "pager-fortsetzung.txt", summary: "tcp=partial udp=partial ipv4=partial ipv6=partial " + levels,
            problems: ["pager-fortsetzung.txt:9"], sockets: 12),
        Gap(file: "interrupted.txt", summary: "tcp=partial udp=none ipv4=partial ipv6=none " + levels,
            problems: ["interrupted.txt:9"], sockets: 4),
        Gap(file: "odd-utf16-tail.txt", summary: "tcp=partial udp=partial ipv4=partial ipv6=partial " + levels,
            problems: ["odd-utf16-tail.txt:16", "odd-utf16-tail.txt:16"], sockets: 12, unreadableOwnerLine: 16),
        Gap(file: "prompt-after-output.txt", summary: "tcp=full udp=full ipv4=full ipv6=full " + levels,
            problems: [], sockets: 12),
        Gap(file: "ps-short-row.csv", summary: "tcp=partial udp=none ipv4=partial ipv6=partial " + levels,
            problems: ["ps-short-row.csv:4"], sockets: 5),
        Gap(file: "ps-open-quote.csv", summary: "tcp=partial udp=none ipv4=partial ipv6=partial " + levels,
            problems: ["ps-open-quote.csv:4"], sockets: 5),
        Gap(file: "ps-huge-pid.csv", summary: "tcp=full udp=none ipv4=full ipv6=full " + levels,
            problems: ["ps-huge-pid.csv:3"], sockets: 6, unreadableOwnerLine: 3),
        // A remote port above 65535 (a fuzz finding): the row is unreadable, not a socket whose
        // snapshot could not be read back.
        Gap(file: "ps-remote-port-96583.csv",
            summary: "tcp=partial udp=none ipv4=partial ipv6=none owners=full states=listening ports=all users=all netns=host-only",
            problems: ["ps-remote-port-96583.csv:3"], sockets: 2),
        Gap(file: "ps-cut.csv", summary: "tcp=partial udp=none ipv4=partial ipv6=partial " + levels,
            problems: ["ps-cut.csv:8", "ps-cut.csv:8"], sockets: 5),
    ]

    @Test(arguments: gaps)
    func nothingReadIsLostSilently(_ gap: Gap) throws {
        let snapshot = try CaptureFixtures.snapshot(["coverage/" + gap.file])
        #expect(snapshot.host.coverage.summary == gap.summary, "\(snapshot.host.coverage.assumed)")
        let problems = snapshot.problems.map { diagnostic in
            "\(URL(fileURLWithPath: diagnostic.location?.file ?? "-").lastPathComponent):\(diagnostic.location?.line ?? 0)"
        }
        #expect(problems == gap.problems, "\(snapshot.problems.map(\.message))")
        #expect(snapshot.sockets.count == gap.sockets)
        let unreadable = snapshot.sockets.filter { $0.ownershipReason == .ownerUnreadable }
        #expect(unreadable.map(\.source.line) == (gap.unreadableOwnerLine.map { [$0] } ?? []))
        #expect(unreadable.allSatisfy { $0.ownership == .unknown && $0.pids.isEmpty })
    }

    @Test func aNULRunRefusesTheFileAtItsLine() throws {
        let snapshot = try CaptureFixtures.snapshot(["coverage/nul-run.txt"])
        #expect(snapshot.problems.map(\.severity) == [.error])
        #expect(snapshot.problems.first?.location?.line == 9)
        #expect(snapshot.host.coverage.summary.hasPrefix("tcp=none udp=none ipv4=none ipv6=none owners=none"))
    }

    @Test func anUnreadableTasklistRowIsALocatedWarningAndItsPIDStaysNameless() throws {
        let snapshot = try CaptureFixtures.snapshot(["netstat-ano-3691.txt", "coverage/tasklist-huge-pid.csv"])
        #expect(snapshot.problems.map { "\($0.location?.line ?? 0)" } == ["3"])
        #expect(snapshot.problems.first?.message.contains("no readable pid") == true)
        #expect(snapshot.processesByPID()[6120]?.name == "MagayaNetworkService.exe")
        #expect(snapshot.processes.count { $0.name == "nc64.exe" } == 0)
    }

    @Test(arguments: ["-- More --", "-- More (45%) --", "-- Fortsetzung --", "-- Suite --", "-- Más --", "-- Далее --"])
    func everyPagerLineMarksTheCopyIncomplete(_ pager: String) {
        let text = "  Proto  Local Address          Foreign Address        State           PID\n"
            + "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       988\n" + pager + "\n"
            + "  UDP    0.0.0.0:5353           *:*                                    2216\n"
        let listing = CaptureFixtures.parse(text).sockets
        #expect(listing?.coverage?.tcp == .partial)
        #expect(listing?.diagnostics.map(\.location?.line) == [3])
    }
}
