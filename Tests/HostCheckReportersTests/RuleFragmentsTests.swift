import Testing
import HostCheckCore
@testable import HostCheckReporters

/// A result written with its rule's members copied from ``RuleFragments`` has the bytes of one
/// written member by member, whatever changed since the entry was laid out.
@Suite struct RuleFragmentsTests {
    /// The same position's result with one rule member changed, then as it was.
    private static func variants(of result: RuleResult) -> [RuleResult] {
        var severity = result
        severity.severity = .info
        var title = result
        title.title = nil
        var tags = result
        tags.tags = ["a", Samples.hostile]
        var remediation = result
        remediation.remediation = "é\u{2028}" + Samples.hostile
        var compliance = result
        compliance.compliance = ["nist_800_53": ["CM-7", "SC-7"], "cis": ["2.2"]]
        var rule = result
        rule.rule = "other"
        var pack = result
        pack.pack = "other-pack"
        var host = result
        host.host = "win-00002"
        return [result, result, severity, title, tags, remediation, compliance, rule, pack, host, result]
    }

    @Test(arguments: [false, true])
    func copiedMembersAreTheWrittenOnes(pretty: Bool) {
        let hosts = [Samples.hostResults, Samples.hostileHost, Samples.hostResults]
            + Self.variants(of: Samples.failing).map { variant in
                var host = Samples.hostResults
                host.results[2] = variant
                return host
            }
        var fragments = RuleFragments()
        var cached = JSONWriter(pretty: pretty)
        var plain = JSONWriter(pretty: pretty)
        cached.beginArray()
        plain.beginArray()
        for host in hosts {
            for (position, result) in host.results.enumerated() {
                cached.writeSelfContained(result, position: position, fragments: &fragments)
                plain.writeSelfContained(result)
            }
            #expect(cached.takeString() == plain.takeString())
        }
        cached.endArray()
        plain.endArray()
        #expect(cached.takeString() == plain.takeString())
    }

    @Test func entriesAreLaidOutAgainAtAnotherDepth() {
        var fragments = RuleFragments()
        var shallow = JSONWriter(pretty: true)
        shallow.writeSelfContained(Samples.failing, position: 0, fragments: &fragments)
        var deep = JSONWriter(pretty: true)
        deep.beginArray()
        deep.writeSelfContained(Samples.failing, position: 0, fragments: &fragments)
        deep.endArray()
        var expected = JSONWriter(pretty: true)
        expected.beginArray()
        expected.writeSelfContained(Samples.failing)
        expected.endArray()
        #expect(deep.takeString() == expected.takeString())
    }
}
