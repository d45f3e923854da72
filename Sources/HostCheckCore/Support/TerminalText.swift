/// Neutralises text that came from an input (process names, command lines, capture lines)
/// before it reaches a terminal or a line-oriented format.
///
/// Control characters (C0, DEL, C1, including ESC), line and paragraph separators,
/// bidirectional overrides and isolates, and Unicode noncharacters become visible `\u{..}`
/// escapes, so that a hostile process name cannot move the cursor, change colours, forge extra
/// output lines or reorder the text around it.
public enum TerminalText {
    /// Returns `text` with every control character replaced by a visible escape.
    public static func neutralised(_ text: String) -> String {
        // Printable ASCII (nearly every cell of a report) needs no look at its scalars.
        if isPrintableASCII(text) { return text }
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

    /// Whether every byte of `text` is printable ASCII (0x20 to 0x7E).
    public static func isPrintableASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
    }

    /// Whether `scalar` is shown as a visible escape instead of itself.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0x2028 || v == 0x2029 { return true }
        if isBidirectionalControl(scalar) { return true }
        return (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE
    }

    /// Whether `scalar` is a bidirectional control that reorders the text a viewer shows:
    /// embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the left-to-right
    /// and right-to-left marks (U+200E, U+200F) and the Arabic letter mark (U+061C). Every
    /// report format escapes these (docs/reports.md, "Escaping of control and bidirectional
    /// characters").
    package static func isBidirectionalControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
