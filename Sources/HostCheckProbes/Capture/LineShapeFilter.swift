/// Byte-level tests that rule a line out before the string-based classifiers look at it, so a
/// capture full of lines no parser understands is read at byte speed (issue "Hostile input":
/// junk lines inside a recognised capture). Each test may only answer "cannot be" for lines
/// the classifier it guards would reject; it may let through lines the classifier rejects.
enum LineShapeFilter {
    /// `body` over the line's UTF-8 bytes, without copying them when they are contiguous.
    private static func withBytes<R>(_ line: Substring, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = line.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(line.utf8).withUnsafeBufferPointer(body)
    }

    /// The index of the first byte that is not an ASCII blank (space, tab, CR, VT, FF) nor a
    /// non-ASCII byte (Unicode blanks such as U+00A0, U+3000 are skipped with them).
    private static func firstVisible(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || byte >= 0x80) { break }
            index += 1
        }
        return index
    }

    /// Whether the line may start with a protocol token (`tcp`, `udp`, any case) once leading
    /// blanks are skipped (``NetstatRowShape``).
    static func mayStartWithProtocol(_ line: Substring) -> Bool {
        withBytes(line) { bytes in
            let start = firstVisible(bytes)
            guard bytes.count - start >= 3 else { return false }
            let a = lower(bytes[start]), b = lower(bytes[start + 1]), c = lower(bytes[start + 2])
            return (a == UInt8(ascii: "t") && b == UInt8(ascii: "c") && c == UInt8(ascii: "p"))
                || (a == UInt8(ascii: "u") && b == UInt8(ascii: "d") && c == UInt8(ascii: "p"))
        }
    }

    /// Whether the line's first token (split on ASCII blanks) may be one of `words`, whose
    /// longest is `longest` bytes — the first words of known titles and headers
    /// (``NetstatDecoration/isKnown(_:)``).
    static func firstToken(of line: Substring, isIn words: Set<Substring>, longest: Int) -> Bool {
        let length: Int? = withBytes(line) { bytes in
            var start = 0
            while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            var end = start
            while end < bytes.count, bytes[end] != 0x20, bytes[end] != 0x09 { end += 1 }
            return end > start && end - start <= longest ? end - start : nil
        }
        guard length != nil,
              let first = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" }).first else { return false }
        return words.contains(first)
    }

    /// Whether the line may be pasted noise (``PastedNoise/classify(_:)``): a code fence,
    /// an elision, a pager line, or a line holding one of `needles` (a Windows prompt `:\\`,
    /// an echoed command), compared ignoring ASCII case.
    static func mayBeNoise(_ line: Substring, needles: ByteNeedles) -> Bool {
        withBytes(line) { bytes in
            // `…` (U+2026) and other general punctuation start with 0xE2.
            if bytes.contains(0xE2) { return true }
            let start = firstVisible(bytes)
            guard start < bytes.count else { return false }
            let first = bytes[start]
            if first == UInt8(ascii: "`") || first == UInt8(ascii: ".") || first == UInt8(ascii: "-") { return true }
            return needles.occur(in: bytes)
        }
    }

    /// Whether the line holds one of `needles`, ignoring ASCII case: a line equal to a known
    /// message once trimmed must hold that message.
    static func mayHold(_ line: Substring, _ needles: ByteNeedles) -> Bool {
        withBytes(line) { needles.occur(in: $0) }
    }

    /// Whether the line holds the byte (an ASCII character), without stepping through Characters.
    static func contains(_ line: Substring, byte: UInt8) -> Bool {
        withBytes(line) { $0.contains(byte) }
    }

    /// An ASCII capital letter lowered; any other byte as it is.
    private static func lower(_ byte: UInt8) -> UInt8 { ByteNeedles.lower(byte) }
}
