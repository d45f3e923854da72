import HostCheckCore

/// The self-contained result of an NDJSON `result` line (`docs/schema/ndjson-1.json`, the
/// `result` of `docs/schema/results-2.json`): the result with the members of its rule and every
/// evidence key, `null` when unknown, so that a line read alone says everything.
extension JSONWriter {
    /// Writes one self-contained result: host, pack, rule, title, severity, tags, outcome,
    /// message, missing_coverage (the dimensions that made it `unknown`, else empty),
    /// waived_outcome, waiver, evidence, evidence_total, remediation, compliance.
    mutating func writeSelfContained(_ result: RuleResult) {
        beginObject()
        key("host"); string(result.host)
        writeRuleHead(result)
        writeOutcomeMembers(result, omittingNulls: false)
        writeRuleTail(result)
        endObject()
    }

    /// Writes one result as ``writeSelfContained(_:)`` does, with the members that come from its
    /// rule copied from `fragments` (`position` is the result's place among its host's results).
    mutating func writeSelfContained(_ result: RuleResult, position: Int, fragments: inout RuleFragments) {
        beginObject()
        key("host"); string(result.host)
        fragments.write(result, position: position, into: &self)
        endObject()
    }

    /// Writes the members that come from the result's rule and precede its outcome: pack, rule,
    /// title, severity, tags (``RuleFragments/headMembers`` of them).
    mutating func writeRuleHead(_ result: RuleResult) {
        key("pack"); string(result.pack)
        key("rule"); string(result.rule)
        key("title"); string(result.title)
        key("severity"); string(result.severity.rawValue)
        key("tags"); strings(result.tags)
    }

    /// Writes the members that come from the result's rule and close it: remediation and
    /// compliance (``RuleFragments/tailMembers`` of them).
    mutating func writeRuleTail(_ result: RuleResult) {
        key("remediation"); string(result.remediation)
        key("compliance"); write(compliance: result.compliance)
    }
}
