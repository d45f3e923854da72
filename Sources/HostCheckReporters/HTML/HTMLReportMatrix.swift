import HostCheckCore

/// The hosts × rules matrix of the HTML report, kept compact while hosts stream.
///
/// A column is a (pack, rule) pair; a row keeps the host name, its place in the run and one
/// byte per column (the outcome, or none), so memory per host is a name and a byte per rule.
/// Only hosts that need attention get a row (passing hosts are collapsed into their own table,
/// docs/reports.md, "html"); evidence is not kept: each cell links to its result in the host's
/// section, written when the host arrived.
struct HTMLReportMatrix: Sendable {
    struct Column: Sendable {
        var pack: String
        var rule: String
        var title: String?
    }

    struct Row: Sendable {
        var host: String
        /// The host's place in the run: its section is `#h<order>`.
        var order: Int
        var rank: HostRank
        /// Per column: 0 when the rule has no result on this host, else 1 + the outcome's index.
        var cells: [UInt8]
    }

    /// The most rows drawn; the rest are counted under the matrix (each has its section).
    static let rowLimit = 1_000

    private(set) var columns: [Column] = []
    private(set) var rows: [Row] = []
    private var columnIndex: [String: Int] = [:]

    /// Adds a column for each rule of the run, in run order.
    mutating func addColumns(for rules: [RuleInfo]) {
        for rule in rules { _ = column(pack: rule.pack, rule: rule.id, title: rule.title) }
    }

    /// The column of a (pack, rule) pair, added when a result names a rule the run did not list.
    mutating func column(pack: String, rule: String, title: String?) -> Int {
        let key = pack + "\u{0}" + rule
        if let index = columnIndex[key] { return index }
        columns.append(Column(pack: pack, rule: rule, title: title))
        columnIndex[key] = columns.count - 1
        return columns.count - 1
    }

    /// Records one host's outcomes by column; the first result of a column wins.
    mutating func addRow(host: String, order: Int, rank: HostRank, outcomes: [(column: Int, outcome: Outcome)]) {
        var cells = [UInt8](repeating: 0, count: columns.count)
        for (column, outcome) in outcomes where column < cells.count && cells[column] == 0 {
            cells[column] = Self.code(outcome)
        }
        rows.append(Row(host: host, order: order, rank: rank, cells: cells))
    }

    static func code(_ outcome: Outcome) -> UInt8 {
        UInt8(truncatingIfNeeded: (Outcome.allCases.firstIndex(of: outcome) ?? 0) + 1)
    }

    static func outcome(_ code: UInt8) -> Outcome? {
        let index = Int(code) - 1
        return Outcome.allCases.indices.contains(index) ? Outcome.allCases[index] : nil
    }

    /// Writes the matrix, failing hosts first, at most ``rowLimit`` rows; cells link to
    /// `#r<order>-<column>`, host names to `#h<order>`.
    func render(to out: inout some TextOutputStream) {
        let h = Markup.escape
        let sorted = rows.sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.order < $1.order }
        let drawn = sorted.prefix(Self.rowLimit)
        out.write("<section class=\"matrix\" id=\"matrix\" aria-labelledby=\"matrix-title\">\n")
        out.write("<h2 id=\"matrix-title\">Hosts × rules (\(ResultText.count(rows.count, "host")) needing attention, failing first)</h2>\n")
        guard !rows.isEmpty else {
            out.write("<p>No host needs attention: every result passed or was skipped.</p>\n</section>\n")
            return
        }
        out.write("<p class=\"hint\">Each cell shows the outcome of a rule on a host; select it to see the message and evidence. Passing hosts are listed apart, below.</p>\n")
        out.write("<div class=\"matrix-scroll\" tabindex=\"0\"><table class=\"grid\" border=\"1\">\n<thead><tr><th scope=\"col\" class=\"corner\">Host</th>")
        for column in columns {
            let tip = "\(column.pack)/\(column.rule)" + (column.title.map { " — \($0)" } ?? "")
            out.write("<th scope=\"col\" class=\"rule-col\" title=\"\(h(tip))\"><span>\(h(column.rule))</span></th>")
        }
        out.write("</tr></thead>\n<tbody>\n")
        for row in drawn {
            out.write("<tr data-host=\"\(h(row.host))\"><th scope=\"row\"><a href=\"#h\(row.order)\" title=\"\(h(row.host))\">\(h(row.host))</a></th>")
            for (columnIndex, column) in columns.enumerated() {
                let code = columnIndex < row.cells.count ? row.cells[columnIndex] : 0
                guard let outcome = Self.outcome(code) else {
                    out.write("<td class=\"cell none\" title=\"not evaluated\">–</td>")
                    continue
                }
                // Passing cells, the bulk of a fleet, carry no tooltip to keep the page small.
                let tip = outcome == .pass ? "" : " title=\"\(h("\(row.host) · \(column.pack)/\(column.rule): \(outcome.rawValue)"))\""
                out.write("<td class=\"cell\"><a class=\"\(HTMLReportLabels.cssClass(outcome))\" href=\"#r\(row.order)-\(columnIndex)\"\(tip)>\(HTMLReportLabels.short(outcome))</a></td>")
            }
            out.write("</tr>\n")
        }
        out.write("</tbody></table></div>\n")
        if sorted.count > drawn.count {
            let left = sorted.dropFirst(drawn.count)
            let failing = left.filter { $0.rank == .failing }.count
            out.write("<p class=\"more\"><strong>\(left.count) more host\(left.count == 1 ? "" : "s") needing attention (\(failing) failing) are not in the matrix</strong>; each is listed under “Hosts needing attention”.</p>\n")
        }
        out.write("<p class=\"legend\">")
        for outcome in HTMLReportLabels.urgency {
            out.write("<span class=\"badge \(HTMLReportLabels.cssClass(outcome))\">\(HTMLReportLabels.short(outcome))</span> \(outcome.rawValue) ")
        }
        out.write("<span class=\"badge none\">–</span> not evaluated</p>\n</section>\n")
    }
}
