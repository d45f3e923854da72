import HostCheckCore

/// The `findstr`, `find`, `grep` and `Select-String` stages a capture was piped through, read
/// for what they leave out: a stage of `:PORT` terms (any one matching) keeps every socket of
/// those local ports (and a few others); a stage of `LISTENING`/`LISTEN` terms keeps listening
/// TCP sockets only (UDP rows show no such state). Stages apply one after the other. Any other
/// term or option (`/v`, `-v`, a regular expression) cannot be read.
enum CaptureFilter {
    /// Narrows `declaration` by every stage in turn.
    static func apply(_ filters: [[String]], to declaration: inout CoverageDeclaration) throws(CaptureCommandError) {
        for stage in filters {
            guard let program = stage.first else { continue }
            let terms = try self.terms(program, Array(stage.dropFirst()))
            guard !terms.isEmpty else { throw CaptureCommandError("\(program): no search term") }
            var ports: [Int] = []
            var listening = 0
            for term in terms {
                let digits = term.hasPrefix(":") ? String(term.dropFirst()) : term
                if let port = CoverageDeclaration.port(digits) {
                    ports.append(port)
                } else if ["listening", "listen"].contains(term.lowercased()) {
                    listening += 1
                } else {
                    throw CaptureCommandError("\(program): only :PORT and LISTENING terms are read, not '\(term.prefix(30))'")
                }
            }
            if listening == terms.count {
                declaration.states = .listening
                declaration.udp = CoverageLevel.none
            } else if ports.count == terms.count {
                if case .some(let kept?) = declaration.ports {
                    declaration.ports = .some(kept.filter(ports.contains))
                } else {
                    declaration.ports = .some(ports)
                }
            } else {
                throw CaptureCommandError("\(program): a stage mixing :PORT and LISTENING terms is not read")
            }
        }
    }

    /// The search terms of one stage (any one matching keeps a line).
    private static func terms(_ program: String, _ words: [String]) throws(CaptureCommandError) -> [String] {
        var terms: [String] = []
        var words = words[...]
        while let word = words.popFirst() {
            let lower = word.lowercased()
            switch program {
            case "findstr", "find":
                if lower.hasPrefix("/c:") {
                    terms.append(String(word.dropFirst(3)))
                } else if lower == "/i" || lower == "/l" {
                    continue
                } else if word.hasPrefix("/") {
                    throw CaptureCommandError("\(program): option \(word.prefix(10)) is not read")
                } else {
                    // findstr reads "a b" as a or b.
                    terms += program == "find" ? [word] : word.split(separator: " ").map(String.init)
                }
            case "grep":
                if lower == "-i" || lower == "-f" || lower == "-w" || word == "-F" || word == "-E" || word == "--ignore-case" {
                    continue
                } else if word == "-e", let pattern = words.popFirst() {
                    terms.append(pattern)
                } else if word.hasPrefix("-") {
                    throw CaptureCommandError("grep: option \(word.prefix(10)) is not read")
                } else {
                    terms.append(word)
                }
            default:  // Select-String
                if lower == "-simplematch" || lower == "-pattern" {
                    continue
                } else if word.hasPrefix("-") {
                    throw CaptureCommandError("\(program): option \(word.prefix(20)) is not read")
                } else {
                    terms += word.split(separator: ",").map(String.init)
                }
            }
        }
        return terms
    }
}
