import HostCheckCore

/// Prometheus text exposition for node_exporter's textfile collector: `--format prometheus:PATH`
/// (write it with ``AtomicFileOutput`` so the collector never reads half a file).
///
/// - `hostcheck_rule_result{host,pack,rule,severity,outcome}`: for each (host, rule), one sample
///   per possible outcome, 1 for the current outcome and 0 for the others (so an alert on
///   `outcome="fail" == 1` also sees a rule stop failing).
/// - `hostcheck_rules{outcome}`: totals of the run.
/// - `hostcheck_hosts`: hosts checked.
/// - `hostcheck_last_run_timestamp_seconds`: when the run ended (start + duration), Unix time.
/// - `hostcheck_run_duration_seconds`: how long it took.
///
/// Label values are neutralised and escaped (`\\`, `\"`, `\n`).
public struct PrometheusReporter: BuiltinReporter {
    public static let id = "prometheus"
    public static let summary = "Prometheus text format for node_exporter's textfile collector"

    public let options: ReporterOptions
    private var startedAt: String?

    public init(options: ReporterOptions) {
        self.options = options
    }

    public mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        startedAt = run.startedAt
        out.write("# HELP hostcheck_rule_result Outcome of a rule on a host: 1 for the current outcome, 0 for the others.\n")
        out.write("# TYPE hostcheck_rule_result gauge\n")
    }

    public mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        for result in results.results {
            let labels = "host=\(Prometheus.label(result.host)),pack=\(Prometheus.label(result.pack)),"
                + "rule=\(Prometheus.label(result.rule)),severity=\"\(result.severity.rawValue)\""
            for outcome in Outcome.allCases {
                out.write("hostcheck_rule_result{\(labels),outcome=\"\(outcome.rawValue)\"} \(outcome == result.outcome ? 1 : 0)\n")
            }
        }
    }

    public mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        out.write("# HELP hostcheck_rules Results of the last run by outcome.\n# TYPE hostcheck_rules gauge\n")
        for outcome in Outcome.allCases {
            out.write("hostcheck_rules{outcome=\"\(outcome.rawValue)\"} \(summary.counts[outcome])\n")
        }
        out.write("# HELP hostcheck_hosts Hosts checked in the last run.\n# TYPE hostcheck_hosts gauge\n")
        out.write("hostcheck_hosts \(summary.hosts)\n")
        let duration = summary.durationSeconds.isFinite ? max(0, summary.durationSeconds) : 0
        if let started = startedAt.flatMap(ISO8601.unixSeconds) {
            out.write("# HELP hostcheck_last_run_timestamp_seconds When the last run ended, in Unix time.\n")
            out.write("# TYPE hostcheck_last_run_timestamp_seconds gauge\n")
            out.write("hostcheck_last_run_timestamp_seconds \(Prometheus.number(started + duration))\n")
        }
        out.write("# HELP hostcheck_run_duration_seconds How long the last run took.\n# TYPE hostcheck_run_duration_seconds gauge\n")
        out.write("hostcheck_run_duration_seconds \(Prometheus.number(duration))\n")
    }
}

/// The pure text mappings of the Prometheus reporter.
enum Prometheus {
    /// A quoted label value: control characters neutralised, then `\`, `"` and newline escaped.
    static func label(_ text: String) -> String {
        let clean = TerminalText.neutralised(text).replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            .replacing("\n", with: "\\n")
        return "\"" + clean + "\""
    }

    /// A sample value: integers without a fraction, others as Swift prints doubles.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }
}

/// Parsing of the ISO 8601 timestamps hostcheck writes (`2026-11-27T10:00:00Z`,
/// `2026-11-27T10:00:00.250+01:00`).
enum ISO8601 {
    /// Seconds since 1970-01-01T00:00:00Z, or nil when `text` is not such a timestamp.
    static func unixSeconds(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count >= 20, let year = digits(0, 4), bytes[4] == UInt8(ascii: "-"), let month = digits(5, 2),
              bytes[7] == UInt8(ascii: "-"), let day = digits(8, 2), bytes[10] == UInt8(ascii: "T"),
              let hour = digits(11, 2), bytes[13] == UInt8(ascii: ":"), let minute = digits(14, 2),
              bytes[16] == UInt8(ascii: ":"), let second = digits(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                fraction += Double(bytes[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        if bytes[index] == UInt8(ascii: "Z") {
            index += 1
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            guard let hours = digits(index + 1, 2), index + 3 < bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let minutes = digits(index + 4, 2) else { return nil }
            offset = (hours * 60 + minutes) * 60 * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
