import HostCheckCore

/// Writers for the results JSON shapes (docs/architecture.md, "Contracts"; `docs/schema/results-2.json`).
extension JSONWriter {
    /// One host's entry of the results document (`hosts[]` in JSON, the `host` line of NDJSON):
    /// its facts' header, coverage line, reported name, and at most `diagnosticsLimit`
    /// diagnostics with their total.
    package mutating func writeHostEntry(_ results: HostResults, diagnosticsLimit: Int) {
        beginObject()
        writeHostMembers(results.host)
        key("coverage_line"); string(results.host.coverage.line)
        key("reported_name"); string(results.host.reportedName)
        key("diagnostics")
        beginArray()
        for diagnostic in results.diagnostics.prefix(diagnosticsLimit) { write(diagnostic) }
        endArray()
        key("diagnostics_total"); int(results.diagnostics.count)
        endObject()
    }

    /// Writes `{id, version, title, sha256, file, variables, rule_variables}`.
    mutating func write(_ pack: PackInfo) {
        beginObject()
        key("id"); string(pack.id)
        key("version"); string(pack.version)
        key("title"); string(pack.title)
        key("sha256"); string(pack.sha256)
        key("file"); string(pack.file)
        key("variables"); write(pack.variables)
        key("rule_variables")
        beginObject()
        for (rule, variables) in pack.ruleVariables.sorted(by: { $0.key < $1.key }) {
            key(rule); write(variables)
        }
        endObject()
        endObject()
    }

    /// Writes `{name: "value" | ["value", …]}`, names sorted.
    mutating func write(_ variables: [String: VariableSetting]) {
        beginObject()
        for (name, setting) in variables.sorted(by: { $0.key < $1.key }) {
            key(name)
            switch setting {
            case .scalar(let value): string(value)
            case .list(let values):
                beginArray()
                for value in values { string(value) }
                endArray()
            }
        }
        endObject()
    }

    /// Writes `{pack, id, title, description, severity, tags, remediation, references, compliance, source}`.
    mutating func write(_ rule: RuleInfo) {
        beginObject()
        key("pack"); string(rule.pack)
        key("id"); string(rule.id)
        key("title"); string(rule.title)
        key("description"); string(rule.description)
        key("severity"); string(rule.severity.rawValue)
        key("tags"); strings(rule.tags)
        key("remediation"); string(rule.remediation)
        key("references"); strings(rule.references)
        key("compliance"); write(compliance: rule.compliance)
        key("source"); write(rule.location)
        endObject()
    }

    /// Writes `{socket, processes, source, note}`; `socket` and processes in the snapshot shape.
    mutating func write(_ evidence: Evidence) {
        beginObject()
        key("socket")
        if let socket = evidence.socket { write(socket) } else { null() }
        key("processes"); write(processes: evidence.processes)
        key("source"); write(evidence.source)
        key("note"); string(evidence.note)
        endObject()
    }

    /// Writes one result: host, pack, rule, title, severity, tags, outcome, message,
    /// missing_coverage (the dimensions that made it `unknown`, else empty), waived_outcome,
    /// waiver, evidence, evidence_total, remediation, compliance.
    mutating func write(_ result: RuleResult) {
        beginObject()
        key("host"); string(result.host)
        writeRuleHead(result)
        writeOutcomeMembers(result)
        writeRuleTail(result)
        endObject()
    }

    /// Writes one result as ``write(_:)-(RuleResult)`` does, with the members that come from its
    /// rule copied from `fragments` (`position` is the result's place among its host's results).
    mutating func write(_ result: RuleResult, position: Int, fragments: inout RuleFragments) {
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

    /// Writes the members of the result's outcome on its host: outcome, message,
    /// missing_coverage, waived_outcome, waiver, evidence, evidence_total.
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

    /// Writes the members that come from the result's rule and close it: remediation and
    /// compliance (``RuleFragments/tailMembers`` of them).
    mutating func writeRuleTail(_ result: RuleResult) {
        key("remediation"); string(result.remediation)
        key("compliance"); write(compliance: result.compliance)
    }

    /// Writes compliance mappings as `{framework: [control ids]}`, frameworks sorted.
    mutating func write(compliance: [String: [String]]) {
        beginObject()
        for framework in compliance.keys.sorted() {
            key(framework); strings(compliance[framework, default: []])
        }
        endObject()
    }

    /// Writes `{hosts, rules, pass, fail, unknown, error, skip, waived, duration_seconds}`.
    mutating func write(_ summary: Summary) {
        beginObject()
        key("hosts"); int(summary.hosts)
        key("rules"); int(summary.rules)
        for outcome in Outcome.allCases {
            key(outcome.rawValue); int(summary.counts[outcome])
        }
        key("duration_seconds"); double(summary.durationSeconds)
        endObject()
    }
}
