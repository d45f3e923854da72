/// A capture's command line split the way a shell would split it: the program and its words,
/// then the filters its output was piped through (`| findstr :3691`, `| grep LISTEN`).
///
/// Quotes (`'...'`, `"..."`) group words; redirections (`> netstat.txt`, `2>&1`) and sinks
/// that pass every line (`tee`, `Set-Content`, `Out-File`) are dropped; `sudo`, `doas`, `env`,
/// `VAR=value` and `cmd /c` in front are stripped (`sudo`/`doas` mark the command elevated).
struct CaptureCommandLine: Sendable, Hashable {
    /// The program, lower case, without directory and `.exe` (`netstat`, `ss`, `lsof`).
    var program: String
    /// The words after the program.
    var arguments: [String]
    /// Each filter stage of the pipeline, in order (its program lower case, then its words).
    var filters: [[String]]
    /// Whether the command ran through `sudo` or `doas` (as root).
    var elevated: Bool

    /// Programs a pipeline may end in that pass every line through.
    static let sinks: Set<String> = ["tee", "set-content", "out-file", "add-content", "cat", "more", "out-string"]
    /// Programs a pipeline may filter lines with.
    static let filterPrograms: Set<String> = ["findstr", "find", "grep", "select-string", "sls"]

    /// Splits `line`; nil when it cannot be read (an unclosed quote, nothing to run, a stage
    /// that is neither a filter nor a sink, a `sudo -u` to another user).
    init?(_ line: String) {
        guard let stages = Self.stages(line), var first = stages.first else { return nil }
        var elevated = false
        // Strip what runs the command rather than being it.
        while let word = first.first {
            let lower = word.lowercased()
            if lower == "sudo" || lower == "doas" {
                first.removeFirst()
                while let option = first.first, option.hasPrefix("-") {
                    // `sudo -u bob` runs as another user: not root.
                    if option == "-u" || option.hasPrefix("--user") { return nil }
                    first.removeFirst()
                }
                elevated = true
            } else if lower == "env" || lower == "exec" || lower == "command" {
                first.removeFirst()
            } else if word.contains("="), !word.hasPrefix("-"), word.first?.isLetter == true {
                first.removeFirst()  // LC_ALL=C
            } else if lower == "cmd" || lower == "cmd.exe" {
                first.removeFirst()
                guard let option = first.first?.lowercased(), option == "/c" || option == "/k" else { return nil }
                first.removeFirst()
                // `cmd /c "netstat -ano"`: the quoted command is split again.
                if first.count == 1, let inner = first.first, inner.contains(" ") {
                    guard let again = CaptureCommandLine(inner + stages.dropFirst().map { " | " + $0.joined(separator: " ") }.joined()) else {
                        return nil
                    }
                    self = again
                    self.elevated = self.elevated || elevated
                    return
                }
            } else {
                break
            }
        }
        guard let program = first.first else { return nil }
        self.program = Self.programName(program)
        self.arguments = Array(first.dropFirst())
        self.elevated = elevated
        var filters: [[String]] = []
        for stage in stages.dropFirst() {
            guard let name = stage.first.map(Self.programName) else { return nil }
            if Self.sinks.contains(name) { continue }
            guard Self.filterPrograms.contains(name) else { return nil }
            filters.append([name] + stage.dropFirst())
        }
        self.filters = filters
    }

    /// `C:\Windows\System32\NETSTAT.EXE` → `netstat`; `/usr/sbin/ss` → `ss`.
    static func programName(_ word: String) -> String {
        var name = Substring(word.lowercased())
        if let slash = name.lastIndex(where: { $0 == "/" || $0 == "\\" }) { name = name[name.index(after: slash)...] }
        if name.hasSuffix(".exe") { name = name.dropLast(4) }
        return String(name)
    }

    /// The pipeline's stages as words, redirections dropped; nil for an unclosed quote.
    static func stages(_ line: String) -> [[String]]? {
        var stages: [[String]] = []
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var skipNext = false
        func endWord() {
            if inWord {
                if skipNext {
                    skipNext = false
                } else if let redirection = Self.redirection(word) {
                    skipNext = redirection
                } else {
                    words.append(word)
                }
            }
            word = ""
            inWord = false
        }
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                inWord = true
            case " ", "\t":
                endWord()
            case "|":
                endWord()
                stages.append(words)
                words = []
            default:
                word.append(character)
                inWord = true
            }
        }
        guard quote == nil else { return nil }
        endWord()
        stages.append(words)
        guard !stages.contains(where: \.isEmpty) else { return nil }
        return stages
    }

    /// For a redirection word: whether its target is the next word (`>`), or nil when the
    /// word is no redirection (`2>&1`, `>out.txt` and `2>/dev/null` carry their target).
    private static func redirection(_ word: String) -> Bool? {
        let body = word.drop { $0 == "1" || $0 == "2" || $0 == "&" }
        guard body.hasPrefix(">") || body.hasPrefix("<") else { return nil }
        let target = body.drop { $0 == ">" || $0 == "<" }
        return target.isEmpty
    }
}
