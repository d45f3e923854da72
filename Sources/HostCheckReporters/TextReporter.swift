import HostCheckCore

/// The report for a person at a terminal (`--format text`, the default).
///
/// First the packs loaded (id, version, source, SHA-256) and the run's diagnostics. For more
/// than one host, an overview: the verdict, the hosts that fail, have an error or an unknown
/// (named, at most ``namedHosts`` per group), and the rules that need attention with the number
/// of hosts per outcome (every rule with ``ReporterOptions/verbose``). Then each host, failing
/// hosts first (``HostRank``): a header (name, platform, sources) and the coverage line, its
/// results grouped by outcome — fail, error, unknown, waived — each with its evidence lines,
/// then a count of passes and skips (listed one by one with ``ReporterOptions/verbose``), then
/// the host's diagnostics. At the end the run's end diagnostics, a hint that `--verbose` names
/// the passing and skipped rules (when some are only counted), and one summary line.
///
/// Host blocks wait in a ``HostSpool`` until the end, so memory stays bounded. Every piece of
/// captured or pack text goes through ``TerminalText/neutralised(_:)``; ANSI colour only with
/// ``ReporterOptions/color``.
package struct TextReporter: BuiltinReporter {
    package static let id = "text"
    package static let summary = "human-readable report, failing hosts and rules first, with evidence (default)"
    /// Failing hosts come first, so hosts are written only when the run ends.
    package static let writesAtEnd = true
    package static let honouredOptions: [ReporterOption] = [.color, .verbose]

    /// How many host diagnostics are listed before `… and N more`.
    package static let diagnosticsShown = 5
    /// How many hosts of each group the overview names before `… and N more`.
    package static let namedHosts = 10

    package let options: ReporterOptions
    private let style: TerminalStyle
    private var spool: HostSpool
    private var totals = RuleTotals()

    package init(options: ReporterOptions = ReporterOptions()) {
        self.init(options: options, spool: HostSpool())
    }

    /// A reporter whose host blocks go to `spool` (tests give a tiny memory limit).
    package init(options: ReporterOptions, spool: HostSpool) {
        self.options = options
        self.style = TerminalStyle(enabled: options.color)
        self.spool = spool
    }

    private func clean(_ text: String) -> String { TerminalText.neutralised(text) }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        totals = RuleTotals(rules: run.rules)
        out.write(style.bold("\(clean(run.generator.name)) \(clean(run.generator.version))") + ", " + ResultText.count(run.packs.count, "pack") + (run.packs.isEmpty ? "\n" : ":\n"))
        for pack in run.packs {
            out.write("  " + clean(PackText.line(pack)) + "\n")
        }
        for diagnostic in run.diagnostics {
            out.write(clean(diagnostic.description) + "\n")
        }
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        var counts = OutcomeCounts()
        for result in results.results { counts.add(result.outcome) }
        totals.add(results)
        var block = ""
        writeHost(results, to: &block)
        spool.add(name: results.host.name, counts: counts, rendered: block)
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        let ordered = spool.ordered()
        if ordered.count > 1 { writeOverview(ordered, summary: summary, to: &out) }
        if !ordered.isEmpty { out.write("\n") }
        try spool.write(ordered, to: &out)
        spool.close()
        for diagnostic in summary.diagnostics {
            out.write(clean(diagnostic.description) + "\n")
        }
        if !options.verbose, summary.counts.pass + summary.counts.skip > 0 {
            out.write(style.dim("passing and skipped rules are counted; --verbose names them") + "\n")
        }
        let worst = ResultText.reportOrder.first { summary.counts[$0] > 0 && $0 != .pass && $0 != .skip }
        let line = ResultText.summaryLine(summary)
        out.write((worst.map { style.outcome($0, line) } ?? style.bold(line)) + "\n")
    }

    /// The verdict, the hosts that need attention by group, and the rules by number of hosts.
    private func writeOverview(_ ordered: [HostSpool.Entry], summary: Summary, to out: inout some TextOutputStream) {
        var byRank: [HostRank: [String]] = [:]
        var counts: [HostRank: Int] = [:]
        for entry in ordered {
            counts[entry.rank, default: 0] += 1
            if byRank[entry.rank, default: []].count < Self.namedHosts { byRank[entry.rank, default: []].append(entry.name) }
        }
        let verdict = PackText.verdict(summary.counts)
        let groups = HostRank.allCases.map { "\(counts[$0] ?? 0) \($0.word)" }.joined(separator: ", ")
        out.write("\n" + style.outcome(verdict.outcome, verdict.word) + ": \(ResultText.count(ordered.count, "host")): \(groups)\n")
        for rank in HostRank.allCases where rank != .passing {
            guard let names = byRank[rank], let total = counts[rank] else { continue }
            var line = "  " + style.outcome(rank.outcome, rank.word.padding(8)) + " " + names.map(clean).joined(separator: ", ")
            if total > names.count { line += ", … and \(total - names.count) more (each has its section below)" }
            out.write(line + "\n")
        }
        let rules = options.verbose ? totals.sorted : totals.attention
        guard !rules.isEmpty else { return }
        out.write(options.verbose ? "rules, by hosts:\n" : "rules needing attention, by hosts:\n")
        for row in rules {
            let tag = row.worst.rawValue.uppercased().padding(7)
            var line = "  " + style.outcome(row.worst, tag) + " " + row.severity.rawValue.padding(8) + " " + clean(row.id)
            line += "  " + PackText.hostCounts(row.hosts, all: options.verbose)
            if row.worst != .pass, row.worst != .skip, !row.firstHosts.isEmpty {
                line += ": " + row.firstHosts.map(clean).joined(separator: ", ")
                if row.hosts[row.worst] > row.firstHosts.count { line += ", …" }
            }
            out.write(line + "\n")
        }
    }

    private func writeHost(_ results: HostResults, to out: inout some TextOutputStream) {
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
