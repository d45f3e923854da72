import HostCheckCore

/// GitHub-flavoured Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: `--format markdown`.
///
/// Verdict first: a heading with the verdict and the number of failing hosts, the summary line,
/// the hosts that fail, have an error or an unknown (named, at most ``namedHosts`` per group),
/// the packs loaded (id, version, source, SHA-256). Then the rules that need attention with the
/// number of hosts per outcome, a hosts × outcomes table (failing hosts first) with totals,
/// and a section per host (failing hosts first): sources, coverage line, a table of the results
/// that need attention (fail, error, unknown, waived) with collapsible evidence, a count of
/// passes and skips, the host's diagnostics folded away. Captured text goes into code spans (no
/// Markdown, HTML or `@mention` inside), with control characters neutralised and `|` escaped in
/// tables.
///
/// To stay within what GitHub shows (a PR comment holds 65,536 characters, a step summary 1 MiB),
/// only the first ``detailedHostLimit`` hosts in that order get a section and the table lists the
/// first ``tableHostLimit``; what is left out is counted by group (so no failing host is hidden
/// without saying so), and the report says which formats list every host. Host sections wait
/// in a ``HostSpool`` until the end, so memory stays bounded.
package struct MarkdownReporter: BuiltinReporter {
    package static let id = "markdown"
    package static let summary = "GitHub-flavoured Markdown for PR comments and the step summary, verdict and failing hosts first"
    /// Failing hosts come first, so hosts are written only when the run ends.
    package static let writesAtEnd = true

    /// How many hosts get a section of their own.
    package static let detailedHostLimit = 20
    /// How many hosts the hosts table lists.
    package static let tableHostLimit = 100
    /// How many hosts of each group the top of the report names.
    package static let namedHosts = 10
    /// Where every host is, said wherever a limit leaves some out.
    static let fullList = "every host is in the text, HTML, JSON and CSV reports (`--format text|html|json|csv:PATH`)"

    package let options: ReporterOptions
    private var run: RunInfo?
    private var spool: HostSpool
    private var totals = RuleTotals()

    package init(options: ReporterOptions) {
        self.init(options: options, spool: HostSpool())
    }

    /// A reporter whose host sections go to `spool` (tests give a tiny memory limit).
    package init(options: ReporterOptions, spool: HostSpool) {
        self.options = options
        self.spool = spool
    }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        self.run = run
        totals = RuleTotals(rules: run.rules)
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        var counts = OutcomeCounts()
        for result in results.results { counts.add(result.outcome) }
        totals.add(results)
        var section = ""
        writeSection(results, counts: counts, to: &section)
        spool.add(name: results.host.name, counts: counts, rendered: section)
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        let ordered = spool.ordered()
        var rankCounts: [HostRank: Int] = [:]
        for entry in ordered { rankCounts[entry.rank, default: 0] += 1 }
        let verdict = PackText.verdict(summary.counts)
        let failing = rankCounts[.failing] ?? 0
        out.write("# \(MD.icon(verdict.outcome)) hostcheck: \(verdict.word) — \(failing) of \(ResultText.count(ordered.count, "host")) failing\n\n")
        out.write("\(MD.icon(worst: summary.counts)) " + ResultText.summaryLine(summary) + "\n\n")
        writeHostGroups(ordered, rankCounts: rankCounts, to: &out)
        writeRunInfo(to: &out)
        writeRuleTotals(to: &out)
        writeHostTable(ordered, summary: summary, to: &out)
        let detailed = ordered.prefix(Self.detailedHostLimit)
        try spool.write(detailed, to: &out)
        if ordered.count > detailed.count {
            let left = ordered.dropFirst(detailed.count)
            out.write("Details of \(ResultText.count(left.count, "more host")) (\(Self.groups(left))) are left out here; \(Self.fullList).\n\n")
        }
        spool.close()
        for diagnostic in summary.diagnostics { out.write("- " + MD.code(diagnostic.description) + "\n") }
        out.write("\(MD.icon(worst: summary.counts)) " + ResultText.summaryLine(summary) + "\n")
    }

    /// `Failing (1): `zz-bad`` and so on for each group that has hosts, passing hosts only counted.
    private func writeHostGroups(_ ordered: [HostSpool.Entry], rankCounts: [HostRank: Int], to out: inout some TextOutputStream) {
        guard !ordered.isEmpty else { return }
        out.write("Hosts: " + HostRank.allCases.map { "\(rankCounts[$0] ?? 0) \($0.word)" }.joined(separator: ", ") + ".\n\n")
        for rank in HostRank.allCases where rank != .passing {
            let total = rankCounts[rank] ?? 0
            guard total > 0 else { continue }
            let names = ordered.lazy.filter { $0.rank == rank }.prefix(Self.namedHosts).map { MD.code($0.name) }
            var line = "- \(MD.icon(rank.outcome)) \(rank.word) (\(total)): " + names.joined(separator: ", ")
            if total > names.count { line += ", … and \(total - names.count) more (\(Self.fullList))" }
            out.write(line + "\n")
        }
        if ordered.contains(where: { $0.rank != .passing }) { out.write("\n") }
    }

    private func writeRunInfo(to out: inout some TextOutputStream) {
        guard let run else { return }
        if !run.packs.isEmpty {
            out.write("Packs:\n")
            for pack in run.packs {
                out.write("- " + MD.code("\(pack.id) \(pack.version)") + " " + MD.code(PackText.source(pack)) + ", sha256 " + MD.code(pack.sha256) + "\n")
            }
            out.write("\n")
        }
        if !run.diagnostics.isEmpty {
            for diagnostic in run.diagnostics { out.write("- " + MD.code(diagnostic.description) + "\n") }
            out.write("\n")
        }
    }

    private func writeRuleTotals(to out: inout some TextOutputStream) {
        let rows = options.verbose ? totals.sorted : totals.attention
        guard !rows.isEmpty else { return }
        let shown: [Outcome] = options.verbose ? ResultText.reportOrder : [.fail, .error, .unknown, .waived]
        out.write(options.verbose ? "## Rules, by hosts\n\n" : "## Rules needing attention, by hosts\n\n")
        out.write("| rule | severity | " + shown.map { "\($0.rawValue) hosts" }.joined(separator: " | ") + " | first hosts |\n")
        out.write("|---|---|" + String(repeating: "---:|", count: shown.count) + "---|\n")
        for row in rows {
            var names = row.firstHosts.map { MD.code($0, inTable: true) }.joined(separator: ", ")
            if row.hosts[row.worst] > row.firstHosts.count, !names.isEmpty { names += ", …" }
            if row.worst == .pass || row.worst == .skip { names = "" }
            out.write("| \(MD.icon(row.worst)) " + MD.code(row.id, inTable: true) + " | \(row.severity.rawValue) | "
                      + shown.map { String(row.hosts[$0]) }.joined(separator: " | ") + " | \(names) |\n")
        }
        out.write("\n")
    }

    private func writeHostTable(_ ordered: [HostSpool.Entry], summary: Summary, to out: inout some TextOutputStream) {
        out.write("## Hosts, failing first\n\n| host | " + Outcome.allCases.map(\.rawValue).joined(separator: " | ") + " |\n")
        out.write("|---|" + String(repeating: "---:|", count: Outcome.allCases.count) + "\n")
        let listed = ordered.prefix(Self.tableHostLimit)
        for row in listed {
            out.write("| \(MD.icon(worst: row.counts)) " + MD.code(row.name, inTable: true) + " | "
                      + Outcome.allCases.map { String(row.counts[$0]) }.joined(separator: " | ") + " |\n")
        }
        let left = ordered.dropFirst(listed.count)
        if !left.isEmpty {
            out.write("| … \(left.count) more: \(Self.groups(left)) | " + Outcome.allCases.map { _ in "" }.joined(separator: " | ") + " |\n")
        }
        out.write("| **total** | " + Outcome.allCases.map { "**\(summary.counts[$0])**" }.joined(separator: " | ") + " |\n\n")
        if !left.isEmpty { out.write("The table lists \(listed.count) of \(ResultText.count(ordered.count, "host")); \(Self.fullList).\n\n") }
    }

    /// `2 failing, 0 error, 1 unknown, 30 passing` for hosts left out.
    private static func groups(_ entries: some Sequence<HostSpool.Entry>) -> String {
        var counts: [HostRank: Int] = [:]
        for entry in entries { counts[entry.rank, default: 0] += 1 }
        return HostRank.allCases.map { "\(counts[$0] ?? 0) \($0.word)" }.joined(separator: ", ")
    }

    private func writeSection(_ results: HostResults, counts: OutcomeCounts, to out: inout some TextOutputStream) {
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
