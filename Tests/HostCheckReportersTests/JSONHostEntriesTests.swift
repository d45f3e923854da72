import HostCheckCore
@testable import HostCheckReporters
import Testing

/// The `hosts` entries of the results JSON past ``JSONHostEntries/memoryLimit``: read back from
/// the temporary file in order, whole characters, with the separators of one writer.
@Suite struct JSONHostEntriesTests {
    /// Hosts named with characters of two, three and four bytes, so that a piece read back
    /// from the temporary file can end inside one.
    static func hosts(_ count: Int) -> [HostResults] {
        (0..<count).map { index in
            var host = Samples.windowsHost
            host.name = "wh-\(index)-ü€𝄞"
            return HostResults(host: host, results: [], diagnostics: [
                Diagnostic(.warning, "line \(index) not understood: ∆", at: SourceLocation(file: "netstat.txt", line: index + 1)),
            ])
        }
    }

    @Test(arguments: [false, true])
    func entriesPastTheMemoryLimitComeBackInOrder(pretty: Bool) throws {
        let hosts = Self.hosts(6000)
        let text = try Samples.render(JSONReporter(options: ReporterOptions(), pretty: pretty), hosts: hosts)
        #expect(text.utf8.count > 2 * JSONHostEntries.memoryLimit)
        #expect(!text.contains("\u{FFFD}"))
        let entries = try #require(try parseJSON(text)["hosts"]?.items)
        #expect(entries.map { $0["name"]?.string } == hosts.map { $0.host.name })
        #expect(entries.allSatisfy { $0["diagnostics_total"]?.int == 1 })
        #expect(entries.last?["diagnostics"]?.items.first?["source"]?["line"]?.int == 6000)
    }

    @Test func prettyIsTheCompactDocumentIndented() throws {
        let hosts = Self.hosts(3000)
        let compact = try Samples.render(JSONReporter(options: ReporterOptions(), pretty: false), hosts: hosts)
        let pretty = try Samples.render(JSONReporter(options: ReporterOptions(), pretty: true), hosts: hosts)
        #expect(pretty.contains("\n    {\n      \"name\": \"wh-2999-ü€𝄞\""))
        #expect(!compact.contains("\n  "))
        let entries = { (text: String) in try #require(try parseJSON(text)["hosts"]?.items).map { $0["name"]?.string } }
        #expect(try entries(compact) == entries(pretty))
    }
}
