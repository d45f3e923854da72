import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct JSONReporterTests {
    @Test func writesTheResultsDocumentWithSummaryLast() throws {
        let text = try Samples.renderJSON([Samples.hostResults])
        let root = try parseJSON(text)
        #expect(root.keys == ["hostcheck_results", "generator", "packs", "rules", "waivers_sha256", "started_at",
                              "results", "hosts", "diagnostics", "summary"])
        #expect(root["hostcheck_results"]?.int == 3)
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
        let root = try parseJSON(try Samples.renderJSON([Samples.hostResults]))
        let pack = try #require(root["packs"]?.items.first)
        #expect(pack["variables"]?.keys == ["magaya_images", "magaya_port"])
        #expect(pack["variables"]?["magaya_images"]?.items.map(\.string) == ["magaya*", "mgy*"])
        #expect(pack["variables"]?["magaya_port"]?.string == "3691")
        #expect(pack["rule_variables"]?["magaya-3691-owner"]?["magaya_images"]?.items.map(\.string) == ["nc*"])
    }

    @Test func resultCarriesEvidenceInTheSnapshotShapeWithoutNulls() throws {
        let root = try parseJSON(try Samples.renderJSON([Samples.hostResults]))
        let failing = try #require(root["results"]?.items.first { $0["rule"]?.string == "magaya-3691-owner" })
        #expect(failing.keys == ["host", "pack", "rule", "outcome", "message", "missing_coverage", "waived_outcome",
                                 "waiver", "evidence", "evidence_total"])
        #expect(failing["outcome"]?.string == "fail")
        let evidence = try #require(failing["evidence"]?.items.first)
        #expect(evidence.keys == ["socket", "processes", "source"])
        #expect(evidence["socket"]?.keys == ["protocol", "family", "local_address", "local_port", "state", "ownership", "pids", "source"])
        #expect(evidence["processes"]?.items.first?.keys == ["pid", "name", "name_truncated", "kernel", "source"])
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
        let root = try parseJSON(try Samples.renderJSON([many]))
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
            let text = try Samples.renderJSON(hosts, pretty: pretty)
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
        try reporter.begin(Samples.run(covering: [Samples.hostResults]), to: &head)
        #expect(head.hasSuffix(#""results":["#))
        var first = ""
        try reporter.host(Samples.hostResults, to: &first)
        #expect(first.hasPrefix(#"{"host":"wh-berlin-02""#))
        var second = ""
        try reporter.host(Samples.hostResults, to: &second)
        #expect(second.hasPrefix(#",{"host":"#))
    }

    @Test func hostileTextIsEscapedAndRoundTrips() throws {
        let text = try Samples.renderJSON([Samples.hostileHost])
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        let root = try parseJSON(text)
        let result = try #require(root["results"]?.items.first)
        #expect(result["host"]?.string == Samples.hostile)
        #expect(result["evidence"]?.items.first?["processes"]?.items.first?["cmdline"]?.string == Samples.hostile)
        #expect(root["hosts"]?.items.first?["diagnostics"]?.items.first?["message"]?.string == "bad " + Samples.hostile)
    }

    /// A result names its rule; the rule's title, severity, tags, remediation and compliance
    /// are written once, in `rules`, however many hosts there are.
    @Test func ruleFieldsAreWrittenOnceInRules() throws {
        let hosts = (0..<3).map { index in
            var host = Samples.hostResults
            host.host.name = "host-\(index)"
            return host
        }
        let text = try Samples.renderJSON(hosts)
        let root = try parseJSON(text)
        let remediation = try #require(Samples.failing.remediation)
        #expect(text.components(separatedBy: remediation).count == 2)
        let rules = try #require(root["rules"]?.items)
        #expect(rules.count == Samples.hostResults.results.count)
        for result in root["results"]?.items ?? [] {
            let named = rules.filter { $0["pack"]?.string == result["pack"]?.string && $0["id"]?.string == result["rule"]?.string }
            #expect(named.count == 1, "\(result)")
            #expect(result["title"] == nil && result["severity"] == nil && result["tags"] == nil)
        }
    }

    /// A change to a result that would make its entry of `rules` describe another rule.
    struct Mismatch: Sendable, CustomTestStringConvertible {
        var name: String
        var change: @Sendable (inout RuleResult) -> Void
        var testDescription: String { name }
    }

    static let mismatches: [Mismatch] = [
        Mismatch(name: "rule not listed", change: { $0.rule = "not-loaded" }),
        Mismatch(name: "pack not listed", change: { $0.pack = "other-pack" }),
        Mismatch(name: "severity", change: { $0.severity = .info }),
        Mismatch(name: "title", change: { $0.title = nil }),
        Mismatch(name: "tags", change: { $0.tags = [] }),
        Mismatch(name: "remediation", change: { $0.remediation = "Ignore it." }),
        Mismatch(name: "compliance", change: { $0.compliance = ["cis": ["9.9"]] }),
    ]

    /// A result whose rule is not the entry of `rules` it names is never written: a reader
    /// would take the entry's severity (a fail gated on severity could pass). The run fails
    /// instead, at the first host or any later one.
    @Test(arguments: mismatches, [0, 1])
    func aResultThatDiffersFromItsRuleIsRefused(mismatch: Mismatch, host index: Int) throws {
        var changed = Samples.hostResults
        mismatch.change(&changed.results[2])
        var reporter = JSONReporter(options: ReporterOptions(), pretty: false)
        var out = ""
        try reporter.begin(Samples.run(covering: [Samples.hostResults]), to: &out)
        if index == 1 { try reporter.host(Samples.hostResults, to: &out) }
        let before = out
        #expect(throws: ResultRuleMismatch.self) { try reporter.host(changed, to: &out) }
        #expect(out == before)
    }

    @Test func rulesListingOneRuleTwiceAreRefused() throws {
        var run = Samples.run(covering: [Samples.hostResults])
        run.rules.append(run.rules[0])
        var reporter = JSONReporter(options: ReporterOptions(), pretty: false)
        var out = ""
        let error = #expect(throws: ResultRuleMismatch.self) { try reporter.begin(run, to: &out) }
        #expect(error?.description.contains("listed twice") == true)
        #expect(out.isEmpty)
    }
}
