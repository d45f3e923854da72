import HostCheckCore

/// One self-contained HTML page, failing hosts first (docs/reports.md, "html"): the verdict and
/// the hosts that fail, have an error or an unknown, the packs loaded, the outcome counts, the
/// rules that need attention by number of hosts (an inline SVG bar chart and a table), a hosts ×
/// rules matrix of the hosts that need attention, a section per such host whose results expand
/// to show their message, evidence and waiver, and the passing hosts collapsed into one table.
///
/// The page loads nothing. Its order and content are the document's own, and disclosure is
/// `<details>`, so it reads the same when a server's Content-Security-Policy blocks its inline
/// style and script (Jenkins: `sandbox; default-src 'none'; style-src 'self'`); the chart uses
/// SVG presentation attributes and tables carry `border`. The stylesheet only styles, and the
/// script only enhances (a host filter, sortable rule totals, opening a linked result).
/// Host sections wait in a ``HostSpool`` and everything is written at the end, so memory holds
/// a spool index entry per host and one byte per (host needing attention, rule) for the matrix.
/// Passes and skips are folded into one line each unless `verbose`. All input text is escaped
/// by ``Markup``.
package struct HTMLReporter: BuiltinReporter {
    package static let id = "html"
    package static let summary = "self-contained HTML page: failing hosts first, per-rule chart, hosts × rules matrix, evidence on click"
    /// Failing hosts come first, so hosts are written only when the run ends.
    package static let writesAtEnd = true
    package static let honouredOptions: [ReporterOption] = [.verbose]

    /// How many hosts of each group the top of the page names and links.
    package static let namedHosts = 50
    /// How many hosts needing attention get a full section; the rest get a row naming their
    /// rules that did not pass (as many as the matrix has rows, so every cell has its result).
    package static let sectionLimit = HTMLReportMatrix.rowLimit

    private let options: ReporterOptions
    private var run: RunInfo?
    private var matrix = HTMLReportMatrix()
    private var totals = RuleTotals()
    private var spool: HostSpool
    /// The one-row form of each host needing attention, for those beyond ``sectionLimit``.
    private var attentionRows: HostSpool
    private var hostIndex = 0
    /// The coverage line of the last passing host's row: a fleet's rows mostly repeat it.
    private var lastPassingCoverage: String?

    package init(options: ReporterOptions) {
        self.init(options: options, spool: HostSpool())
    }

    /// A reporter whose host sections go to `spool` (tests give a tiny memory limit).
    package init(options: ReporterOptions, spool: HostSpool) {
        self.options = options
        self.spool = spool
        self.attentionRows = HostSpool(memoryLimit: spool.memoryLimit)
    }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        self.run = run
        matrix.addColumns(for: run.rules)
        totals = RuleTotals(rules: run.rules)
    }

    /// Whether a host with these counts is listed in the passing hosts' table only.
    private func collapsed(_ counts: OutcomeCounts) -> Bool {
        !options.verbose && counts.fail + counts.error + counts.unknown + counts.waived == 0
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        let row = hostIndex
        hostIndex += 1
        totals.add(results)
        var counts = OutcomeCounts()
        for result in results.results { counts.add(result.outcome) }
        var section = ""
        if collapsed(counts) {
            let coverage = results.host.coverage.line
            Self.renderPassingRow(results.host, counts: counts, row: row, sameCoverage: coverage == lastPassingCoverage, to: &section)
            lastPassingCoverage = coverage
        } else {
            var cells: [(column: Int, outcome: Outcome)] = []
            var anchors: [String?] = []
            var usedColumns = Set<Int>()
            cells.reserveCapacity(results.results.count)
            for result in results.results {
                let column = matrix.column(pack: result.pack, rule: result.rule, title: result.title)
                cells.append((column, result.outcome))
                anchors.append(usedColumns.insert(column).inserted ? "r\(row)-\(column)" : nil)
            }
            matrix.addRow(host: results.host.name, order: row, rank: HostRank(counts), outcomes: cells)
            renderSection(results, counts: counts, row: row, anchors: anchors, to: &section)
            var line = ""
            Self.renderAttentionRow(results, counts: counts, row: row, to: &line)
            attentionRows.add(name: results.host.name, counts: counts, rendered: line)
        }
        spool.add(name: results.host.name, counts: counts, rendered: section)
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        let h = Markup.escape
        let ordered = spool.ordered()
        let attention = ordered.filter { !collapsed($0.counts) }
        let passing = ordered.filter { collapsed($0.counts) }
        let verdict = PackText.verdict(summary.counts)
        let failing = ordered.filter { $0.rank == .failing }.count
        let headline = "hostcheck: \(verdict.word) — \(failing) of \(ResultText.count(ordered.count, "host")) failing"
        let generator = run.map { "\($0.generator.name) \($0.generator.version)" } ?? "hostcheck"
        out.write("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(HTMLReportStyle.contentSecurityPolicy)">
            <meta name="generator" content="\(h(generator))">
            <title>\(h(headline))</title>
            <style>\(HTMLReportStyle.css)</style>
            </head>
            <body>
            <header class="top">
            <h1 class="\(HTMLReportLabels.cssClass(verdict.outcome))">\(h(headline))</h1>
            <p class="run">\(h(generator)) · started <time>\(h(run?.startedAt ?? ""))</time> · \(h(ResultText.summaryLine(summary)))</p>

            """)
        Self.renderHostGroups(ordered, to: &out)
        if let run { Self.renderPacks(run, to: &out) }
        out.write("<nav class=\"jump\"><a href=\"#summary\">Summary</a> <a href=\"#rules\">Rules</a>")
        if hostIndex > 1 { out.write(" <a href=\"#matrix\">Matrix</a>") }
        out.write(" <a href=\"#hosts\">Hosts</a>")
        if !passing.isEmpty { out.write(" <a href=\"#passing\">Passing hosts</a>") }
        out.write("</nav>\n</header>\n<main class=\"report\">\n")
        Self.renderSummary(summary, to: &out)
        if let run, !run.diagnostics.isEmpty {
            out.write("<section class=\"diagnostics\" aria-label=\"Run diagnostics\"><h2>Run diagnostics</h2>\n")
            Self.renderDiagnostics(run.diagnostics, to: &out)
            out.write("</section>\n")
        }
        HTMLRuleTotals.render(options.verbose ? totals.sorted : totals.attention, hosts: ordered.count, all: options.verbose, to: &out)
        if hostIndex > 1 { matrix.render(to: &out) }
        out.write("<section class=\"hosts\" id=\"hosts\" aria-labelledby=\"hosts-title\">\n")
        out.write("<h2 class=\"hosts-title\" id=\"hosts-title\">\(options.verbose ? "Hosts" : "Hosts needing attention"), failing first (\(attention.count))</h2>\n")
        if attention.isEmpty { out.write("<p>None: every result of every host passed or was skipped.</p>\n") }
        try spool.write(attention.prefix(Self.sectionLimit), to: &out)
        if attention.count > Self.sectionLimit {
            let rest = attentionRows.ordered().dropFirst(Self.sectionLimit)
            let failingRest = rest.filter { $0.rank == .failing }.count
            out.write("<h3 id=\"more-hosts\">\(rest.count) more host\(rest.count == 1 ? "" : "s") needing attention (\(failingRest) failing), one row each</h3>\n")
            out.write("<p class=\"more\">To keep the page usable, hosts past the first \(Self.sectionLimit) are listed with the rules that did not pass but without messages and evidence; the text and JSON reports (<code>--format text|json:PATH</code>) have them.</p>\n")
            out.write("<table class=\"attention-hosts\" border=\"1\"><thead><tr><th scope=\"col\">Host</th><th scope=\"col\">Platform</th>")
            for outcome in [Outcome.fail, .error, .unknown, .waived] { out.write("<th scope=\"col\" class=\"num\">\(outcome.rawValue)</th>") }
            out.write("<th scope=\"col\">Rules not passing</th></tr></thead>\n<tbody>\n")
            try attentionRows.write(rest, to: &out)
            out.write("</tbody></table>\n")
        }
        attentionRows.close()
        out.write("</section>\n")
        if !passing.isEmpty {
            out.write("<section class=\"passing\" id=\"passing\" aria-labelledby=\"passing-title\">\n")
            out.write("<h2 id=\"passing-title\">Passing hosts (\(passing.count))</h2>\n")
            out.write("<details class=\"folded\"><summary>\(ResultText.count(passing.count, "host")) where every result passed or was skipped: name, platform, counts, coverage</summary>\n")
            out.write("<table class=\"passing-hosts\" border=\"1\"><thead><tr><th scope=\"col\">Host</th><th scope=\"col\">Platform</th><th scope=\"col\" class=\"num\">pass</th><th scope=\"col\" class=\"num\">skip</th><th scope=\"col\">Coverage</th></tr></thead>\n<tbody>\n")
            try spool.write(passing, to: &out)
            out.write("</tbody></table>\n</details>\n</section>\n")
        }
        spool.close()
        if !summary.diagnostics.isEmpty {
            out.write("<section class=\"diagnostics\" aria-label=\"Diagnostics\"><h2>Diagnostics</h2>\n")
            Self.renderDiagnostics(summary.diagnostics, to: &out)
            out.write("</section>\n")
        }
        out.write("</main>\n<script>\(HTMLReportStyle.script)</script>\n</body>\n</html>\n")
    }

    /// `Failing (2): a, b` with links, for each group that has hosts; passing hosts counted.
    private static func renderHostGroups(_ ordered: [HostSpool.Entry], to out: inout some TextOutputStream) {
        let h = Markup.escape
        var counts: [HostRank: Int] = [:]
        for entry in ordered { counts[entry.rank, default: 0] += 1 }
        out.write("<ul class=\"groups\">\n")
        for rank in HostRank.allCases {
            let total = counts[rank] ?? 0
            guard total > 0 else { continue }
            let outcome: Outcome = rank == .failing ? .fail : rank == .error ? .error : rank == .unknown ? .unknown : .pass
            out.write("<li><span class=\"badge \(HTMLReportLabels.cssClass(outcome))\">\(rank.word) \(total)</span> ")
            if rank == .passing {
                out.write("— every result passed or was skipped (<a href=\"#passing\">listed below</a>)</li>\n")
                continue
            }
            let named = ordered.lazy.filter { $0.rank == rank }.prefix(namedHosts)
            out.write(named.map { "<a href=\"#h\($0.order)\">\(h($0.name))</a>" }.joined(separator: ", "))
            if total > namedHosts { out.write(", … and \(total - namedHosts) more (every one has its section under <a href=\"#hosts\">Hosts needing attention</a>)") }
            out.write("</li>\n")
        }
        out.write("</ul>\n")
    }

    private static func renderPacks(_ run: RunInfo, to out: inout some TextOutputStream) {
        let h = Markup.escape
        guard !run.packs.isEmpty else { return }
        out.write("<p class=\"packs\">Packs:</p>\n<ul class=\"packs\">\n")
        for pack in run.packs {
            out.write("<li><span class=\"pack-id\">\(h(pack.id)) \(h(pack.version))</span> · \(h(PackText.source(pack))) · sha256 <code>\(h(pack.sha256))</code></li>\n")
        }
        out.write("</ul>\n")
        if let waivers = run.waiversSHA256 {
            out.write("<p class=\"packs\">Waivers sha256 <code>\(h(waivers))</code></p>\n")
        }
    }

    /// The row of a host needing attention past ``sectionLimit``: counts and the rules that did not pass.
    private static func renderAttentionRow(_ results: HostResults, counts: OutcomeCounts, row: Int, to out: inout some TextOutputStream) {
        let h = Markup.escape
        out.write("<tr id=\"h\(row)\" data-host=\"\(h(results.host.name))\"><th scope=\"row\">\(h(results.host.name))</th><td>\(results.host.platform.rawValue)</td>")
        for outcome in [Outcome.fail, .error, .unknown, .waived] { out.write("<td class=\"num\">\(counts[outcome])</td>") }
        let notPassing = ResultText.reportOrder.prefix(4).flatMap { outcome in
            ResultText.sorted(results.results.filter { $0.outcome == outcome }).map { "\(HTMLReportLabels.short(outcome)) \(ResultText.ruleID($0))" }
        }
        out.write("<td>\(notPassing.map(h).joined(separator: ", "))</td></tr>\n")
    }

    /// A passing host's row; `sameCoverage` when its coverage line is the previous row's (said, not repeated).
    private static func renderPassingRow(_ host: HostInfo, counts: OutcomeCounts, row: Int, sameCoverage: Bool, to out: inout some TextOutputStream) {
        let h = Markup.escape
        out.write("<tr id=\"h\(row)\" data-host=\"\(h(host.name))\"><th scope=\"row\">\(h(host.name))</th><td>\(host.platform.rawValue)</td>")
        out.write("<td class=\"num\">\(counts.pass)</td><td class=\"num\">\(counts.skip)</td>")
        out.write(sameCoverage ? "<td>same as above</td></tr>\n" : "<td><code>\(h(host.coverage.line))</code></td></tr>\n")
    }

    private func renderSection(_ results: HostResults, counts: OutcomeCounts, row: Int, anchors: [String?], to out: inout some TextOutputStream) {
        let h = Markup.escape
        out.write("<section class=\"host\" id=\"h\(row)\" data-host=\"\(h(results.host.name))\" aria-labelledby=\"h\(row)-t\">\n")
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

    private static func renderSummary(_ summary: Summary, to out: inout some TextOutputStream) {
        let counts = summary.counts
        let verdict = PackText.verdict(counts)
        out.write("<section class=\"summary\" id=\"summary\" aria-labelledby=\"summary-title\">\n")
        out.write("<h2 id=\"summary-title\">Summary</h2>\n")
        out.write("<p class=\"verdict \(HTMLReportLabels.cssClass(verdict.outcome))\"><span class=\"verdict-word\">\(verdict.word)</span> ")
        out.write("<span>\(counts.total) result\(counts.total == 1 ? "" : "s") · \(summary.hosts) host\(summary.hosts == 1 ? "" : "s") · \(summary.rules) rule\(summary.rules == 1 ? "" : "s") · \(durationText(summary.durationSeconds))</span></p>\n")
        out.write("<ul class=\"cards\">\n")
        for outcome in HTMLReportLabels.urgency {
            let zero = counts[outcome] == 0 ? " zero" : ""
            out.write("<li class=\"card \(HTMLReportLabels.cssClass(outcome))\(zero)\"><span class=\"n\">\(counts[outcome])</span> <span class=\"w\">\(HTMLReportLabels.word(outcome))</span></li>\n")
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
