import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct JSONReporterTests {
    @Test func writesTheResultsDocumentWithSummaryLast() throws {
        let text = try Samples.render(JSONReporter(options: ReporterOptions()), hosts: [Samples.hostResults])
        let root = try parseJSON(text)
        #expect(root.keys == ["hostcheck_results", "generator", "packs", "rules", "waivers_sha256", "started_at",
                              "results", "hosts", "diagnostics", "summary"])
        #expect(root["hostcheck_results"]?.int == 2)
        #expect(root["packs"]?.items.first?.keys == ["id", "version", "title", "sha256", "file", "variables", "rule_variables"])
        #expect(root["waivers_sha256"]?.value == .null)
        #expect(root["results"]?.items.count == Samples.hostResults.results.count)
        let summary = try #require(root["summary"])
        #expect(summary.keys == ["hosts", "rules", "pass", "fail", "unknown", "error", "skip", "waived", "duration_seconds"])
        #expect(summary["fail"]?.int == 1 && summary["pass"]?.int == 2 && summary["hosts"]?.int == 1)
        #expect(summary["duration_seconds"]?.value == .number("0.25"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func packsRecordTheVariablesTheyRanWith() throws {
        let root = try parseJSON(try Samples.render(JSONReporter(options: ReporterOptions()), hosts: [Samples.hostResults]))
        let pack = try #require(root["packs"]?.items.first)
        #expect(pack["variables"]?.keys == ["magaya_images", "magaya_port"])
        #expect(pack["variables"]?["magaya_images"]?.items.map(\.string) == ["magaya*", "mgy*"])
        #expect(pack["variables"]?["magaya_port"]?.string == "3691")
        #expect(pack["rule_variables"]?["magaya-3691-owner"]?["magaya_images"]?.items.map(\.string) == ["nc*"])
    }

    @Test func resultCarriesEvidenceInTheSnapshotShape() throws {
        let root = try parseJSON(try Samples.render(JSONReporter(options: ReporterOptions()), hosts: [Samples.hostResults]))
        let failing = try #require(root["results"]?.items.first { $0["rule"]?.string == "magaya-3691-owner" })
        #expect(failing.keys == ["host", "pack", "rule", "title", "severity", "tags", "outcome", "message", "missing_coverage", "waived_outcome",
                                 "waiver", "evidence", "evidence_total", "remediation", "compliance"])
        #expect(failing["outcome"]?.string == "fail")
        let evidence = try #require(failing["evidence"]?.items.first)
        #expect(evidence.keys == ["socket", "processes", "source", "note"])
        #expect(evidence["socket"]?["local_port"]?.int == 3691)
        #expect(evidence["socket"]?["pids"]?.items.first?.int == 6120)
        #expect(evidence["processes"]?.items.first?["name"]?.string == "nc64.exe")
        #expect(evidence["source"]?["file"]?.string == "netstat.txt")
        #expect(evidence["source"]?["line"]?.int == 8)
        let waived = try #require(root["results"]?.items.first { $0["rule"]?.string == "no-telnet" })
        #expect(waived["waived_outcome"]?.string == "fail")
        #expect(waived["waiver"]?["expires"]?.string == "2027-01-31")
        #expect(waived["waiver"]?["source"]?["line"]?.int == 3)
    }

    @Test func hostsCarryInfoAndCappedDiagnostics() throws {
        var many = Samples.hostResults
        many.diagnostics = (1...120).map { (index: Int) in Diagnostic(.warning, "d\(index)", at: SourceLocation(file: "x", line: index)) }
        let root = try parseJSON(try Samples.render(JSONReporter(options: ReporterOptions()), hosts: [many]))
        let host = try #require(root["hosts"]?.items.first)
        #expect(host.keys == ["name", "platform", "captured_at", "sources", "coverage", "coverage_line", "reported_name", "diagnostics", "diagnostics_total"])
        #expect(host["diagnostics"]?.items.count == JSONReporter.hostDiagnosticsLimit)
        #expect(host["diagnostics_total"]?.int == 120)
        #expect(root["diagnostics"]?.items.first?["message"]?.string == "waiver for rule 'x' matched nothing")
    }

    @Test(arguments: [0, 1, 3])
    func validForAnyNumberOfHosts(count: Int) throws {
        let hosts = (0..<count).map { index in
            var host = Samples.hostResults
            host.host.name = "host-\(index)"
            return host
        }
        for pretty in [true, false] {
            let text = try Samples.render(JSONReporter(options: ReporterOptions(), pretty: pretty), hosts: hosts)
            let root = try parseJSON(text)
            #expect(root["results"]?.items.count == count * Samples.hostResults.results.count)
            #expect(root["hosts"]?.items.map { $0["name"]?.string } == (0..<count).map { "host-\($0)" })
            #expect(root["summary"]?["hosts"]?.int == count)
            #expect(pretty || text.split(separator: "\n").count == 1)
        }
    }

    @Test func streamsOneHostAtATime() throws {
        var reporter = JSONReporter(options: ReporterOptions(), pretty: false)
        var head = ""
        try reporter.begin(Samples.run, to: &head)
        #expect(head.hasSuffix(#""results":["#))
        var first = ""
        try reporter.host(Samples.hostResults, to: &first)
        #expect(first.hasPrefix(#"{"host":"wh-berlin-02""#))
        var second = ""
        try reporter.host(Samples.hostResults, to: &second)
        #expect(second.hasPrefix(#",{"host":"#))
    }

    @Test func hostileTextIsEscapedAndRoundTrips() throws {
        let text = try Samples.render(JSONReporter(options: ReporterOptions()), hosts: [Samples.hostileHost])
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        let root = try parseJSON(text)
        let result = try #require(root["results"]?.items.first)
        #expect(result["host"]?.string == Samples.hostile)
        #expect(result["evidence"]?.items.first?["processes"]?.items.first?["cmdline"]?.string == Samples.hostile)
        #expect(root["hosts"]?.items.first?["diagnostics"]?.items.first?["message"]?.string == "bad " + Samples.hostile)
    }
}
