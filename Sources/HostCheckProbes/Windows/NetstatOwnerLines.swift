/// The `netstat -b` lines printed under a socket row (capture-format spec §2.3).
///
/// Read by shape, not by words: ` [image.exe]` (brackets) is the executable; a single token
/// indented two spaces (`  RpcSs`) is a component or service; a multi-word line indented one
/// space is the (localized) "can not obtain ownership information" line.
struct NetstatOwner: Sendable, Hashable {
    /// The executable from the bracketed line, and its 1-based line.
    var image: String?
    var imageLine: Int?
    /// Components (services) named above the executable.
    var components: [String] = []
    /// True when netstat printed its "can not obtain ownership information" line.
    var notObtainable = false
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

    /// Classifies the bytes of one line, using `tokens` as scratch space.
    static func classify(bytes: UnsafeBufferPointer<UInt8>, tokens: inout [Range<Int>]) -> Kind? {
        var indent = 0
        while indent < bytes.count, bytes[indent] == 0x20 { indent += 1 }
        ByteLine.tokens(bytes, into: &tokens)
        guard let first = tokens.first, let last = tokens.last else { return nil }
        let body = first.lowerBound..<last.upperBound
        if bytes[body.lowerBound] == 0x5B, bytes[body.upperBound - 1] == 0x5D, body.count > 2 {
            return .image(ByteLine.string(bytes, (body.lowerBound + 1)..<(body.upperBound - 1)))
        }
        let hasColon = ByteLine.firstIndex(of: 0x3A, in: bytes, body) != nil
        let hasBracket = ByteLine.firstIndex(of: 0x5B, in: bytes, body) != nil
        if indent >= 2, tokens.count == 1, !hasColon, !ByteLine.equals(bytes, body, "...") {
            return .component(ByteLine.string(bytes, body))
        }
        if indent == 1, tokens.count >= 2, !hasColon, !hasBracket { return .notObtainable }
        let text = tokens.map { ByteLine.string(bytes, $0) }.joined(separator: " ")
        return WindowsLanguages.ownerFailures.contains(text) ? .notObtainable : nil
    }
}
