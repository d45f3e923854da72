import HostCheckCore

/// A Nagios/Icinga plugin report: `--format nagios`, only as the sole format on stdout, where
/// the CLI exits with ``NagiosStatus/exitCode`` (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
///
/// ```
/// HOSTCHECK CRITICAL - 2 failed, 1 unknown | fail=2;;; unknown=1;;; pass=31;;; error=0;;; skip=0;;; waived=0;;;
/// [fail] high magaya-network/magaya-3691-owner on wh-berlin-02: tcp 0.0.0.0:3691 is owned by …
/// …
/// 1 host, 34 rules: 31 pass, 2 fail, 1 unknown, 0 error, 0 skip, 0 waived | hosts=1;;; duration=0.25s;;;
/// ```
///
/// The status line needs the totals, so the long output (one line per fail, error, unknown,
/// at most ``longOutputLimit``) is kept until the end. Every line is neutralised, and `|`
/// (the performance data separator) is replaced in captured text.
public struct NagiosReporter: BuiltinReporter {
    public static let id = "nagios"
    public static let summary = "Nagios/Icinga plugin output: status line, long output, performance data"

    /// The most long-output lines kept; the rest are counted.
    public static let longOutputLimit = 50

    public let options: ReporterOptions
    private var tally = NagiosTally()
    private var lines: [String] = []
    private var omitted = 0

    public init(options: ReporterOptions) {
        self.options = options
    }

    public mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {}

    public mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        for result in results.results {
            tally.add(result)
            guard [.fail, .error, .unknown].contains(result.outcome) else { continue }
            guard lines.count < Self.longOutputLimit else {
                omitted += 1
                continue
            }
            let text = "[\(result.outcome.rawValue)] \(result.severity.rawValue) \(ResultText.ruleID(result)) on \(result.host): \(result.message)"
            lines.append(Nagios.clean(text))
        }
    }

    public mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        let status = tally.status
        var problems: [String] = []
        if summary.counts.fail > 0 { problems.append("\(summary.counts.fail) failed") }
        if summary.counts.unknown > 0 { problems.append("\(summary.counts.unknown) unknown") }
        if summary.counts.error > 0 { problems.append("\(summary.counts.error) error") }
        let text = problems.isEmpty ? "\(summary.counts.pass) passed" : problems.joined(separator: ", ")
        let order: [Outcome] = [.fail, .unknown, .pass, .error, .skip, .waived]
        let perfdata = order.map { "\($0.rawValue)=\(summary.counts[$0]);;;" }.joined(separator: " ")
        out.write("HOSTCHECK \(status.label) - \(text) | \(perfdata)\n")
        for line in lines { out.write(line + "\n") }
        if omitted > 0 { out.write("… and \(omitted) more\n") }
        let duration = summary.durationSeconds.isFinite ? max(0, summary.durationSeconds) : 0
        out.write(ResultText.summaryLine(summary) + " | hosts=\(summary.hosts);;; duration=\(duration)s;;;\n")
        lines = []
    }
}

/// The pure text mappings of the Nagios reporter.
enum Nagios {
    /// Neutralised, with `|` (which starts performance data) replaced by `¦`.
    static func clean(_ text: String) -> String {
        TerminalText.neutralised(text).replacing("|", with: "¦")
    }
}
