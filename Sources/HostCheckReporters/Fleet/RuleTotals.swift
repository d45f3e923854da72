import HostCheckCore

/// Per-rule totals of a run: for each (pack, rule), how many hosts it failed on, was unknown,
/// error, waived, passed or skipped — the "rule × number of failing hosts" summary of the human
/// reports (docs/reports.md, "Fleets: failing first"). Memory is one row per rule.
package struct RuleTotals: Sendable {
    /// One rule's totals.
    package struct Row: Sendable {
        /// The pack id.
        package var pack: String
        /// The rule id.
        package var rule: String
        /// The rule title, when it has one.
        package var title: String?
        /// The rule severity.
        package var severity: Severity
        /// Hosts per outcome of this rule.
        package var hosts = OutcomeCounts()
        /// The first ``RuleTotals/namedHosts`` hosts (in run order) whose result is the row's
        /// ``worst`` outcome.
        package var firstHosts: [String] = []

        /// `pack/rule`.
        package var id: String { pack + "/" + rule }

        /// The most urgent outcome with at least one host: fail, error, unknown, waived, pass, skip.
        package var worst: Outcome {
            ResultText.reportOrder.first { hosts[$0] > 0 } ?? .skip
        }

        /// Whether some host failed, or was unknown or error, on this rule.
        package var needsAttention: Bool { hosts.fail + hosts.error + hosts.unknown > 0 }
    }

    /// How many host names a row keeps.
    package static let namedHosts = 3

    private var rows: [Row] = []
    private var index: [String: Int] = [:]

    /// Starts with a zero row for each rule of the run, in run order.
    package init(rules: [RuleInfo] = []) {
        for rule in rules { _ = row(pack: rule.pack, rule: rule.id, title: rule.title, severity: rule.severity) }
    }

    /// Counts one host: each rule once, by its first result on the host.
    package mutating func add(_ results: HostResults) {
        var seen = Set<Int>()
        for result in results.results {
            let at = row(pack: result.pack, rule: result.rule, title: result.title, severity: result.severity)
            guard seen.insert(at).inserted else { continue }
            let before = rows[at].worst
            rows[at].hosts.add(result.outcome)
            let worst = rows[at].worst
            if worst != before { rows[at].firstHosts = [] }
            if result.outcome == worst, rows[at].firstHosts.count < Self.namedHosts {
                rows[at].firstHosts.append(results.host.name)
            }
        }
    }

    /// Rules with a fail, error or unknown, most urgent first: by worst outcome, then severity,
    /// then the number of hosts, then id.
    package var attention: [Row] { sorted.filter(\.needsAttention) }

    /// Every rule, most urgent first.
    package var sorted: [Row] {
        rows.sorted { lhs, rhs in
            let left = ResultText.reportOrder.firstIndex(of: lhs.worst) ?? 0
            let right = ResultText.reportOrder.firstIndex(of: rhs.worst) ?? 0
            if left != right { return left < right }
            if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
            if lhs.hosts[lhs.worst] != rhs.hosts[rhs.worst] { return lhs.hosts[lhs.worst] > rhs.hosts[rhs.worst] }
            return lhs.id < rhs.id
        }
    }

    /// The number of rules.
    package var count: Int { rows.count }

    private mutating func row(pack: String, rule: String, title: String?, severity: Severity) -> Int {
        let key = pack + "\u{0}" + rule
        if let at = index[key] { return at }
        rows.append(Row(pack: pack, rule: rule, title: title, severity: severity))
        index[key] = rows.count - 1
        return rows.count - 1
    }
}
