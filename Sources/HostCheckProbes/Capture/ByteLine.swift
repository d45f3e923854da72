#if canImport(Glibc)
import Glibc
#endif

/// Byte-level views of one line, for the hot paths of the parsers.
///
/// Splitting at ASCII bytes is safe in UTF-8 (no multi-byte sequence contains an ASCII byte),
/// and avoids the cost of `Character` (grapheme) iteration on large captures.
enum ByteLine {
    /// Calls `body` with the line's UTF-8 bytes, copying only when the storage is not contiguous.
    static func withBytes<R>(_ line: Substring, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = line.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(line.utf8).withUnsafeBufferPointer(body)
    }

    /// The ranges of the runs of bytes that are not ASCII spaces or tabs.
    static func tokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        tokens(bytes, into: &ranges)
        return ranges
    }

    /// Fills `ranges` (emptied first, capacity kept) with the token ranges of the line.
    static func tokens(_ bytes: UnsafeBufferPointer<UInt8>, into ranges: inout [Range<Int>]) {
        ranges.removeAll(keepingCapacity: true)
        var index = 0
        while let token = nextToken(bytes, &index) { ranges.append(token) }
    }

    /// The next run of bytes that are not blanks (spaces, tabs) from `cursor`, which moves past
    /// it; nil (the cursor at the end) when only blanks are left.
    @inline(__always)
    static func nextToken(_ bytes: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) -> Range<Int>? {
        let start = firstIndex(blank: false, in: bytes, from: cursor)
        guard start < bytes.count else {
            cursor = bytes.count
            return nil
        }
        let end = firstIndex(blank: true, in: bytes, from: start)
        cursor = end
        return start..<end
    }

    /// The first index at or after `start` whose byte is (`blank`) or is not a space or tab;
    /// the count when there is none. Eight bytes are examined at a time: netstat pads its
    /// columns with long runs of spaces, and its tokens are a dozen bytes or more.
    @inline(__always)
    static func firstIndex(blank: Bool, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let blanks = zeroBytes(word ^ 0x2020_2020_2020_2020) | zeroBytes(word ^ 0x0909_0909_0909_0909)
                let found = blank ? blanks : ~blanks & 0x8080_8080_8080_8080
                if found != 0 { return index + found.trailingZeroBitCount >> 3 }
                index += 8
            }
        }
        while index < count, (bytes[index] == 0x20 || bytes[index] == 0x09) != blank { index += 1 }
        return index
    }

    /// The high bit of each byte of `word` that is zero, and no other bit (exact, unlike the
    /// borrow-based test: no byte above a zero byte is marked).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word | low)
    }

    /// True when every byte is printable ASCII or a tab: no other control byte, no DEL, nothing
    /// of eight bits. Eight bytes are examined at a time.
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                // Bytes of eight bits, DEL, and those below 0x20 (the top three bits clear) but tabs.
                let refused = word & 0x8080_8080_8080_8080 | zeroBytes(word ^ 0x7F7F_7F7F_7F7F_7F7F)
                    | zeroBytes(word & 0xE0E0_E0E0_E0E0_E0E0) & ~zeroBytes(word ^ 0x0909_0909_0909_0909)
                if refused != 0 { return false }
                index += 8
            }
        }
        while index < count {
            let byte = bytes[index]
            if byte < 0x20 && byte != 0x09 || byte >= 0x7F { return false }
            index += 1
        }
        return true
    }

    /// True when the bytes are only ASCII blanks (or NO-BREAK SPACE).
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09:
                index += 1
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xA0:
                index += 2
            default:
                return false
            }
        }
        return true
    }

    /// The text of a byte range.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// True when the range holds exactly the ASCII text `literal`.
    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != pointer[offset] { return false }
        return true
    }

    /// True when `text` holds exactly the bytes at `range` of `bytes` (compared with `memcmp`).
    static func same(_ text: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard text.count == range.count else { return false }
        guard let left = text.baseAddress, let right = bytes.baseAddress else { return range.isEmpty }
        return memcmp(left, right + range.lowerBound, range.count) == 0
    }

    /// The value of a run of 1 to `maxDigits` ASCII digits, nil otherwise.
    @inline(__always)
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, maxDigits: Int) -> Int? {
        guard !range.isEmpty, range.count <= maxDigits else { return nil }
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// True when the range holds one or more ASCII digits and nothing else.
    @inline(__always)
    static func isDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        for index in range where bytes[index] < 0x30 || bytes[index] > 0x39 { return false }
        return true
    }

    /// The index of the first / last `byte` in the range.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    @inline(__always)
    static func lastIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.upperBound
        while index > range.lowerBound {
            index -= 1
            if bytes[index] == byte { return index }
        }
        return nil
    }
}
