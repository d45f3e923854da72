import HostCheckCore

/// Writers for the results JSON shapes (docs/architecture.md, "Contracts"; `docs/schema/results-3.json`).
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
