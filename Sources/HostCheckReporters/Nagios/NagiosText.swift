import HostCheckCore

/// Makes text safe for Nagios plugin output.
enum NagiosText {
    /// The character that stands in for `|` in text: Nagios reads `|` as the start of perfdata.
    static let pipeReplacement: Character = "¦"

    /// `text` on one line (control characters become visible escapes) without any `|`.
    static func line(_ text: String) -> String {
        let neutral = TerminalText.neutralised(text)
        guard neutral.contains("|") else { return neutral }
        return String(neutral.map { $0 == "|" ? pipeReplacement : $0 })
    }

    /// A perfdata label per the plugin guidelines: `=` (and `|`, control characters) become `_`,
    /// a `'` is doubled, and the label is single-quoted when it holds a space or a quote.
    static func perfdataLabel(_ label: String) -> String {
        var out = ""
        var quote = false
        for scalar in label.unicodeScalars {
            switch scalar {
            case "=", "|": out += "_"
            case "'":
                out += "''"
                quote = true
            case " ":
                out += " "
                quote = true
            default:
                let v = scalar.value
                if v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0x2028 || v == 0x2029 {
                    out += "_"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return quote ? "'" + out + "'" : out
    }

    /// `label=value[UOM];;;`.
    static func perfdata(_ label: String, _ value: String, unit: String = "") -> String {
        "\(perfdataLabel(label))=\(value)\(unit);;;"
    }

    /// Seconds with at most three decimals and no exponent (`0.012`, `3`).
    static func seconds(_ value: Double) -> String? {
        guard value.isFinite, value >= 0, value < 1e12 else { return nil }
        let millis = Int64((value * 1000).rounded())
        let fraction = millis % 1000
        guard fraction != 0 else { return String(millis / 1000) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(millis / 1000).\(digits)"
    }
}
