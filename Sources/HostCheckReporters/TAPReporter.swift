import HostCheckCore

/// TAP version 13 for TAP consumers (`prove`, tappy, tap-junit, …): `--format tap`.
///
/// Version 13, not 14: nothing here needs 14, and Perl's TAP::Harness 3.44 (Debian 12's `prove`)
/// refuses 14 as a parse error. One test point per (host, rule): `ok` for pass, `not ok`
/// for fail, unknown and error (with a YAML diagnostics block: outcome, severity, message,
/// evidence, remediation), `ok … # SKIP reason` for skip and waived. The plan `1..N` comes last
/// (TAP allows a trailing plan), so the report streams. Each pack loaded is a `# pack` comment
/// before the first test point; host diagnostics are `#` comments. Descriptions and directives
/// are neutralised (no newline can forge a test line) and every `#` in them becomes the visible
/// `\u{23}`: TAP 13 defines no escape for it, and tappy reads even `\#` as the start of a
/// directive (a title with `\# TODO` would turn a failure into a TODO). YAML strings are
/// double-quoted JSON-style strings, which are valid YAML.
package struct TAPReporter: BuiltinReporter {
    package static let id = "tap"
    package static let summary = "TAP version 13: a test point per host and rule, YAML diagnostics (prove, tappy)"

    package let options: ReporterOptions
    private var count = 0

    package init(options: ReporterOptions) {
        self.options = options
    }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        out.write("TAP version 13\n")
        for pack in run.packs { out.write("# " + TAP.packLine(pack) + "\n") }
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
    /// Neutralised, with every `#` as the visible `\u{23}`, so that nothing reads as a directive.
    static func escaped(_ text: String) -> String {
        TerminalText.neutralised(text).replacing("#", with: "\\u{23}")
    }

    /// `pack magaya-network 1.0.0 rules/magaya-network.yaml sha256:ab…` (``PackProvenance/line(_:)``),
    /// neutralised for a comment line.
    static func packLine(_ pack: PackInfo) -> String {
        TerminalText.neutralised("pack " + PackProvenance.line(pack))
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
