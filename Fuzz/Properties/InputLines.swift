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
        // A Character joins CR LF into one; every other break is one Character of its own.
        return 1 + text.reduce(0) { $0 + ($1.isNewline && $1 != "\u{0B}" && $1 != "\u{0C}" ? 1 : 0) }
    }
}
