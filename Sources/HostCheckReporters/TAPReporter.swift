import HostCheckCore

/// TAP version 14 for TAP consumers (`prove`, tap-junit, …): `--format tap`.
///
/// One test point per (host, rule): `ok` for pass, `not ok` for fail, unknown and error (with a
/// YAML diagnostics block: outcome, severity, message, evidence, remediation), `ok … # SKIP reason`
/// for skip and waived. The plan `1..N` comes last (TAP allows a trailing plan), so the report
/// streams. Host diagnostics are `#` comments. Descriptions and directives are neutralised
/// (no newline can forge a test line) and `#` in them is escaped; YAML strings are double-quoted
/// JSON-style strings, which are valid YAML.
package struct TAPReporter: BuiltinReporter {
    package static let id = "tap"
    package static let summary = "TAP version 14: a test point per host and rule, YAML diagnostics"

    package let options: ReporterOptions
    private var count = 0

    package init(options: ReporterOptions) {
        self.options = options
    }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        out.write("TAP version 14\n")
        for diagnostic in run.diagnostics { out.write("# " + TerminalText.neutralised(diagnostic.description) + "\n") }
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        out.write("# host " + TerminalText.neutralised(results.host.name) + " (\(results.host.platform.rawValue)): "
                  + TerminalText.neutralised(ResultText.sources(results.host)) + "\n")
        for result in results.results {
            count += 1
            let description = TAP.escaped("\(ResultText.ruleID(result)) on \(result.host)" + (result.title.map { ": \($0)" } ?? ""))
            switch result.outcome {
            case .pass:
                out.write("ok \(count) - \(description)\n")
            case .skip, .waived:
                let reason = ResultText.waiverLine(result) ?? (result.message.isEmpty ? "skipped" : result.message)
                out.write("ok \(count) - \(description) # SKIP \(TAP.escaped(reason))\n")
            case .fail, .unknown, .error:
                out.write("not ok \(count) - \(description)\n")
                out.write(TAP.yamlBlock(result))
            }
        }
        for diagnostic in results.diagnostics {
            out.write("# " + TerminalText.neutralised(diagnostic.description) + "\n")
        }
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        for diagnostic in summary.diagnostics { out.write("# " + TerminalText.neutralised(diagnostic.description) + "\n") }
        out.write("# " + ResultText.summaryLine(summary) + "\n")
        out.write(count == 0 ? "1..0 # SKIP no rule was evaluated\n" : "1..\(count)\n")
    }
}

/// The pure text mappings of the TAP reporter.
enum TAP {
    /// Neutralised, with `\` and `#` escaped so that nothing reads as a directive.
    static func escaped(_ text: String) -> String {
        TerminalText.neutralised(text).replacing("\\", with: "\\\\").replacing("#", with: "\\#")
    }

    /// A YAML string: a JSON string literal (every control character escaped).
    static func yamlString(_ text: String) -> String {
        var writer = JSONWriter()
        writer.string(text)
        return writer.takeString()
    }

    /// The `  ---` … `  ...` diagnostics block of a failing test point.
    static func yamlBlock(_ result: RuleResult) -> String {
        var lines = ["  ---"]
        lines.append("  outcome: \(result.outcome.rawValue)")
        lines.append("  severity: \(result.severity.rawValue)")
        lines.append("  message: " + yamlString(result.message))
        if !result.evidence.isEmpty {
            lines.append("  evidence:")
            for evidence in result.evidence { lines.append("    - " + yamlString(ResultText.evidenceLine(evidence))) }
        }
        if result.evidenceTotal > result.evidence.count {
            lines.append("  evidence_total: \(result.evidenceTotal)")
        }
        if let remediation = result.remediation { lines.append("  remediation: " + yamlString(remediation)) }
        if !result.compliance.isEmpty { lines.append("  compliance: " + yamlString(ComplianceText.summary(result.compliance))) }
        lines.append("  ...")
        return lines.joined(separator: "\n") + "\n"
    }
}
