/// Lines users paste around a capture that are not part of the command's output
/// (docs/captures.md, "Display languages"): shell prompts and echoed commands, `more` pager prompts, `...`
/// elisions and Markdown code fences.
enum PastedNoise: Equatable {
    case prompt
    case pager
    case elision
    case codeFence

    /// The commands whose echo is recognised (command names are never localized).
    static let commands: Set<String> = [
        "netstat", "tasklist", "get-nettcpconnection", "get-netudpendpoint", "get-process", "ss", "sudo", "lsof",
    ]

    /// The Windows prompt's `:\\` anywhere, and ``commands`` as blank-separated tokens (the
    /// only way ``isPrompt(_:)`` accepts them), as one search for
    /// ``LineShapeFilter/mayBeNoise(_:needles:)``.
    static let needles = ByteNeedles([Array(":\\".utf8)], wholeWords: commands.sorted().map { Array($0.utf8) })

    /// What kind of pasted noise a line is, or nil.
    static func classify(_ line: Substring) -> PastedNoise? {
        guard LineShapeFilter.mayBeNoise(line, needles: needles) else { return nil }
        let body = DisplayWidth.trimmed(String(line))
        guard !body.isEmpty else { return nil }
        if body.hasPrefix("```") { return .codeFence }
        if body.count >= 3, body.allSatisfy({ $0 == "." }) || body == "…" { return .elision }
        if body.hasPrefix("-- "), body.hasSuffix(" --"), body.count <= 40 { return .pager }
        if isPrompt(body) { return .prompt }
        return nil
    }

    /// True when the line, blanks trimmed, ends with `^C`: the console echo of Ctrl-C, so the
    /// command was interrupted and what follows (or the rest of this line) is missing.
    static func endsWithInterrupt(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return end >= 2 && bytes[end - 2] == 0x5E && bytes[end - 1] == 0x43
    }

    /// True when the line is `^C` alone (blanks around it allowed).
    static func isInterrupt(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        guard endsWithInterrupt(bytes) else { return false }
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return end - start == 2
    }

    /// ``endsWithInterrupt(_:)`` for a line as text.
    static func endsWithInterrupt(_ line: Substring) -> Bool {
        ByteLine.withBytes(line, endsWithInterrupt)
    }

    /// ``isInterrupt(_:)`` for a line as text.
    static func isInterrupt(_ line: Substring) -> Bool {
        ByteLine.withBytes(line, isInterrupt)
    }

    /// `C:\Users\ops>netstat -ano`, `PS C:\> netstat -a -n`, `% netstat -an`,
    /// `user@host:~ $ netstat -tanp`, `(venv) C:\soft>netstat -na`, or a bare echoed
    /// command with options (`netstat -ano`, `tasklist /fo csv`) — never a `tasklist` row such
    /// as `tasklist.exe  4242 Console ...`.
    static func isPrompt(_ body: String) -> Bool {
        var rest = Substring(body)
        if rest.hasPrefix("("), let close = rest.firstRange(of: ") ") { rest = rest[close.upperBound...] }
        if rest.hasPrefix("PS ") { rest = rest.dropFirst(3) }
        let scalars = Array(rest.unicodeScalars.prefix(3))
        if scalars.count == 3, scalars[0].properties.isAlphabetic, scalars[0].isASCII, scalars[1] == ":",
           scalars[2] == "\\", rest.contains(">") {
            return true
        }
        var prompted = false
        if rest.hasPrefix("% ") || rest.hasPrefix("$ ") || rest.hasPrefix("# ") {
            rest = rest.dropFirst(2)
            prompted = true
        } else if let mark = rest.firstRange(of: "$ ") ?? rest.firstRange(of: "# "), rest[..<mark.lowerBound].contains("@") {
            rest = rest[mark.upperBound...]
            prompted = true
        }
        let tokens = Tokens.split(rest)
        guard let first = tokens.first, commands.contains(first.lowercased()) else { return false }
        if prompted || tokens.count == 1 { return true }
        return tokens[1].hasPrefix("-") || tokens[1].hasPrefix("/")
    }
}
