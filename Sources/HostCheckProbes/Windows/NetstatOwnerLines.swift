/// The `netstat -b` lines printed under a socket row (capture-format spec §2.3).
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

    /// Classifies the bytes of one line without building text (the parser's hot path).
    static func span(bytes: UnsafeBufferPointer<UInt8>, tokens: inout [Range<Int>]) -> Span? {
        var indent = 0
        while indent < bytes.count, bytes[indent] == 0x20 { indent += 1 }
        ByteLine.tokens(bytes, into: &tokens)
        guard let first = tokens.first, let last = tokens.last else { return nil }
        let body = first.lowerBound..<last.upperBound
        if bytes[body.lowerBound] == 0x5B, bytes[body.upperBound - 1] == 0x5D, body.count > 2 {
            return .image((body.lowerBound + 1)..<(body.upperBound - 1))
        }
        let hasColon = ByteLine.firstIndex(of: 0x3A, in: bytes, body) != nil
        let hasBracket = ByteLine.firstIndex(of: 0x5B, in: bytes, body) != nil
        if indent >= 2, tokens.count == 1, !hasColon, !ByteLine.equals(bytes, body, "...") {
            return .component(body)
        }
        if indent == 1, tokens.count >= 2, !hasColon, !hasBracket { return .notObtainable }
        let text = tokens.map { ByteLine.string(bytes, $0) }.joined(separator: " ")
        return WindowsLanguages.ownerFailures.contains(text) ? .notObtainable : nil
    }
}
