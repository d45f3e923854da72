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
        writeOutcomeMembers(result)
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

    /// Writes the members of the result's outcome on its host: outcome, message,
    /// missing_coverage, waived_outcome, waiver, evidence (``write(_:)-(Evidence)``), evidence_total.
    mutating func writeOutcomeMembers(_ result: RuleResult) {
        key("outcome"); string(result.outcome.rawValue)
        key("message"); string(result.message)
        key("missing_coverage"); strings(result.missingCoverage)
        key("waived_outcome"); string(result.waivedOutcome?.rawValue)
        key("waiver")
        if let waiver = result.waiver {
            beginObject()
            key("reason"); string(waiver.reason)
            key("expires"); string(waiver.expires)
            key("source"); write(waiver.location)
            endObject()
        } else {
            null()
        }
        key("evidence")
        beginArray()
        for evidence in result.evidence { write(evidence) }
        endArray()
        key("evidence_total"); int(result.evidenceTotal)
    }

    /// Writes one piece of evidence with every key, `{socket, processes, source, note}`, `null`
    /// when there is none; `socket` and processes in the snapshot shape.
    mutating func write(_ evidence: Evidence) {
        beginObject()
        key("socket")
        if let socket = evidence.socket { write(socket) } else { null() }
        key("processes"); write(processes: evidence.processes)
        key("source"); write(evidence.source)
        key("note"); string(evidence.note)
        endObject()
    }
}
