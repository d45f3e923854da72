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
    /// an elision, a pager line, a Windows prompt (`X:\\`), or a prompt or echoed command,
    /// which holds one of `commands` (lower-case ASCII, compared ignoring ASCII case).
    static func mayBeNoise(_ line: Substring, commands: [[UInt8]]) -> Bool {
        withBytes(line) { bytes in
            // `…` (U+2026) and other general punctuation start with 0xE2.
            if bytes.contains(0xE2) { return true }
            let start = firstVisible(bytes)
            guard start < bytes.count else { return false }
            let first = bytes[start]
            if first == UInt8(ascii: "`") || first == UInt8(ascii: ".") || first == UInt8(ascii: "-") { return true }
            // A Windows prompt (`C:\Users\ops>`, `PS C:\>`) needs no command after it.
            if contains(bytes, ignoringCase: Array(":\\".utf8)) { return true }
            return commands.contains { contains(bytes, ignoringCase: $0) }
        }
    }

    /// An ASCII capital letter lowered; any other byte as it is.
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, ignoringCase needle: [UInt8]) -> Bool {
        let count = needle.count
        guard count > 0, haystack.count >= count else { return false }
        return needle.withUnsafeBufferPointer { needle in
            let head = needle[0]
            var index = 0
            while index <= haystack.count - count {
                if lower(haystack[index]) == head {
                    var matched = 1
                    while matched < count, lower(haystack[index + matched]) == needle[matched] { matched += 1 }
                    if matched == count { return true }
                }
                index += 1
            }
            return false
        }
    }
}
