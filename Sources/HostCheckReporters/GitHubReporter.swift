import HostCheckCore

/// GitHub Actions workflow commands, shown as annotations on the run and the pull request:
/// `--format github`.
///
/// GitHub shows 10 annotations of each kind per step, so at most
/// ``ReporterOptions/maxAnnotations`` `::error` and `::warning` lines are written per run
/// (docs/reports.md, "github"). When the findings fit, each is one annotation: `::error` for a
/// fail, `::warning` for an unknown or error, at its first evidence location (`file=`, `line=`,
/// `col=`), titled `PACK/RULE on HOST`; host and run diagnostics of severity error or warning
/// too. When they do not, they are aggregated per rule (`PACK/RULE failed on N hosts: a, b, c, …`,
/// most urgent first) and diagnostics into one line; a last line counts the rules beyond the
/// cap. A `::notice` carries the summary and says how the findings were shown. Memory is one
/// row per rule plus the cap's worth of annotations.
///
/// Data and properties are escaped the way the Actions toolkit does (`%`, CR, LF; and `:` `,`
/// in properties) after control characters are neutralised, so captured text can neither start
/// a new command nor colour the log.
package struct GitHubReporter: BuiltinReporter {
    package static let id = "github"
    package static let summary = "GitHub Actions annotations, at most --max-annotations per run, aggregated per rule beyond"
    /// Failing hosts come first, so hosts are written only when the run ends.
    package static let writesAtEnd = true

    private struct Annotation: Sendable {
        var urgency: Int
        var order: Int
        var line: String
    }

    package let options: ReporterOptions
    private var kept: [Annotation] = []
    private var findings = 0
    private var totals = RuleTotals()
    private var diagnostics = 0
    private var firstDiagnostic: Diagnostic?

    package init(options: ReporterOptions) {
        self.options = options
    }

    private var cap: Int { max(1, options.maxAnnotations) }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        totals = RuleTotals(rules: run.rules)
        for diagnostic in run.diagnostics { addDiagnostic(diagnostic) }
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        totals.add(results)
        for result in results.results {
            let command: String
            let base: Int
            switch result.outcome {
            case .fail: (command, base) = ("error", 0)
            case .error: (command, base) = ("warning", 10)
            case .unknown: (command, base) = ("warning", 20)
            case .pass, .skip, .waived: continue
            }
            let title = "\(ResultText.ruleID(result)) on \(result.host)"
            let prefix = result.outcome == .fail ? "" : "\(result.outcome.rawValue): "
            let located = result.evidence.filter { $0.source != nil }
            var message = prefix + result.message
            if let first = located.first {
                message += " — " + ResultText.evidenceLine(first)
                if located.count > 1 { message += " (and \(located.count - 1) more)" }
            }
            keep(urgency: base + (Severity.critical.rank - result.severity.rank),
                 line: GitHubCommand.line(command, location: located.first?.source, title: title, message: message))
        }
        for diagnostic in results.diagnostics where diagnostic.severity == .error {
            addDiagnostic(diagnostic)
        }
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        for diagnostic in summary.diagnostics { addDiagnostic(diagnostic) }
        let shown: String
        if findings <= cap {
            for annotation in kept.sorted(by: Self.moreUrgent) { out.write(annotation.line) }
            shown = "\(ResultText.count(findings, "annotation"))"
        } else {
            let written = writeAggregated(to: &out)
            shown = "\(findings) findings as \(ResultText.count(written, "annotation")), one per rule "
                + "(--max-annotations \(cap)); every finding is in the markdown, text, HTML and JSON reports"
        }
        out.write(GitHubCommand.line("notice", location: nil, title: "hostcheck",
                                     message: ResultText.summaryLine(summary) + "; " + shown))
        kept = []
    }

    /// One annotation per rule that needs attention, one for diagnostics, and a last one for
    /// what is beyond the cap; returns how many were written.
    private func writeAggregated(to out: inout some TextOutputStream) -> Int {
        var lines: [String] = []
        for row in totals.attention {
            let command = row.hosts.fail > 0 ? "error" : "warning"
            let counts = PackText.hostCounts(row.hosts, all: false)
            var message = "\(row.id): \(counts) (hosts)"
            if !row.firstHosts.isEmpty {
                message += "; \(row.worst.rawValue) on " + row.firstHosts.joined(separator: ", ")
                if row.hosts[row.worst] > row.firstHosts.count { message += ", …" }
            }
            lines.append(GitHubCommand.line(command, location: nil, title: "\(row.id) on \(ResultText.count(row.hosts.fail + row.hosts.error + row.hosts.unknown, "host"))", message: message))
        }
        if diagnostics > 0, let first = firstDiagnostic {
            let command = first.severity == .error ? "error" : "warning"
            lines.append(GitHubCommand.line(command, location: first.location, title: "hostcheck",
                                            message: "\(ResultText.count(diagnostics, "diagnostic")), the first: \(first.message)"))
        }
        guard lines.count > cap else {
            for line in lines { out.write(line) }
            return lines.count
        }
        for line in lines.prefix(cap - 1) { out.write(line) }
        let left = lines.count - (cap - 1)
        out.write(GitHubCommand.line("warning", location: nil, title: "hostcheck",
                                     message: "\(left) more rules or diagnostics need attention and are not annotated (--max-annotations \(cap)); every finding is in the markdown, text, HTML and JSON reports"))
        return cap
    }

    private mutating func addDiagnostic(_ diagnostic: Diagnostic) {
        let command = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
        diagnostics += 1
        if firstDiagnostic == nil || (diagnostic.severity == .error && firstDiagnostic?.severity != .error) { firstDiagnostic = diagnostic }
        keep(urgency: diagnostic.severity == .error ? 5 : 30,
             line: GitHubCommand.line(command, location: diagnostic.location, title: "hostcheck", message: diagnostic.message))
    }

    private static func moreUrgent(_ lhs: Annotation, _ rhs: Annotation) -> Bool {
        lhs.urgency != rhs.urgency ? lhs.urgency < rhs.urgency : lhs.order < rhs.order
    }

    /// Keeps the annotation while the findings still fit the cap.
    private mutating func keep(urgency: Int, line: String) {
        findings += 1
        if findings <= cap {
            kept.append(Annotation(urgency: urgency, order: findings, line: line))
        } else {
            kept = []
        }
    }
}

/// Formatting of one workflow command line.
enum GitHubCommand {
    /// `::error file=F,line=L,col=C,title=T::message\n`.
    static func line(_ command: String, location: SourceLocation?, title: String, message: String) -> String {
        var properties: [String] = []
        if let location {
            properties.append("file=" + property(location.file))
            if let line = location.line { properties.append("line=\(line)") }
            if let column = location.column { properties.append("col=\(column)") }
        }
        properties.append("title=" + property(title))
        return "::\(command) \(properties.joined(separator: ","))::\(data(message))\n"
    }

    /// Escapes command data: `%`, CR and LF (after neutralising every control character).
    static func data(_ text: String) -> String {
        TerminalText.neutralised(text).replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    /// Escapes a property value: as data, plus `:` and `,`.
    static func property(_ text: String) -> String {
        data(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
