/// Whitespace splitting shared by the capture parsers.
enum Tokens {
    /// The tokens of `line`, split on runs of ASCII spaces and tabs.
    static func split(_ line: Substring) -> [Substring] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    /// True when the line is empty or only blanks.
    static func isBlank(_ line: Substring) -> Bool {
        for byte in line.utf8 where byte != 0x20 && byte != 0x09 {
            if byte < 0x80 { return false }
            return line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        }
        return true
    }

    /// True when `text` is one or more ASCII digits.
    static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
