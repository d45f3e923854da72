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

    /// True when a line could be a header or title of an unknown language: it has no
    /// `address:port` token and does not start like a socket row.
    static func couldBeDecoration(_ line: Substring) -> Bool {
        let tokens = Tokens.split(line)
        guard !tokens.isEmpty, !NetstatRow.startsLikeRow(tokens) else { return false }
        return !tokens.contains { NetstatEndpoint($0)?.port != nil }
    }
}
