import HostCheckCore

/// Strict UTF-8 validation (Unicode Table 3-7: no overlong forms, surrogates or code points
/// above U+10FFFF), without making a `String`: ASCII is skipped 32 bytes at a time, and a
/// large text is checked in two halves at once.
enum UTF8Validation {
    /// From this many bytes, the two halves of a text are checked on two threads.
    static let parallelThreshold = 8 << 20

    /// Whether the bytes are valid UTF-8.
    static func isValid(_ bytes: FileBytes, parallelFrom threshold: Int = parallelThreshold) -> Bool {
        let count = bytes.count
        let middle: Int? = count < threshold ? nil : bytes.withUnsafeBufferPointer { buffer in
            // A sequence starts at any byte that is not a continuation byte (10xxxxxx); in valid
            // text one comes within four bytes.
            (count / 2..<min(count / 2 + 4, count)).first { buffer[$0] & 0xC0 != 0x80 }
        }
        guard let middle else { return bytes.withUnsafeBufferPointer(isValid) }
        let (first, second) = BlockingThread.both({
            bytes.withUnsafeBufferPointer { isValid(UnsafeBufferPointer(rebasing: $0[..<middle])) }
        }, {
            bytes.withUnsafeBufferPointer { isValid(UnsafeBufferPointer(rebasing: $0[middle...])) }
        })
        return first && second
    }

    /// Whether the bytes are valid UTF-8, checked on the calling thread.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstInvalidOffset(bytes) == nil
    }

    /// The offset of the first byte that does not start a well-formed sequence, nil when the
    /// bytes are valid UTF-8.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        while index < count {
            while index + 32 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                index += 32
            }
            guard index < count else { break }
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            guard let length = sequenceLength(base, at: index, count: count) else { return index }
            index += length
        }
        return nil
    }

    /// The length of the well-formed multi-byte sequence at `index`, nil when it is not one.
    private static func sequenceLength(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int? {
        let lead = base[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return nil
        }
        guard index + length <= count, secondRange.contains(base[index + 1]) else { return nil }
        for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 { return nil }
        return length
    }
}
