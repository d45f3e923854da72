/// Title and header lines of Windows `netstat`, recognised as decoration.
///
/// Known lines are matched after collapsing runs of blanks; an unknown language is still read
/// structurally (see ``NetstatParser``).
enum NetstatDecoration {
    /// Titles, one per display language.
    static let titles: Set<String> = [
        "Active Connections",
    ]

    /// Headers without the optional trailing `PID` column label.
    static let headers: Set<String> = [
        "Proto Local Address Foreign Address State",
    ]

    /// True when the line is a known title or header.
    static func isKnown(_ line: Substring) -> Bool {
        let collapsed = Tokens.split(line).joined(separator: " ")
        if titles.contains(collapsed) { return true }
        var header = collapsed
        if header.hasSuffix(" PID") { header.removeLast(4) }
        return headers.contains(header)
    }

    /// True when a line could be a header or title of an unknown language: it has no
    /// `address:port` token and does not start like a socket row.
    static func couldBeDecoration(_ line: Substring) -> Bool {
        let tokens = Tokens.split(line)
        guard !tokens.isEmpty, !NetstatRow.startsLikeRow(tokens) else { return false }
        return !tokens.contains { NetstatEndpoint($0)?.port != nil }
    }
}
