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
        let indent = line.prefix { $0 == " " }.count
        let body = DisplayWidth.trimmed(String(line))
        guard !body.isEmpty else { return nil }
        if body.hasPrefix("["), body.hasSuffix("]"), body.count > 2 {
            return .image(String(body.dropFirst().dropLast()))
        }
        if WindowsLanguages.ownerFailures.contains(body) { return .notObtainable }
        let tokens = Tokens.split(Substring(body))
        if indent >= 2, tokens.count == 1, !body.contains(":"), body != "..." { return .component(body) }
        if indent == 1, tokens.count >= 2, !body.contains(":"), !body.contains("[") { return .notObtainable }
        return nil
    }
}
