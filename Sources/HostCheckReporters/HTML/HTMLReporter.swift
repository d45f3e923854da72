import HostCheckCore

/// One self-contained HTML page: run summary, a hosts × rules matrix for multi-host runs, and a
/// section per host whose results expand to show their message, evidence and waiver.
///
/// The page loads nothing (inline CSS, a few lines of inline script, a Content-Security-Policy
/// that forbids every fetch) and adapts from a phone to a wall screen. Host sections are written
/// as hosts arrive; the summary and matrix are written last and placed first with CSS `order`,
/// so memory holds only one byte per (host, rule) for the matrix. Passes and skips are folded
/// into one line each (message only) unless `verbose`, which keeps fleet reports small. All
/// input text is escaped by ``Markup``.
package struct HTMLReporter: BuiltinReporter {
    package static let id = "html"
    package static let summary = "self-contained HTML page: summary, hosts × rules matrix, evidence on click"
    package static let honouredOptions: [ReporterOption] = [.verbose]

    private let options: ReporterOptions
    private var matrix = HTMLReportMatrix()
    private var hostIndex = 0

    package init(options: ReporterOptions) {
        self.options = options
    }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        let h = Markup.escape
        matrix.addColumns(for: run.rules)
        out.write("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(HTMLReportStyle.contentSecurityPolicy)">
            <meta name="generator" content="\(h(run.generator.name)) \(h(run.generator.version))">
            <title>hostcheck report \(h(run.startedAt))</title>
            <style>\(HTMLReportStyle.css)</style>
            </head>
            <body>
            <header class="top">
            <h1>hostcheck report</h1>
            <p class="run">\(h(run.generator.name)) \(h(run.generator.version)) · started <time>\(h(run.startedAt))</time></p>

            """)
        if !run.packs.isEmpty {
            out.write("<p class=\"packs\">Packs: ")
            for (index, pack) in run.packs.enumerated() {
                if index > 0 { out.write(", ") }
                let tip = "\(pack.file) sha256 \(pack.sha256)"
                out.write("<span class=\"pack-id\" title=\"\(h(tip))\">\(h(pack.id)) \(h(pack.version))</span>")
            }
            out.write("</p>\n")
        }
        if let waivers = run.waiversSHA256 {
            out.write("<p class=\"packs\">Waivers sha256 <code>\(h(waivers))</code></p>\n")
        }
        out.write("<nav class=\"jump\"><a href=\"#summary\">Summary</a> <a href=\"#hosts\">Hosts</a></nav>\n</header>\n<main class=\"report\">\n")
        if !run.diagnostics.isEmpty {
            out.write("<section class=\"diagnostics\" aria-label=\"Run diagnostics\"><h2>Run diagnostics</h2>\n")
            Self.renderDiagnostics(run.diagnostics, to: &out)
            out.write("</section>\n")
        }
        out.write("<h2 class=\"hosts-title\" id=\"hosts\">Hosts</h2>\n")
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        let h = Markup.escape
        let row = hostIndex
        hostIndex += 1
        var counts = OutcomeCounts()
        var cells: [(column: Int, outcome: Outcome)] = []
        var anchors: [String?] = []
        var usedColumns = Set<Int>()
        cells.reserveCapacity(results.results.count)
        for result in results.results {
            counts.add(result.outcome)
            let column = matrix.column(pack: result.pack, rule: result.rule, title: result.title)
            cells.append((column, result.outcome))
            anchors.append(usedColumns.insert(column).inserted ? "r\(row)-\(column)" : nil)
        }
        matrix.addRow(host: results.host.name, outcomes: cells)

        out.write("<section class=\"host\" id=\"h\(row)\" aria-labelledby=\"h\(row)-t\">\n")
        out.write("<h3 id=\"h\(row)-t\"><span class=\"hostname\">\(h(results.host.name))</span>")
        for outcome in HTMLReportLabels.urgency where counts[outcome] > 0 {
            out.write(" <span class=\"badge \(HTMLReportLabels.cssClass(outcome))\">\(counts[outcome]) \(HTMLReportLabels.word(outcome))</span>")
        }
        out.write("</h3>\n")
        Self.renderHostMeta(results.host, to: &out)
        if !results.diagnostics.isEmpty { Self.renderDiagnostics(results.diagnostics, to: &out) }

        let order = results.results.indices.sorted {
            let left = HTMLReportLabels.rank(results.results[$0].outcome)
            let right = HTMLReportLabels.rank(results.results[$1].outcome)
            return left != right ? left < right : $0 < $1
        }
        let quiet: Set<Outcome> = options.verbose ? [] : [.pass, .skip]
        let shown = order.filter { !quiet.contains(results.results[$0].outcome) }
        let folded = order.filter { quiet.contains(results.results[$0].outcome) }
        if results.results.isEmpty { out.write("<p class=\"muted\">No rule applied to this host.</p>\n") }
        for index in shown { HTMLReportResult.render(results.results[index], anchor: anchors[index], to: &out) }
        if !folded.isEmpty {
            let label = [Outcome.pass, .skip].filter { counts[$0] > 0 }
                .map { "\(counts[$0]) \(HTMLReportLabels.word($0))" }.joined(separator: ", ")
            out.write("<details class=\"folded\"><summary>\(label)</summary>\n<ul class=\"compact\">\n")
            for index in folded { HTMLReportResult.renderCompact(results.results[index], anchor: anchors[index], to: &out) }
            out.write("</ul>\n</details>\n")
        }
        out.write("</section>\n")
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        Self.renderSummary(summary, to: &out)
        if hostIndex > 1 { matrix.render(to: &out) }
        if !summary.diagnostics.isEmpty {
            out.write("<section class=\"diagnostics\" aria-label=\"Diagnostics\"><h2>Diagnostics</h2>\n")
            Self.renderDiagnostics(summary.diagnostics, to: &out)
            out.write("</section>\n")
        }
        out.write("</main>\n<script>\(HTMLReportStyle.script)</script>\n</body>\n</html>\n")
    }

    private static func renderSummary(_ summary: Summary, to out: inout some TextOutputStream) {
        let counts = summary.counts
        let verdict: (word: String, css: String) =
            counts.fail > 0 ? ("FAIL", "o-fail")
            : counts.error > 0 ? ("ERROR", "o-error")
            : counts.unknown > 0 ? ("UNKNOWN", "o-unknown")
            : ("PASS", "o-pass")
        out.write("<section class=\"summary\" id=\"summary\" aria-labelledby=\"summary-title\">\n")
        out.write("<h2 id=\"summary-title\">Summary</h2>\n")
        out.write("<p class=\"verdict \(verdict.css)\"><span class=\"verdict-word\">\(verdict.word)</span> ")
        out.write("<span>\(counts.total) result\(counts.total == 1 ? "" : "s") · \(summary.hosts) host\(summary.hosts == 1 ? "" : "s") · \(summary.rules) rule\(summary.rules == 1 ? "" : "s") · \(durationText(summary.durationSeconds))</span></p>\n")
        out.write("<ul class=\"cards\">\n")
        for outcome in HTMLReportLabels.urgency {
            let zero = counts[outcome] == 0 ? " zero" : ""
            out.write("<li class=\"card \(HTMLReportLabels.cssClass(outcome))\(zero)\"><span class=\"n\">\(counts[outcome])</span><span class=\"w\">\(HTMLReportLabels.word(outcome))</span></li>\n")
        }
        out.write("</ul>\n</section>\n")
    }

    static func durationText(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "duration unknown" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        return "\((seconds * 100).rounded() / 100) s"
    }

    private static func renderHostMeta(_ host: HostInfo, to out: inout some TextOutputStream) {
        let h = Markup.escape
        var parts = [host.platform.rawValue]
        if let captured = host.capturedAt { parts.append("captured \(captured)") }
        if !host.sources.isEmpty {
            let files = host.sources.map { source in
                source.file + " (" + ([source.format] + (source.encoding.map { [$0] } ?? [])).joined(separator: ", ") + ")"
            }
            parts.append("sources: " + files.joined(separator: "; "))
        }
        if !host.labels.isEmpty {
            parts.append("labels: " + host.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        }
        out.write("<p class=\"meta\">\(parts.map(h).joined(separator: " · "))</p>\n")
        out.write("<p class=\"meta coverage\">\(h(ResultText.coverage(host)))</p>\n")
    }

    private static func renderDiagnostics(_ diagnostics: [Diagnostic], to out: inout some TextOutputStream) {
        let h = Markup.escape
        out.write("<ul class=\"diags\">\n")
        for diagnostic in diagnostics {
            out.write("<li class=\"d-\(diagnostic.severity.rawValue)\"><code>\(h(diagnostic.description))</code></li>\n")
        }
        out.write("</ul>\n")
    }
}
