import HostCheckCore

/// One self-contained HTML page for a person (`--format html:report.html`): no script, no
/// network, no external asset (a Content-Security-Policy forbids them), light and dark schemes,
/// readable on a phone and a wall screen.
///
/// A summary of counts (shown first), then a hosts × rules matrix coloured by outcome, each cell
/// lettered (P F U E S W) and linked to the host's details; under each host's row, collapsible
/// details with every result needing attention, its evidence, waiver and remediation, the passes,
/// and the host's diagnostics. The page streams: the matrix columns come from the run's rules,
/// one row and its details per host, the summary last (CSS puts it on top). All text is escaped
/// after neutralising control characters.
public struct HTMLReporter: BuiltinReporter {
    public static let id = "html"
    public static let summary = "self-contained HTML page: summary, hosts × rules matrix, evidence"

    public let options: ReporterOptions
    private var columns: [String] = []
    private var columnIndex: [String: Int] = [:]
    private var hostNumber = 0

    public init(options: ReporterOptions) {
        self.options = options
    }

    private func esc(_ text: String) -> String { Markup.escape(text) }

    public mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        for rule in run.rules {
            let id = ResultText.ruleID(pack: rule.pack, rule: rule.id)
            if columnIndex[id] == nil {
                columnIndex[id] = columns.count
                columns.append(id)
            }
        }
        out.write("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>hostcheck report</title>
        <style>\(HTMLStyle.css)</style>
        </head><body><main>
        <header><h1>hostcheck report</h1>
        <p class="muted">\(esc(run.generator.name)) \(esc(run.generator.version)) · started \(esc(run.startedAt))\
        \(run.packs.isEmpty ? "" : " · packs: " + run.packs.map { esc("\($0.id) \($0.version)") }.joined(separator: ", "))</p>

        """)
        if !run.rules.isEmpty {
            out.write("<details><summary>\(ResultText.count(run.rules.count, "rule"))</summary><ol>")
            for rule in run.rules {
                out.write("<li><code>\(esc(ResultText.ruleID(pack: rule.pack, rule: rule.id)))</code> \(rule.severity.rawValue)")
                if let title = rule.title { out.write(" — " + esc(title)) }
                out.write("</li>")
            }
            out.write("</ol></details>\n")
        }
        writeDiagnostics(run.diagnostics, title: "run diagnostic", to: &out)
        out.write("</header>\n<section class=\"scroll\"><table>\n<thead><tr><th>host</th>")
        for (index, id) in columns.enumerated() {
            out.write("<th title=\"\(esc(id))\">\(index + 1)</th>")
        }
        out.write("<th class=\"rs\">results</th></tr></thead>\n")
    }

    public mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        hostNumber += 1
        let anchor = "h\(hostNumber)"
        var cells = [RuleResult?](repeating: nil, count: columns.count)
        var counts = OutcomeCounts()
        for result in results.results {
            counts.add(result.outcome)
            if let index = columnIndex[ResultText.ruleID(result)] { cells[index] = result }
        }
        out.write("<tbody><tr><th><a href=\"#\(anchor)\">\(esc(results.host.name))</a></th>")
        for (index, cell) in cells.enumerated() {
            guard let cell else {
                out.write("<td class=\"o o-none\" title=\"\(esc(columns[index])): not evaluated\"></td>")
                continue
            }
            out.write("<td class=\"o o-\(cell.outcome.rawValue)\" title=\"\(esc(columns[index])): \(cell.outcome.rawValue)\">")
            out.write("<a href=\"#\(anchor)\">\(HTML.letter(cell.outcome))</a></td>")
        }
        let summary = ResultText.reportOrder.filter { counts[$0] > 0 }.map { "\(counts[$0]) \($0.rawValue)" }.joined(separator: ", ")
        out.write("<td class=\"rs\">\(summary.isEmpty ? "no rule applied" : summary)</td></tr>\n")
        out.write("<tr class=\"detail\" id=\"\(anchor)\"><td colspan=\"\(columns.count + 2)\"><div class=\"d\">")
        out.write("<p class=\"muted\">\(results.host.platform.rawValue) · \(esc(ResultText.sources(results.host)))</p>\n")
        for outcome in ResultText.reportOrder.prefix(4) {
            for result in ResultText.sorted(results.results.filter { $0.outcome == outcome }) {
                writeResult(result, to: &out)
            }
        }
        let quiet = ResultText.sorted(results.results.filter { $0.outcome == .pass || $0.outcome == .skip })
        if !quiet.isEmpty {
            out.write("<details><summary>\(counts.pass) pass, \(counts.skip) skip</summary><ul>")
            for result in quiet {
                out.write("<li>\(HTML.tag(result.outcome)) <code>\(esc(ResultText.ruleID(result)))</code>")
                if let title = result.title { out.write(" " + esc(title)) }
                out.write("</li>")
            }
            out.write("</ul></details>\n")
        }
        writeDiagnostics(results.diagnostics, title: "diagnostic", to: &out)
        out.write("</div></td></tr></tbody>\n")
    }

    public mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        out.write("</table></section>\n<section class=\"summary\">")
        out.write("<div class=\"count\"><b>\(summary.hosts)</b>\(summary.hosts == 1 ? "host" : "hosts")</div>")
        out.write("<div class=\"count\"><b>\(summary.rules)</b>\(summary.rules == 1 ? "rule" : "rules")</div>")
        for outcome in ResultText.reportOrder {
            out.write("<div class=\"count\" style=\"border-left:.4rem solid var(--\(outcome.rawValue))\">")
            out.write("<b>\(summary.counts[outcome])</b>\(outcome.rawValue)</div>")
        }
        out.write("</section>\n")
        writeDiagnostics(summary.diagnostics, title: "run diagnostic", to: &out)
        let duration = summary.durationSeconds.isFinite ? summary.durationSeconds : 0
        out.write("<footer class=\"muted\">\(esc(ResultText.summaryLine(summary))) · \(duration) s</footer>\n")
        out.write("</main></body></html>\n")
    }

    private func writeResult(_ result: RuleResult, to out: inout some TextOutputStream) {
        out.write("<details><summary>\(HTML.tag(result.outcome)) \(result.severity.rawValue) ")
        out.write("<code>\(esc(ResultText.ruleID(result)))</code>")
        if let title = result.title { out.write(" " + esc(title)) }
        out.write(" — " + esc(result.message) + "</summary>\n")
        if let waiver = ResultText.waiverLine(result) { out.write("<p>\(esc(waiver))</p>") }
        if !result.evidence.isEmpty {
            out.write("<ul>")
            for evidence in result.evidence { out.write("<li><code>\(esc(ResultText.evidenceLine(evidence)))</code></li>") }
            let hidden = result.evidenceTotal - result.evidence.count
            if hidden > 0 { out.write("<li>… and \(hidden) more</li>") }
            out.write("</ul>")
        }
        if let remediation = result.remediation { out.write("<p>Fix: \(esc(remediation))</p>") }
        out.write("</details>\n")
    }

    private func writeDiagnostics(_ diagnostics: [Diagnostic], title: String, to out: inout some TextOutputStream) {
        guard !diagnostics.isEmpty else { return }
        out.write("<details><summary>\(ResultText.count(diagnostics.count, title))</summary><ul>")
        for diagnostic in diagnostics.prefix(200) { out.write("<li><code>\(esc(diagnostic.description))</code></li>") }
        if diagnostics.count > 200 { out.write("<li>… and \(diagnostics.count - 200) more</li>") }
        out.write("</ul></details>\n")
    }
}

/// The pure HTML pieces.
enum HTML {
    /// The letter of an outcome in the matrix (colour is never the only cue).
    static func letter(_ outcome: Outcome) -> String {
        switch outcome {
        case .pass: "P"
        case .fail: "F"
        case .unknown: "U"
        case .error: "E"
        case .skip: "S"
        case .waived: "W"
        }
    }

    /// A coloured outcome label.
    static func tag(_ outcome: Outcome) -> String {
        "<span class=\"tag o-\(outcome.rawValue)\">\(outcome.rawValue.uppercased())</span>"
    }
}
