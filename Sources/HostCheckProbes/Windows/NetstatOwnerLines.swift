/// The `netstat -b` lines printed under a socket row (docs/captures.md, "Owners").
///
/// Read by shape, not by words: ` [image.exe]` (brackets) is the executable; a single token
/// indented two spaces (`  RpcSs`) is a component or service; a multi-word line indented one
/// space is the (localized) "can not obtain ownership information" line.
///
/// They are kept as byte ranges of the capture's text while the row's owner lines are read.
struct PendingOwner {
    /// True once an owner line was read under the row.
    var present = false
    var image: Range<Int>?
    var imageLine: Int?
    /// Components (services) named above the executable; capacity is kept between rows.
    var components: [Range<Int>] = []
    var notObtainable = false

    mutating func clear() {
        present = false
        image = nil
        imageLine = nil
        components.removeAll(keepingCapacity: true)
        notObtainable = false
    }
}

enum NetstatOwnerLines {
    enum Kind: Equatable {
        case image(String)
        case component(String)
        case notObtainable
    }

    /// What an owner line says, or nil when the line has none of the owner-line shapes.
    static func classify(_ line: Substring) -> Kind? {
        ByteLine.withBytes(line, classify(bytes:))
    }

    static func classify(bytes: UnsafeBufferPointer<UInt8>) -> Kind? {
        var tokens: [Range<Int>] = []
        return classify(bytes: bytes, tokens: &tokens)
    }

    /// What an owner line says, with byte ranges of the line instead of text.
    enum Span: Equatable {
        case image(Range<Int>)
        case component(Range<Int>)
        case notObtainable
    }

    /// Classifies the bytes of one line, using `tokens` as scratch space.
    static func classify(bytes: UnsafeBufferPointer<UInt8>, tokens: inout [Range<Int>]) -> Kind? {
        switch span(bytes: bytes, tokens: &tokens) {
        case .image(let range): .image(ByteLine.string(bytes, range))
        case .component(let range): .component(ByteLine.string(bytes, range))
        case .notObtainable: .notObtainable
        case nil: nil
        }
    }

    /// Classifies the bytes of one line without building text (the parser's hot path): the
    /// shapes are read from the trimmed line in one pass; only a line of none of them is split
    /// into tokens (using `tokens` as scratch space) and compared with the known failure lines.
    static func span(bytes: UnsafeBufferPointer<UInt8>, tokens: inout [Range<Int>]) -> Span? {
        let count = bytes.count
        var indent = 0
        while indent < count, bytes[indent] == 0x20 { indent += 1 }
        var lower = indent
        while lower < count, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        var upper = count
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        guard lower < upper else { return nil }
        let body = lower..<upper
        if bytes[lower] == 0x5B, bytes[upper - 1] == 0x5D, body.count > 2 {
            return .image((lower + 1)..<(upper - 1))
        }
        var hasColon = false
        var hasBracket = false
        var hasBlank = false
        for index in body {
            switch bytes[index] {
            case 0x3A: hasColon = true
            case 0x5B: hasBracket = true
            case 0x20, 0x09: hasBlank = true
            default: break
            }
        }
        if indent >= 2, !hasBlank, !hasColon, !ByteLine.equals(bytes, body, "...") {
            return .component(body)
        }
        if indent == 1, hasBlank, !hasColon, !hasBracket { return .notObtainable }
        ByteLine.tokens(bytes, into: &tokens)
        let text = tokens.map { ByteLine.string(bytes, $0) }.joined(separator: " ")
        return WindowsLanguages.ownerFailures.contains(text) ? .notObtainable : nil
    }
}
