/// Neutralises text that came from an input (process names, command lines, capture lines)
/// before it reaches a terminal or a line-oriented format.
///
/// Control characters (C0, DEL, C1, including ESC) become visible `\u{..}` escapes, so that a
/// hostile process name cannot move the cursor, change colours or forge extra output lines.
public enum TerminalText {
    /// Returns `text` with every control character replaced by a visible escape.
    public static func neutralised(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out.append(contentsOf: "\\u{\(hex)}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0x2028 || v == 0x2029
    }
}
