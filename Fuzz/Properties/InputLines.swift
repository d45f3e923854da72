/// How many lines an input has, counted apart from the loaders: every line break a YAML 1.1
/// reader honours (CR LF, CR, LF, NEL, LS, PS) ends one; UTF-16 with a byte-order mark decoded.
enum InputLines {
    /// The number of lines (line breaks + 1).
    static func count(_ bytes: [UInt8]) -> Int {
        let text: String
        if bytes.count >= 2, bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF {
            let body = bytes.dropFirst(2)
            let units = stride(from: body.startIndex, to: body.endIndex - 1, by: 2).map { index in
                bytes[0] == 0xFF ? UInt16(body[index + 1]) << 8 | UInt16(body[index]) : UInt16(body[index]) << 8 | UInt16(body[index + 1])
            }
            text = String(decoding: units, as: UTF16.self)
        } else {
            text = String(decoding: bytes, as: UTF8.self)
        }
        // Scalars, not Characters: a combining mark after a break joins it into one Character
        // that is no newline (a fuzz finding in the property itself).
        var breaks = 0
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": if previous != "\r" { breaks += 1 }
            case "\r", "\u{85}", "\u{2028}", "\u{2029}": breaks += 1
            default: break
            }
            previous = scalar
        }
        return 1 + breaks
    }
}
