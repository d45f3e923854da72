/// Escapes text for HTML element content and quoted attribute values.
///
/// Everything that came from an input (host names, process names, command lines, messages) goes
/// through ``escaped(_:)``: the five markup characters become entities, and scalars that could
/// corrupt or spoof the page become visible `\u{..}` escapes: C0 and C1 controls (newlines
/// included), DEL, line and paragraph separators, bidirectional overrides and isolates (so a
/// process name cannot reorder the text around it), and Unicode noncharacters.
enum HTMLReportEscaping {
    /// Returns `text` safe to place between tags or inside a `"`- or `'`-quoted attribute.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isNeutralised(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'": true
        default: isNeutralised(scalar)
        }
    }

    /// Whether a scalar is shown as a visible escape instead of itself.
    static func isNeutralised(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return true }
        if v == 0x2028 || v == 0x2029 { return true }
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
            || v == 0x061C {
            return true
        }
        if (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE { return true }
        return false
    }
}
