import Testing
import HostCheckCore
@testable import HostCheckReporters

/// A result of every outcome, written by the results JSON reporter, is valid against
/// `docs/schema/results-3.json` and reads back to what was written: its own members from the
/// result, its rule's from the `rules` entry it names.
@Suite struct ResultsRoundTripTests {
    static func result(_ outcome: Outcome) -> RuleResult {
        var result = RuleResult(
            host: "wh-berlin-02", pack: "magaya-network", rule: "rule-\(outcome.rawValue)", title: "Rule for \(outcome.rawValue)",
            severity: outcome == .skip ? .info : .critical, tags: ["iana", outcome.rawValue], outcome: outcome,
            message: "the \(outcome.rawValue) message", remediation: outcome == .pass ? nil : "Stop it.",
            compliance: ["cis": ["2.2"], "nist_800_53": ["CM-7", "SC-7"]])
        switch outcome {
        case .pass:
            result.evidence = [Evidence(socket: Samples.netstatSocket, processes: [Samples.ncProcess])]
        case .fail:
            result.evidence = [Evidence(socket: ResultsEvidenceTests.fullSocket, processes: [ResultsEvidenceTests.fullProcess])]
        case .unknown:
            result.evidence = [Evidence(socket: ResultsEvidenceTests.bareSocket, note: "owner unknown")]
            result.missingCoverage = ["owners", "states"]
        case .error:
            result.evidence = [Evidence(source: SourceLocation(file: "netstat.txt", line: 3, column: 1), note: "cannot decode")]
        case .skip:
            break
        case .waived:
            result.waivedOutcome = .fail
            result.waiver = AppliedWaiver(reason: "migration, ticket SEC-1234", expires: nil, location: nil)
            result.evidence = [Evidence(socket: Samples.netstatSocket, processes: [ResultsEvidenceTests.bareProcess])]
        }
        result.evidenceTotal = result.evidence.count
        return result
    }

    @Test(arguments: Outcome.allCases)
    func aResultOfEachOutcomeIsValidAndReadsBack(outcome: Outcome) throws {
        let result = Self.result(outcome)
        for pretty in [false, true] {
            let root = try parseJSON(try Samples.renderJSON([HostResults(host: Samples.windowsHost, results: [result])], pretty: pretty))
            let check = try SchemaCheck(["results-3.json", "snapshot-2.json"])
            #expect(check.problems(root, against: "results-3.json") == [])
            let written = try #require(root["results"]?.items.first)
            #expect(written["host"]?.string == result.host)
            #expect(written["outcome"]?.string == outcome.rawValue)
            #expect(written["message"]?.string == result.message)
            #expect(written["missing_coverage"]?.items.compactMap(\.string) == result.missingCoverage)
            #expect(written["waived_outcome"]?.string == result.waivedOutcome?.rawValue)
            #expect(written["waiver"]?["reason"]?.string == result.waiver?.reason)
            #expect(written["evidence_total"]?.int == result.evidenceTotal)
            #expect(written["evidence"]?.items.count == result.evidence.count)
            for (piece, evidence) in zip(written["evidence"]?.items ?? [], result.evidence) {
                #expect(piece["socket"]?["local_port"]?.int == evidence.socket?.localPort)
                #expect(piece["socket"]?["local_address"]?.string == evidence.socket?.localAddress)
                #expect(piece["processes"]?.items.compactMap { $0["pid"]?.int } == evidence.processes.map(\.pid))
                #expect(piece["source"]?["line"]?.int == evidence.source?.line)
                #expect(piece["note"]?.string == evidence.note)
            }
            let pack = try #require(written["pack"]?.string)
            let id = try #require(written["rule"]?.string)
            let rules = try #require(root["rules"]?.items).filter { $0["pack"]?.string == pack && $0["id"]?.string == id }
            try #require(rules.count == 1)
            #expect(rules[0]["title"]?.string == result.title)
            #expect(rules[0]["severity"]?.string == result.severity.rawValue)
            #expect(rules[0]["tags"]?.items.compactMap(\.string) == result.tags)
            #expect(rules[0]["remediation"]?.string == result.remediation)
            #expect(rules[0]["remediation"]?.value == (result.remediation == nil ? .null : .string(result.remediation ?? "")))
            #expect(rules[0]["compliance"]?["nist_800_53"]?.items.compactMap(\.string) == ["CM-7", "SC-7"])
        }
    }

    /// The checker used above finds what the schema forbids: it is not vacuous.
    @Test(arguments: [
        (#""outcome":"fail""#, #""outcome":"FAIL""#),
        (#""evidence_total":1"#, #""evidence_total":-1"#),
        (#""pack":"magaya-network","rule""#, #""pack":"magaya-network","title":"t","rule""#),
        (#""ppid":4,"#, #""ppid":null,"#),
        (#""local_port":3691,"#, #""local_port":null,"#),
        (#""protocol":"tcp","#, ""),
        (#""hostcheck_results":3"#, #""hostcheck_results":2"#),
    ])
    func theSchemaRefusesWhatResults3DoesNotWrite(written: String, replacement: String) throws {
        let text = try Samples.renderJSON([HostResults(host: Samples.windowsHost, results: [Self.result(.fail)])])
        try #require(text.contains(written))
        let check = try SchemaCheck(["results-3.json", "snapshot-2.json"])
        #expect(check.problems(try parseJSON(text), against: "results-3.json") == [])
        let changed = try parseJSON(text.replacingOccurrences(of: written, with: replacement))
        #expect(!check.problems(changed, against: "results-3.json").isEmpty)
    }
}
