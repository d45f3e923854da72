import HostCheckCore

/// The report for a person at a terminal (`--format text`, the default).
///
/// Per host: a header (name, platform, sources) and the coverage line, then results grouped by outcome — fail,
/// error, unknown, waived — each with its evidence lines, then a count of passes and skips
/// (listed one by one with ``ReporterOptions/verbose``), then the host's diagnostics. At the end
/// the run's diagnostics and one summary line. Every piece of captured or pack text goes
/// through ``TerminalText/neutralised(_:)``; ANSI colour only with ``ReporterOptions/color``.
package struct TextReporter: BuiltinReporter {
    package static let id = "text"
    package static let summary = "human-readable report grouped by outcome, with evidence (default)"
    package static let honouredOptions: [ReporterOption] = [.color, .verbose]

    /// How many host diagnostics are listed before `… and N more`.
    package static let diagnosticsShown = 5

    package let options: ReporterOptions
    private let style: TerminalStyle

    package init(options: ReporterOptions = ReporterOptions()) {
        self.options = options
        self.style = TerminalStyle(enabled: options.color)
    }

    private func clean(_ text: String) -> String { TerminalText.neutralised(text) }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        for diagnostic in run.diagnostics {
            out.write(clean(diagnostic.description) + "\n")
        }
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        let host = results.host
        out.write(style.bold(clean(host.name)) + " (\(host.platform.rawValue)): " + clean(ResultText.sources(host)) + "\n")
        out.write("  " + style.dim(clean(ResultText.coverage(host))) + "\n")
        var grouped: [Outcome: [RuleResult]] = [:]
        for result in results.results { grouped[result.outcome, default: []].append(result) }
        for outcome in [Outcome.fail, .error, .unknown, .waived] {
            for result in ResultText.sorted(grouped[outcome] ?? []) {
                writeResult(result, to: &out)
            }
        }
        let passes = grouped[.pass] ?? []
        let skips = grouped[.skip] ?? []
        if options.verbose {
            for result in ResultText.sorted(passes) + ResultText.sorted(skips) {
                writeResult(result, to: &out)
            }
        }
        if results.results.isEmpty {
            out.write("  no rule applied\n")
        } else if !passes.isEmpty || !skips.isEmpty {
            out.write("  " + style.outcome(.pass, "\(passes.count) pass") + ", " + style.outcome(.skip, "\(skips.count) skip") + "\n")
        }
        writeDiagnostics(results.diagnostics, to: &out)
        out.write("\n")
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        for diagnostic in summary.diagnostics {
            out.write(clean(diagnostic.description) + "\n")
        }
        let worst = ResultText.reportOrder.first { summary.counts[$0] > 0 && $0 != .pass && $0 != .skip }
        let line = ResultText.summaryLine(summary)
        out.write((worst.map { style.outcome($0, line) } ?? style.bold(line)) + "\n")
    }

    private func writeResult(_ result: RuleResult, to out: inout some TextOutputStream) {
        let tag = result.outcome.rawValue.uppercased().padding(7)
        let severity = result.severity.rawValue.padding(8)
        var head = "  " + style.outcome(result.outcome, tag) + " " + severity + " " + clean(ResultText.ruleID(result))
        if let title = result.title { head += "  " + clean(title) }
        out.write(head + "\n")
        let indent = String(repeating: " ", count: 19)
        if !result.message.isEmpty { out.write(indent + clean(result.message) + "\n") }
        if let waiver = ResultText.waiverLine(result) { out.write(indent + clean(waiver) + "\n") }
        for evidence in result.evidence {
            out.write("    " + clean(ResultText.evidenceLine(evidence)) + "\n")
        }
        let hidden = result.evidenceTotal - result.evidence.count
        if hidden > 0 { out.write("    … and \(hidden) more\n") }
        if let remediation = result.remediation, result.outcome == .fail || result.outcome == .unknown {
            out.write(indent + style.dim("fix: " + clean(remediation)) + "\n")
        }
        if !result.compliance.isEmpty, result.outcome != .pass {
            out.write(indent + style.dim("compliance: " + clean(ComplianceText.summary(result.compliance))) + "\n")
        }
    }

    private func writeDiagnostics(_ diagnostics: [Diagnostic], to out: inout some TextOutputStream) {
        guard !diagnostics.isEmpty else { return }
        out.write("  " + ResultText.count(diagnostics.count, "diagnostic") + ":\n")
        for diagnostic in diagnostics.prefix(Self.diagnosticsShown) {
            out.write("    " + clean(diagnostic.description) + "\n")
        }
        if diagnostics.count > Self.diagnosticsShown {
            out.write("    … and \(diagnostics.count - Self.diagnosticsShown) more\n")
        }
    }
}

extension String {
    /// The string padded with spaces to at least `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
