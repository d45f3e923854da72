import HostCheckCore

/// CSV (RFC 4180) for spreadsheets and log pipelines: `--format csv:PATH`.
///
/// A header row, then one row per (host, rule), passes included (`verbose` changes nothing), in
/// run order: host, pack, rule, severity, outcome, message, evidence (the evidence sources,
/// `FILE:LINE`, deduplicated and joined by `; `), title, then the rule's pack as the run loaded
/// it: pack_version, pack_file (a path or `builtin:NAME.yaml`) and pack_sha256 (empty for a pack
/// the run did not list), so that every row says which pack bytes decided it. UTF-8 without a byte order mark; every
/// record ends with CRLF; a field is quoted when it holds a comma, a quote, CR, LF or another
/// control character that stays (TAB, DEL, C1), and quotes inside are doubled. Diagnostics and
/// the summary are not rows (the JSON has them).
///
/// Fields come from the host being checked and may be hostile:
/// - Formula injection: a field whose first character is `=`, `+`, `-`, `@`, TAB or CR gets a
///   `'` in front (OWASP's advice), so a spreadsheet shows it as text instead of running it. A
///   field that already starts with `'`s before one of those gets one more, so removing one `'`
///   from a field that starts with `'`s followed by one of those characters gives the value back.
/// - C0 control characters other than TAB, CR and LF, and the bidirectional overrides and
///   isolates (U+202A–U+202E, U+2066–U+2069), become visible `\u{..}` escapes, so a viewer
///   cannot be fooled about what a field says. TAB, CR and LF stay, inside a quoted field.
package struct CSVReporter: BuiltinReporter {
    package static let id = "csv"
    package static let summary = "CSV (RFC 4180): a row per host and rule, for spreadsheets"

    package let options: ReporterOptions
    private var packs: [String: PackInfo] = [:]

    package init(options: ReporterOptions) {
        self.options = options
    }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        packs = Dictionary(run.packs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        out.write(CSV.record(CSV.header))
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        for result in results.results { out.write(CSV.record(CSV.fields(result, pack: packs[result.pack]))) }
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {}
}

/// The pure text mappings of the CSV reporter.
enum CSV {
    /// The column names, in order.
    static let header = [
        "host", "pack", "rule", "severity", "outcome", "message", "evidence", "title", "pack_version", "pack_file", "pack_sha256",
    ]

    /// The fields of one result, in ``header`` order; `pack` is the result's pack as the run loaded it.
    static func fields(_ result: RuleResult, pack: PackInfo? = nil) -> [String] {
        [result.host, result.pack, result.rule, result.severity.rawValue, result.outcome.rawValue,
         result.message, evidence(result), result.title ?? "", pack?.version ?? "", pack?.file ?? "", pack?.sha256 ?? ""]
    }

    /// The evidence sources (`netstat.txt:8`), deduplicated in order, joined by `; `.
    static func evidence(_ result: RuleResult) -> String {
        var seen = Set<SourceLocation>()
        return result.evidence.compactMap(\.source).filter { seen.insert($0).inserted }
            .map(\.description).joined(separator: "; ")
    }

    /// One line: the fields escaped, joined by `,`, ended by CRLF.
    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field: controls made visible, a `'` before a formula start, quoted when needed.
    static func field(_ text: String) -> String {
        var value = visible(text)
        if startsFormula(value) { value = "'" + value }
        guard value.unicodeScalars.contains(where: needsQuotes) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    /// Whether a field holding `scalar` is quoted: a comma, a quote, or a control character that
    /// stays as it is (TAB, CR, LF, DEL, C1).
    static func needsQuotes(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "," || scalar == "\"" || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Whether a spreadsheet could read `value` as a formula: its first character after any
    /// leading `'`s is `=`, `+`, `-`, `@`, TAB or CR.
    static func startsFormula(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first(where: { $0 != "'" }) else { return false }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first)
    }

    /// `text` with every ``isHidden(_:)`` scalar as a visible `\u{..}` escape.
    static func visible(_ text: String) -> String {
        if TerminalText.isPrintableASCII(text) { return text }
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isHidden(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// C0 controls other than TAB, CR and LF, and the bidirectional controls
    /// (``TerminalText/isBidirectionalControl(_:)``: overrides, isolates and marks).
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        return TerminalText.isBidirectionalControl(scalar)
    }
}
