import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct SnapshotTableTests {
    static let snapshot = Snapshot(
        host: HostInfo(name: "wh-berlin-02", platform: .windows,
                       sources: [CaptureSource(file: "netstat.txt", format: "windows-netstat", encoding: "utf-16le")], coverage: .full),
        sockets: [
            Samples.netstatSocket,
            SocketFact(protocol: .tcp, family: .ipv4, localAddress: "10.0.0.5", localPort: 50123, remoteAddress: "10.0.0.9",
                       remotePort: 3691, state: .established, ownership: .owned, pids: [1, 7777],
                       source: SourceLocation(file: "netstat.txt", line: 9)),
            SocketFact(protocol: .tcp, family: .ipv4, localAddress: "10.0.0.5", localPort: 50124, remoteAddress: "10.0.0.9",
                       remotePort: 443, state: .timeWait, ownership: .unowned, ownershipReason: .windowsPidZero,
                       source: SourceLocation(file: "netstat.txt", line: 10)),
            SocketFact(protocol: .udp, family: .ipv6, localAddress: "fe80::1", localPort: nil, localPortName: "mdns", localZone: "11",
                       state: .unknown, rawState: "ABHÖREN", ownership: .unknown, ownershipReason: .captureHasNoOwners,
                       source: SourceLocation(file: "netstat.txt", line: 11)),
        ],
        processes: [
            Samples.ncProcess,
            ProcessFact(pid: 1, name: "evil\n\u{1B}[2Jname", source: SourceLocation(file: "tasklist.csv", line: 3)),
        ],
        diagnostics: [Diagnostic(.warning, "line not understood", at: SourceLocation(file: "netstat.txt", line: 4, column: 1))])

    @Test func rendersOneRowPerSocket() {
        #expect(SnapshotTable.render(Self.snapshot) == """
        wh-berlin-02 (windows): netstat.txt [windows-netstat, utf-16le]
        PROTO  LOCAL              REMOTE         STATE             PID     PROCESS                   SOURCE
        tcp    0.0.0.0:3691       *:*            listening         6120    nc64.exe                  netstat.txt:8
        tcp    10.0.0.5:50123     10.0.0.9:3691  established       1,7777  evil\\u{a}\\u{1b}[2Jname,?  netstat.txt:9
        tcp    10.0.0.5:50124     10.0.0.9:443   time_wait         -       -                         netstat.txt:10
        udp6   [fe80::1%11]:mdns  *:*            unknown(ABHÖREN)  ?       ?                         netstat.txt:11
        ? owner unknown for 1 socket: capture-has-no-owners
        ? 1 socket owned by a pid with no process record
        4 sockets, 2 processes, 1 diagnostic
          netstat.txt:4:1: warning: line not understood

        """)
    }

    @Test func filtersByPortAndListening() {
        let byPort = SnapshotTable.filter(Self.snapshot.sockets, port: 3691)
        #expect(byPort.map(\.source.line) == [8, 9])
        let listening = SnapshotTable.filter(Self.snapshot.sockets, port: 3691, listeningOnly: true)
        #expect(listening.map(\.source.line) == [8])
        let text = SnapshotTable.render(Self.snapshot, sockets: listening)
        #expect(text.contains("1 socket of 4, 2 processes, 1 diagnostic\n"))
        #expect(!text.contains("50123"))
    }

    @Test func neverPassesControlCharacters() {
        let text = SnapshotTable.render(Self.snapshot)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        #expect(text.split(separator: "\n").count == 10)
    }
}

@Suite struct ReporterCatalogTests {
    @Test func idsAreUniqueAndMakeTheirReporter() throws {
        let ids = ReporterCatalog.builtin.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.starts(with: ["text", "json"]))
        for descriptor in ReporterCatalog.builtin {
            let reporter = descriptor.make(ReporterOptions())
            #expect(Swift.type(of: reporter).id == descriptor.id)
            #expect(!descriptor.summary.isEmpty)
        }
    }

    /// Only Nagios decides its own exit codes, from the same mapping as its status word.
    @Test func nagiosOwnsItsExitCodes() throws {
        #expect(ReporterCatalog.builtin.filter { $0.exitPolicy != nil }.map(\.id) == ["nagios"])
        let policy = try #require(ReporterCatalog.builtin.first { $0.id == "nagios" }?.exitPolicy)
        var tally = policy.makeTally()
        #expect(tally.exitCode == 0)
        for result in Samples.hostResults.results { tally.add(result) }
        var expected = NagiosTally()
        expected.add(Samples.hostResults)
        #expect(tally.exitCode == expected.status.exitCode)
        #expect(tally.exitCode != 0)
    }

    /// JSON documents are compact unless `--pretty` asks for indentation.
    @Test(arguments: ["json", "sarif"])
    func jsonIsCompactUnlessPretty(_ id: String) throws {
        let descriptor = try #require(ReporterCatalog.builtin.first { $0.id == id })
        #expect(descriptor.options.contains(.pretty))
        let run = Samples.run(covering: [Samples.hostResults])
        let compact = try Samples.render(descriptor.make(ReporterOptions()), hosts: [Samples.hostResults], run: run)
        let pretty = try Samples.render(descriptor.make(ReporterOptions(pretty: true)), hosts: [Samples.hostResults], run: run)
        #expect(compact.split(separator: "\n").count == 1)
        #expect(pretty.split(separator: "\n").count > 10)
    }
}
