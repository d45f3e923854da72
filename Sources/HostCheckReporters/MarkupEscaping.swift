import HostCheckCore

/// Escaping of captured text for XML and HTML output.
enum Markup {
    /// Text safe in XML 1.0 and HTML element content and in double- or single-quoted attributes.
    ///
    /// Control characters (which XML 1.0 forbids even as references), bidirectional overrides
    /// and noncharacters (U+FFFE, U+FFFF, …) first become visible `\u{..}` escapes via
    /// ``TerminalText``; then `&`, `<`, `>`, `"` and `'` become entity references, so `]]>` and
    /// `</script>` cannot end anything.
    static func escape(_ text: String) -> String {
        let clean = TerminalText.neutralised(text)
        guard clean.unicodeScalars.contains(where: needsEscape) else { return clean }
        var out = ""
        out.reserveCapacity(clean.utf8.count + 16)
        for scalar in clean.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'": true
        default: false
        }
    }
}
