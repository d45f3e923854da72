/// A shell-style glob: `*` (any run), `?` (one character), `[abc]`, `[a-z]`, `[!x]`;
/// `\` escapes the next character. Matches the whole text.
package struct Glob: Sendable, Hashable, CustomStringConvertible {
    enum Token: Sendable, Hashable {
        case literal(Character)
        case any
        case star
        case set(ranges: [ClosedRange<Character>], negated: Bool)
    }

    /// The pattern as written.
    package let pattern: String
    package let ignoreCase: Bool
    let tokens: [Token]
    /// The pattern's fast-path shape, computed once.
    let shape: Shape

    /// Compiles `pattern`; nil when a `[` is never closed.
    package init?(_ pattern: String, ignoreCase: Bool = false) {
        self.pattern = pattern
        self.ignoreCase = ignoreCase
        let source = Array(ignoreCase ? pattern.lowercased() : pattern)
        var tokens: [Token] = []
        var index = 0
        while index < source.count {
            let character = source[index]
            switch character {
            case "*":
                if tokens.last != .star { tokens.append(.star) }
            case "?":
                tokens.append(.any)
            case "\\" where index + 1 < source.count:
                index += 1
                tokens.append(.literal(source[index]))
            case "[":
                guard let (token, end) = Glob.parseSet(source, from: index + 1) else { return nil }
                tokens.append(token)
                index = end
            default:
                tokens.append(.literal(character))
            }
            index += 1
        }
        self.tokens = tokens
        shape = Glob.shape(of: tokens)
    }

    package var description: String { pattern }

    private static func parseSet(_ source: [Character], from start: Int) -> (Token, Int)? {
        var index = start
        var negated = false
        if index < source.count, source[index] == "!" || source[index] == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while index < source.count {
            let character = source[index]
            if character == "]", !first { return (.set(ranges: ranges, negated: negated), index) }
            first = false
            if index + 2 < source.count, source[index + 1] == "-", source[index + 2] != "]", character <= source[index + 2] {
                ranges.append(character...source[index + 2])
                index += 3
            } else {
                ranges.append(character...character)
                index += 1
            }
        }
        return nil
    }

    /// What a glob says about a text that may be a prefix of the real value.
    enum PrefixMatch { case full, viable, impossible }

    /// Whether `text` matches the whole pattern.
    package func matches(_ text: String) -> Bool {
        let subject = ignoreCase ? text.lowercased() : text
        switch shape {
        case .literal(let literal): return subject == literal
        case .prefix(let prefix): return subject.hasPrefix(prefix)
        case .suffix(let suffix): return subject.hasSuffix(suffix)
        case .general: return states(after: text).contains(tokens.count)
        }
    }

    /// Common patterns matched without the automaton.
    enum Shape: Sendable, Hashable {
        case literal(String)
        case prefix(String)
        case suffix(String)
        case general
    }

    private static func shape(of tokens: [Token]) -> Shape {
        var literal = ""
        var stars: [Int] = []
        for (index, token) in tokens.enumerated() {
            switch token {
            case .literal(let character): literal.append(character)
            case .star: stars.append(index)
            default: return .general
            }
        }
        if stars.isEmpty { return .literal(literal) }
        if stars == [tokens.count - 1] { return .prefix(literal) }
        if stars == [0] { return .suffix(literal) }
        return .general
    }

    /// For a text that may be truncated: `full` when the text and every extension of it match,
    /// `viable` when some extension (or the text) could match, `impossible` when none can.
    func prefixMatch(_ text: String) -> PrefixMatch {
        let reached = states(after: text)
        if reached.isEmpty { return .impossible }
        let allStars = reached.contains { state in tokens[state...].allSatisfy { $0 == .star } && state < tokens.count }
        return allStars ? .full : .viable
    }

    /// The pattern positions reachable after consuming `text` (an NFA simulation, linear in
    /// text length times pattern length).
    private func states(after text: String) -> Set<Int> {
        var current = closure([0])
        for character in ignoreCase ? text.lowercased() : text {
            var next: Set<Int> = []
            for state in current where state < tokens.count {
                switch tokens[state] {
                case .star:
                    next.insert(state)
                case .any:
                    next.insert(state + 1)
                case .literal(let expected):
                    if expected == character { next.insert(state + 1) }
                case .set(let ranges, let negated):
                    if ranges.contains(where: { $0.contains(character) }) != negated { next.insert(state + 1) }
                }
            }
            current = closure(next)
            if current.isEmpty { break }
        }
        return current
    }

    /// Adds the positions after each `*` (a star may match nothing).
    private func closure(_ states: Set<Int>) -> Set<Int> {
        var result = states
        var pending = Array(states)
        while let state = pending.popLast() {
            if state < tokens.count, tokens[state] == .star, result.insert(state + 1).inserted {
                pending.append(state + 1)
            }
        }
        return result
    }
}
