import HostCheckCore
import Testing
@testable import HostCheckProbes

@Suite("windows powershell exports")
struct WindowsPowerShellTests {
    static func snapshot(_ names: String...) throws -> Snapshot {
        try CaptureProbe(paths: names.map { CaptureFixtures.windows("powershell/\($0)") }, hostName: nil).snapshot()
    }

    @Test(arguments: [("get-nettcpconnection.csv", "powershell-csv", "utf-8", 3),
                      ("get-nettcpconnection.ps51.json", "powershell-json", "utf-16le-bom", 2)])
    func tcpConnectionsGiveTheSameSockets(_ fixture: String, _ format: String, _ encoding: String, _ line: Int) throws {
        let snapshot = try Self.snapshot(fixture)
        #expect(snapshot.diagnostics.isEmpty)
        #expect(snapshot.host.sources.map(\.format) == [format])
        #expect(snapshot.host.sources.map(\.encoding) == [encoding])
        #expect(snapshot.host.platform == .windows)
        #expect(snapshot.sockets.map(\.state) == [.listening, .listening, .established, .timeWait, .bound, .listening])
        #expect(snapshot.sockets.map(\.family) == [.ipv4, .ipv6, .ipv4, .ipv4, .ipv4, .ipv4])
        #expect(snapshot.sockets.map(\.ownership) == [.owned, .owned, .owned, .unowned, .owned, .owned])
        #expect(snapshot.sockets.first?.pids == [6120])
        #expect(snapshot.sockets.first?.source.line == line)
        #expect(snapshot.sockets[2].remoteAddress == "10.20.30.77")
        #expect(snapshot.processes.map(\.pid) == [4])
        #expect(snapshot.processes.first?.kernel == true)
        // The levels; what was assumed (no UDP endpoint in a Get-NetTCPConnection export) is
        // tested in WindowsCoverageTests.
        #expect(snapshot.host.coverage.summary == Coverage(tcp: .full, udp: .none, ipv4: .full, ipv6: .full, owners: .full).summary)
    }

    @Test func jsonObjectsAreLocatedByTheirOpeningBrace() throws {
        let snapshot = try Self.snapshot("get-nettcpconnection.ps51.json")
        #expect(snapshot.sockets.map(\.source.line) == [2, 11, 20, 29, 38, 47])
    }

    @Test func bareUDPObjectAndProcessCSVJoin() throws {
        let snapshot = try Self.snapshot("get-netudpendpoint.ps7.json", "get-process.ps7.csv")
        #expect(snapshot.diagnostics.isEmpty)
        #expect(snapshot.sockets.map(\.protocol) == [.udp])
        #expect(snapshot.sockets.first?.state == .listening)
        #expect(snapshot.sockets.first?.source.line == 1)
        let owner = try #require(snapshot.processesByPID()[6120])
        #expect(owner.name == "nc64")
        #expect(owner.path == "C:\\Tools\\nc64.exe")
        #expect(snapshot.processesByPID()[4]?.kernel == true)
        #expect(snapshot.host.coverage.udp == .full)
        #expect(snapshot.host.coverage.tcp == .none)
    }

    @Test func formatTableIsRefusedWithTheCommandToRun() {
        let text = "LocalAddress  LocalPort RemoteAddress RemotePort State  OwningProcess\n"
            + "------------  --------- ------------- ---------- -----  -------------\n"
            + "0.0.0.0       3691      0.0.0.0       0          Listen 6120\n"
        let parsed = CaptureFixtures.parse(text)
        #expect(parsed.source.format == "powershell-table")
        #expect(parsed.diagnostics.count == 1)
        #expect(parsed.diagnostics.first?.severity == .error)
        #expect(parsed.diagnostics.first?.message.contains("ConvertTo-Csv") == true)
    }

    @Test func objectsThatAreNeitherConnectionsNorProcessesAreWarnings() throws {
        let text = "\"Name\",\"Value\"\n\"a\",\"b\"\n"
        let parsed = CaptureFixtures.parse("#TYPE Foo\n" + text)
        #expect(parsed.source.format == "powershell-csv")
        let problems = (parsed.sockets?.diagnostics ?? []) + (parsed.processes?.diagnostics ?? [])
        #expect(problems.map(\.location?.line) == [3])
    }
}
