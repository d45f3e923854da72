import HostCheckCore

/// GitHub-flavoured Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: `--format markdown`.
///
/// Per host: a heading, the sources, the coverage line, a table of the results that need attention (fail, error,
/// unknown, waived) with collapsible evidence, a count of passes and skips, and the host's
/// diagnostics folded away. At the end: a hosts × outcomes table with totals and the summary line.
/// Captured text goes into code spans (no Markdown, HTML or `@mention` inside), with control
/// characters neutralised and `|` escaped in tables.
///
/// To stay within what GitHub shows (a PR comment holds 65,536 characters, a step summary 1 MiB),
/// only the first ``detailedHostLimit`` hosts get a section and the summary table lists the first
/// ``tableHostLimit`` hosts; the rest are counted in the totals and named as omitted.
package struct MarkdownReporter: BuiltinReporter {
    package static let id = "markdown"
    package static let summary = "GitHub-flavoured Markdown for PR comments and the step summary"

    /// How many hosts get a section of their own.
    package static let detailedHostLimit = 20
    /// How many hosts the summary table lists.
    package static let tableHostLimit = 100

    package let options: ReporterOptions
    private var rows: [(name: String, counts: OutcomeCounts)] = []
    private var hostsSeen = 0

    package init(options: ReporterOptions) {
        self.options = options
    }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        out.write("# hostcheck results\n\n")
        if !run.diagnostics.isEmpty {
            for diagnostic in run.diagnostics { out.write("- " + MD.code(diagnostic.description) + "\n") }
            out.write("\n")
        }
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        var counts = OutcomeCounts()
        for result in results.results { counts.add(result.outcome) }
        hostsSeen += 1
        if rows.count < Self.tableHostLimit { rows.append((results.host.name, counts)) }
        guard hostsSeen <= Self.detailedHostLimit else { return }
        out.write("## \(MD.icon(worst: counts)) " + MD.code(results.host.name) + " (\(results.host.platform.rawValue))\n\n")
        out.write("Sources: " + (results.host.sources.isEmpty ? "none" : results.host.sources.map { MD.code(ResultText.sourceText($0)) }.joined(separator: ", ")) + "\n\n")
        out.write("Coverage: " + MD.code(results.host.coverage.line) + "\n\n")
        let attention = ResultText.reportOrder.prefix(4).flatMap { outcome in
            ResultText.sorted(results.results.filter { $0.outcome == outcome })
        }
        if !attention.isEmpty {
            out.write("| outcome | severity | rule | message |\n|---|---|---|---|\n")
            for result in attention {
                out.write("| \(MD.icon(result.outcome)) \(result.outcome.rawValue) | \(result.severity.rawValue) | "
                          + MD.code(ResultText.ruleID(result), inTable: true) + " | "
                          + MD.code(result.message, inTable: true) + " |\n")
            }
            out.write("\n")
            for result in attention { writeDetails(result, to: &out) }
        }
        out.write("\(MD.icon(.pass)) \(counts.pass) pass, \(MD.icon(.skip)) \(counts.skip) skip\n\n")
        if !results.diagnostics.isEmpty {
            out.write("<details><summary>\(ResultText.count(results.diagnostics.count, "diagnostic"))</summary>\n\n")
            for diagnostic in results.diagnostics.prefix(50) { out.write("- " + MD.code(diagnostic.description) + "\n") }
            if results.diagnostics.count > 50 { out.write("- … and \(results.diagnostics.count - 50) more\n") }
            out.write("\n</details>\n\n")
        }
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        out.write("## Summary\n\n| host | " + Outcome.allCases.map(\.rawValue).joined(separator: " | ") + " |\n")
        out.write("|---|" + String(repeating: "---:|", count: Outcome.allCases.count) + "\n")
        for row in rows {
            out.write("| " + MD.code(row.name, inTable: true) + " | "
                      + Outcome.allCases.map { String(row.counts[$0]) }.joined(separator: " | ") + " |\n")
        }
        if hostsSeen > rows.count { out.write("| … \(hostsSeen - rows.count) more | " + Outcome.allCases.map { _ in "" }.joined(separator: " | ") + " |\n") }
        out.write("| **total** | " + Outcome.allCases.map { "**\(summary.counts[$0])**" }.joined(separator: " | ") + " |\n\n")
        if hostsSeen > Self.detailedHostLimit {
            out.write("Details of \(ResultText.count(hostsSeen - Self.detailedHostLimit, "more host")) are left out here; "
                      + "the JSON and HTML reports have every host.\n\n")
        }
        for diagnostic in summary.diagnostics { out.write("- " + MD.code(diagnostic.description) + "\n") }
        out.write("\(MD.icon(worst: summary.counts)) " + ResultText.summaryLine(summary) + "\n")
        rows = []
        hostsSeen = 0
    }

    private func writeDetails(_ result: RuleResult, to out: inout some TextOutputStream) {
        let hidden = result.evidenceTotal - result.evidence.count
        guard !result.evidence.isEmpty || result.waiver != nil || result.remediation != nil else { return }
        out.write("<details><summary>\(result.outcome.rawValue): \(Markup.escape(ResultText.ruleID(result)))")
        if let title = result.title { out.write(" — \(Markup.escape(title))") }
        out.write("</summary>\n\n")
        if let waiver = ResultText.waiverLine(result) { out.write(MD.code(waiver) + "\n\n") }
        for evidence in result.evidence { out.write("- " + MD.code(ResultText.evidenceLine(evidence)) + "\n") }
        if hidden > 0 { out.write("- … and \(hidden) more\n") }
        if let remediation = result.remediation { out.write("\nFix: " + MD.code(remediation) + "\n") }
        if !result.compliance.isEmpty { out.write("\nCompliance: " + MD.code(ComplianceText.summary(result.compliance)) + "\n") }
        out.write("\n</details>\n\n")
    }
}

/// The pure Markdown helpers.
enum MD {
    /// A code span holding `text` verbatim: control characters neutralised, a fence longer than
    /// any backtick run inside, `|` escaped when in a table cell.
    static func code(_ text: String, inTable: Bool = false) -> String {
        var clean = TerminalText.neutralised(text)
        if clean.isEmpty { return "" }
        if inTable { clean = clean.replacing("|", with: "\\|") }
        var longest = 0
        var run = 0
        for character in clean {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = clean.hasPrefix("`") || clean.hasSuffix("`") || clean.hasPrefix(" ") || clean.hasSuffix(" ") ? " " : ""
        return fence + pad + clean + pad + fence
    }

    /// A status mark for an outcome.
    static func icon(_ outcome: Outcome) -> String {
        switch outcome {
        case .pass: "✅"
        case .fail: "❌"
        case .unknown: "❔"
        case .error: "⚠️"
        case .skip: "⏭️"
        case .waived: "💤"
        }
    }

    /// The mark of the worst outcome counted (fail, error, unknown, waived), else pass.
    static func icon(worst counts: OutcomeCounts) -> String {
        icon(ResultText.reportOrder.prefix(4).first { counts[$0] > 0 } ?? .pass)
    }
}
