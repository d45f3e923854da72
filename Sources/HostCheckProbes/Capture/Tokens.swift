/// Whitespace splitting shared by the capture parsers.
enum Tokens {
    /// The tokens of `line`, split on runs of ASCII spaces and tabs. The bytes are scanned, not
    /// the Characters, so a space or tab followed by a combining mark still separates (and a
    /// line of junk costs a byte scan).
    static func split(_ line: Substring) -> [Substring] {
        let utf8 = line.utf8
        let spans: [Range<Int>]? = utf8.withContiguousStorageIfAvailable { bytes in
            var spans: [Range<Int>] = []
            var index = 0
            while index < bytes.count {
                while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
                guard index < bytes.count else { break }
                let start = index
                while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
                spans.append(start..<index)
            }
            return spans
        }
        guard let spans else { return split(Substring(String(line))) }
        let base = utf8.startIndex
        return spans.map { span in
            line[utf8.index(base, offsetBy: span.lowerBound)..<utf8.index(base, offsetBy: span.upperBound)]
        }
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
