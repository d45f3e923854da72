import HostCheckCore

/// Pieces of the Prometheus text exposition format (version 0.0.4), as read by node_exporter's
/// textfile collector and `promtool check metrics`.
enum PrometheusExposition {
    /// Escapes a label value for use between double quotes.
    ///
    /// The format requires `\` → `\\`, `"` → `\"` and line feed → `\n`. Other control characters
    /// (ESC, CR, C1, line separators), bidirectional controls and noncharacters
    /// (``TerminalText/isControl(_:)``) are written as a visible `\u{..}` whose backslash is
    /// itself escaped, so that a process name cannot put terminal escapes into the file or
    /// reorder what a label shows.
    static func labelValue(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\"" || isControl($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default:
                if isControl(scalar) {
                    out += "\\\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.isControl(scalar)
    }

    /// A sample value: integers without a fraction, `NaN`, `+Inf`, `-Inf`, else Swift's shortest
    /// round-tripping decimal (which Go's `ParseFloat` reads).
    static func value(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Inf" : "+Inf" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    /// `name{a="x",b="y"} value` with escaped label values.
    static func sample(_ name: String, _ labels: KeyValuePairs<String, String>, _ value: Double) -> String {
        var line = name
        if !labels.isEmpty {
            line += "{" + labels.map { "\($0.key)=\"\(labelValue($0.value))\"" }.joined(separator: ",") + "}"
        }
        return line + " " + Self.value(value) + "\n"
    }

    /// The `# HELP` and `# TYPE` lines that open a metric family.
    static func header(_ name: String, type: String, help: String) -> String {
        "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }
}
