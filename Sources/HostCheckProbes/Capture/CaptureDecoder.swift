/// Turns the bytes of a capture file into text, recording the encoding it chose.
///
/// The order follows the capture-format spec §1: a byte-order mark (UTF-8, UTF-16LE,
/// UTF-16BE); UTF-16LE without a mark, told by NUL bytes in the odd positions; strict UTF-8.
/// Every encoding this decoder knows is chosen here, so new ones are added in one place.
enum CaptureDecoder {
    /// The decoded text and its encoding, or nil when no known encoding fits.
    static func decode(_ bytes: [UInt8]) -> (text: String, encoding: CaptureEncoding)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = strictUTF8(bytes.dropFirst(3)) else { return nil }
            return (text, .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (utf16(bytes.dropFirst(2), littleEndian: true), .utf16LEBOM)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (utf16(bytes.dropFirst(2), littleEndian: false), .utf16BEBOM)
        }
        if looksLikeUTF16LE(bytes) {
            return (utf16(bytes[...], littleEndian: true), .utf16LE)
        }
        if let text = strictUTF8(bytes[...]) {
            return (text, .utf8)
        }
        return nil
    }

    /// True when at least 30 % of the odd bytes are NUL and the even bytes are not (ASCII text
    /// written as UTF-16LE).
    static func looksLikeUTF16LE(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        var oddNULs = 0
        var evenNULs = 0
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0 { evenNULs += 1 }
            if bytes[index + 1] == 0 { oddNULs += 1 }
            index += 2
        }
        let pairs = bytes.count / 2
        return oddNULs * 10 >= pairs * 3 && evenNULs * 10 < pairs
    }

    static func strictUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    /// Decodes UTF-16; an odd trailing byte is dropped and unpaired surrogates become U+FFFD.
    static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
