import HostCheckCore

/// The per-rule totals of the HTML report: a bar chart drawn as inline SVG with presentation
/// attributes only (no CSS, no script, so it draws under a Content-Security-Policy that blocks
/// both) and a table with the number of hosts per outcome and the first hosts named.
enum HTMLRuleTotals {
    /// The most rules drawn in the chart; the table has them all.
    static let chartLimit = 25

    /// The colour of each outcome in the chart (the stylesheet's colours).
    static func colour(_ outcome: Outcome) -> String {
        switch outcome {
        case .fail: "#c62828"
        case .error: "#7b1fa2"
        case .unknown: "#f59f00"
        case .waived: "#1565c0"
        case .pass: "#2e7d32"
        case .skip: "#78828c"
        }
    }

    /// Writes the section: heading, chart and table of `rows` (most urgent first) over `hosts` hosts.
    static func render(_ rows: [RuleTotals.Row], hosts: Int, all: Bool, to out: inout some TextOutputStream) {
        let h = Markup.escape
        out.write("<section class=\"rules\" id=\"rules\" aria-labelledby=\"rules-title\">\n")
        out.write("<h2 id=\"rules-title\">\(all ? "Rules, by hosts" : "Rules needing attention, by hosts") (\(rows.count))</h2>\n")
        guard !rows.isEmpty else {
            out.write("<p>No rule failed, was unknown or error on any host.</p>\n</section>\n")
            return
        }
        renderChart(Array(rows.prefix(chartLimit)), hosts: hosts, to: &out)
        if rows.count > chartLimit {
            out.write("<p class=\"more\">The chart shows the first \(chartLimit) of \(rows.count) rules; the table has every one.</p>\n")
        }
        let shown: [Outcome] = all ? ResultText.reportOrder : [.fail, .error, .unknown, .waived]
        out.write("<table class=\"totals sortable\" border=\"1\"><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Severity</th>")
        for outcome in shown { out.write("<th scope=\"col\" class=\"num\">\(outcome.rawValue) hosts</th>") }
        out.write("<th scope=\"col\">First hosts</th></tr></thead>\n<tbody>\n")
        for row in rows {
            out.write("<tr><td><span class=\"badge \(HTMLReportLabels.cssClass(row.worst))\">\(HTMLReportLabels.short(row.worst))</span> ")
            out.write("<span class=\"rule\"><span class=\"pack\">\(h(row.pack))/</span>\(h(row.rule))</span>")
            if let title = row.title { out.write(" <span class=\"title\">\(h(title))</span>") }
            out.write("</td><td>\(row.severity.rawValue)</td>")
            for outcome in shown { out.write("<td class=\"num\">\(row.hosts[outcome])</td>") }
            var names = row.worst == .pass || row.worst == .skip ? "" : row.firstHosts.map(h).joined(separator: ", ")
            if !names.isEmpty, row.hosts[row.worst] > row.firstHosts.count { names += ", …" }
            out.write("<td>\(names)</td></tr>\n")
        }
        out.write("</tbody></table>\n</section>\n")
    }

    /// One bar per rule, stacked fail, error, unknown, waived, scaled to the number of hosts.
    private static func renderChart(_ rows: [RuleTotals.Row], hosts: Int, to out: inout some TextOutputStream) {
        let h = Markup.escape
        let rowHeight = 22
        let labelWidth = 330
        let barWidth = 360
        let width = labelWidth + barWidth + 200
        let height = rows.count * rowHeight + 24
        let scale = Double(barWidth) / Double(max(1, hosts))
        out.write("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"chart-title\" font-family=\"sans-serif\" font-size=\"12\">\n")
        out.write("<title id=\"chart-title\">Hosts per rule that failed (red), had an error (purple), were unknown (amber) or waived (blue), out of \(hosts)</title>\n")
        out.write("<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n")
        for (index, row) in rows.enumerated() {
            let y = index * rowHeight + 4
            let label = clip(row.id, to: 48)
            out.write("<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" text-anchor=\"end\" fill=\"#1b1f24\">\(h(label))</text>\n")
            out.write("<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(barWidth)\" height=\"\(rowHeight - 6)\" fill=\"#eef0f3\"/>\n")
            var x = Double(labelWidth)
            var parts: [String] = []
            for outcome in [Outcome.fail, .error, .unknown, .waived] where row.hosts[outcome] > 0 {
                let length = max(2, Double(row.hosts[outcome]) * scale)
                out.write("<rect x=\"\(format(x))\" y=\"\(y + 2)\" width=\"\(format(length))\" height=\"\(rowHeight - 6)\" fill=\"\(colour(outcome))\"><title>\(row.hosts[outcome]) \(outcome.rawValue)</title></rect>\n")
                x += length
                parts.append("\(row.hosts[outcome]) \(outcome.rawValue)")
            }
            out.write("<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 15)\" fill=\"#1b1f24\">\(h(parts.isEmpty ? "0" : parts.joined(separator: ", ")))</text>\n")
        }
        out.write("<text x=\"\(labelWidth)\" y=\"\(height - 4)\" fill=\"#5b6470\">0</text>\n")
        out.write("<text x=\"\(labelWidth + barWidth)\" y=\"\(height - 4)\" text-anchor=\"end\" fill=\"#5b6470\">\(hosts) hosts</text>\n")
        out.write("</svg>\n")
    }

    private static func clip(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    private static func format(_ value: Double) -> String {
        String((value * 10).rounded() / 10)
    }
}
