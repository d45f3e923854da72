import HostCheckCore

/// Nagios/Icinga plugin output: one status line with performance data, then long output with a
/// line per result that is not a pass (Nagios plugin development guidelines).
///
/// ```
/// HOSTCHECK CRITICAL - 2 failed, 1 unknown | fail=2;;; unknown=1;;; error=0;;; pass=31;;; skip=0;;; waived=0;;; hosts=3;;; duration=0.25s;;;
/// [CRITICAL] wh-berlin-02: magaya-network/magaya-3691-owner (high) fail - tcp 0.0.0.0:3691 is owned by nc64.exe (pid 6120), expected magaya* [netstat.txt:8]
/// ```
///
/// The status word follows ``NagiosStatus``; the descriptor's exit policy uses the same mapping
/// (``NagiosTally``) for the exit code when nagios is the only format, on standard output. The status line comes first but needs the totals, so long-output lines are
/// held until ``end(_:to:)``: at most ``longOutputLimit`` of them, the most urgent kept
/// (CRITICAL, WARNING, UNKNOWN, then waived; higher severity first), with a final line counting
/// the rest by outcome and saying where every result is. Memory is bounded whatever the number of hosts. Captured text is put on one line and
/// every `|` in it becomes `¦`, so that no input can start performance data or forge a line.
/// Skipped results, and passes, get a line only with `verbose`.
package struct NagiosReporter: BuiltinReporter {
    package static let id = "nagios"
    package static let summary = "Nagios/Icinga plugin output: status line, perfdata and long output"
    package static let honouredOptions: [ReporterOption] = [.verbose]

    /// Nagios reads the plugin's exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; and only
    /// standard output, so every error is one `HOSTCHECK UNKNOWN - reason` line there and exit 3.
    package static var descriptor: ReporterDescriptor {
        ReporterDescriptor(
            id: id, summary: summary, options: honouredOptions,
            exitPolicy: ReporterExitPolicy { NagiosTally() }, writesAtEnd: true, errorReport: errorReport) { NagiosReporter(options: $0) }
    }

    /// Plugins have a limited run time, "typically 10 sec" (Nagios plugin development
    /// guidelines): the default of `--timeout` in Nagios mode.
    package static let defaultTimeoutSeconds = 10.0

    /// An error as a plugin reports it: `HOSTCHECK UNKNOWN - reason` on one line, exit 3.
    package static var errorReport: ReporterErrorReport {
        ReporterErrorReport(exitCode: NagiosStatus.unknown.exitCode, defaultTimeout: defaultTimeoutSeconds) { reason in
            "HOSTCHECK \(NagiosStatus.unknown.label) - \(NagiosText.line(reason))"
        }
    }

    /// The most long-output lines written (Nagios 4 keeps 8 KiB of plugin output by default).
    package static let longOutputLimit = 50

    private struct Line: Sendable {
        var urgency: Int
        var order: Int
        var outcome: Outcome
        var text: String
    }

    private let options: ReporterOptions
    private var tally = NagiosTally()
    private var lines: [Line] = []
    private var omitted = OutcomeCounts()
    private var seen = 0

    package init(options: ReporterOptions) {
        self.options = options
    }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {}

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        for result in results.results {
            tally.add(result)
            guard let urgency = urgency(of: result) else { continue }
            seen += 1
            keep(Line(urgency: urgency, order: seen, outcome: result.outcome, text: Self.describe(result)))
        }
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        let counts = tally.counts
        var words: [String] = []
        if counts.fail > 0 { words.append("\(counts.fail) failed") }
        if counts.unknown > 0 { words.append("\(counts.unknown) unknown") }
        if counts.error > 0 { words.append("\(counts.error) error\(counts.error == 1 ? "" : "s")") }
        if words.isEmpty {
            words.append(counts.total == 0 ? "no results" : "\(counts.pass) passed")
            if counts.waived > 0 { words.append("\(counts.waived) waived") }
        }
        var perfdata = [("fail", counts.fail), ("unknown", counts.unknown), ("error", counts.error),
                        ("pass", counts.pass), ("skip", counts.skip), ("waived", counts.waived), ("hosts", summary.hosts)]
            .map { NagiosText.perfdata($0.0, String($0.1)) }
        if let seconds = NagiosText.seconds(summary.durationSeconds) {
            perfdata.append(NagiosText.perfdata("duration", seconds, unit: "s"))
        }
        out.write("HOSTCHECK \(tally.status.label) - \(words.joined(separator: ", ")) | \(perfdata.joined(separator: " "))\n")
        for line in lines.sorted(by: Self.moreUrgent) { out.write(line.text + "\n") }
        if omitted.total > 0 {
            let failed = omitted.fail
            let unsure = omitted.unknown + omitted.error
            let other = omitted.total - failed - unsure
            out.write("... and \(omitted.total) more result\(omitted.total == 1 ? "" : "s") not shown (\(failed) failed, \(unsure) unknown or error, \(other) other); "
                      + "every result is in the text, HTML and JSON reports\n")
        }
    }

    /// Lower is more urgent; nil when the result gets no line.
    private func urgency(of result: RuleResult) -> Int? {
        let base: Int
        switch NagiosStatus.status(outcome: result.outcome, severity: result.severity) {
        case .critical: base = 0
        case .warning: base = 10
        case .unknown: base = 20
        case .ok:
            switch result.outcome {
            case .waived: base = 30
            case .skip where options.verbose: base = 40
            case .pass where options.verbose: base = 50
            default: return nil
            }
        }
        return base + (Severity.critical.rank - result.severity.rank)
    }

    private static func moreUrgent(_ lhs: Line, _ rhs: Line) -> Bool {
        lhs.urgency != rhs.urgency ? lhs.urgency < rhs.urgency : lhs.order < rhs.order
    }

    /// Keeps `line` if it is among the ``longOutputLimit`` most urgent lines so far.
    private mutating func keep(_ line: Line) {
        guard lines.count >= Self.longOutputLimit else {
            lines.append(line)
            return
        }
        guard let leastIndex = lines.indices.max(by: { Self.moreUrgent(lines[$0], lines[$1]) }),
              Self.moreUrgent(line, lines[leastIndex]) else {
            omitted.add(line.outcome)
            return
        }
        omitted.add(lines[leastIndex].outcome)
        lines[leastIndex] = line
    }

    /// `[CRITICAL] host: pack/rule (high) fail - message [netstat.txt:8]`.
    static func describe(_ result: RuleResult) -> String {
        let status = NagiosStatus.status(outcome: result.outcome, severity: result.severity)
        let tag: String
        switch result.outcome {
        case .waived: tag = "WAIVED"
        case .skip: tag = "SKIPPED"
        default: tag = status.label
        }
        var text = "[\(tag)] \(result.host): \(result.pack)/\(result.rule) (\(result.severity.rawValue)) \(result.outcome.rawValue)"
        if let original = result.waivedOutcome { text += " (was \(original.rawValue))" }
        text += " - \(result.message)"
        if let waiver = result.waiver {
            text += "; waiver: \(waiver.reason)" + (waiver.expires.map { ", expires \($0)" } ?? "")
        }
        if let source = result.evidence.lazy.compactMap(\.source).first { text += " [\(source)]" }
        return NagiosText.line(text)
    }
}
