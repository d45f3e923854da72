/// Title and header lines of Windows `netstat`, recognised as decoration.
///
/// Known lines (``WindowsLanguages``) are matched after collapsing runs of blanks; an unknown
/// language is still read
/// structurally (see ``NetstatParser``).
enum NetstatDecoration {
    /// True when the line is a known title or header.
    static func isKnown(_ line: Substring) -> Bool {
        guard LineShapeFilter.firstToken(of: line, isIn: firstWords, longest: longestFirstWord) else { return false }
        let collapsed = Tokens.split(line).joined(separator: " ")
        if WindowsLanguages.netstatDecoration.contains(collapsed) { return true }
        guard collapsed.hasSuffix(" PID") else { return false }
        return WindowsLanguages.netstatDecoration.contains(String(collapsed.dropLast(4)))
    }

    /// The first word of every known title and header, for a quick refusal.
    static let firstWords: Set<Substring> = Set(WindowsLanguages.netstatDecoration.compactMap {
        $0.split(separator: " ", maxSplits: 1).first
    })
    /// The length in bytes of the longest of ``firstWords``.
    static let longestFirstWord = firstWords.map(\.utf8.count).max() ?? 0

    /// True when the line is a known header (`Proto  Local Address ...`), not a title.
    static func isKnownHeader(_ line: Substring) -> Bool {
        var collapsed = Tokens.split(line).joined(separator: " ")
        if collapsed.hasSuffix(" PID") { collapsed.removeLast(4) }
        return WindowsLanguages.netstatHeaders.contains(collapsed)
    }

    /// The English title (`Active Connections`) and header (`Proto  Local Address  Foreign
    /// Address  State`, with or without `PID`) with their words joined by one blank.
    static let englishTitle = "Active Connections"
    static let englishHeader = "Proto Local Address Foreign Address State"

    /// What ``isKnown(_:)`` and ``isKnownHeader(_:)`` say of the English title and header.
    static let englishTitleDecision = (known: isKnown(Substring(englishTitle)), header: isKnownHeader(Substring(englishTitle)))
    static let englishHeaderDecision = (
        known: isKnown(Substring(englishHeader)) && isKnown(Substring(englishHeader + " PID")),
        header: isKnownHeader(Substring(englishHeader)) && isKnownHeader(Substring(englishHeader + " PID")))

    /// When the line's words are those of the English title or header, what ``isKnown(_:)``
    /// and ``isKnownHeader(_:)`` say of it (they read only its words); nil for any other line.
    /// `tokens` is scratch space.
    static func english(_ bytes: UnsafeBufferPointer<UInt8>, tokens: inout [Range<Int>]) -> (known: Bool, header: Bool)? {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 }),
              first == UInt8(ascii: "A") || first == UInt8(ascii: "P") else { return nil }
        ByteLine.tokens(bytes, into: &tokens)
        if tokens.count == 2, ByteLine.equals(bytes, tokens[0], "Active"), ByteLine.equals(bytes, tokens[1], "Connections") {
            return englishTitleDecision
        }
        guard tokens.count == 6 || tokens.count == 7 else { return nil }
        let words: [StaticString] = ["Proto", "Local", "Address", "Foreign", "Address", "State", "PID"]
        for (token, word) in zip(tokens, words) where !ByteLine.equals(bytes, token, word) { return nil }
        return englishHeaderDecision
    }

    /// True when a line could be a header or title of an unknown language: it has no
    /// `address:port` token and does not start like a socket row.
    static func couldBeDecoration(_ line: Substring) -> Bool {
        let tokens = Tokens.split(line)
        guard !tokens.isEmpty, !NetstatRow.startsLikeRow(tokens) else { return false }
        return !tokens.contains { NetstatEndpoint($0)?.port != nil }
    }
}
