/// Reads a pattern of the dialect in docs/rule-packs.md ("Regular expressions") into a
/// ``RegexNode``, refusing every construct that needs backtracking with a reason and an
/// alternative.
struct RegexParser {
    /// The parsed pattern and whether it starts with `(?i)`.
    struct Parsed {
        var node: RegexNode
        var ignoreCase: Bool
    }

    let scalars: [Unicode.Scalar]
    var index = 0
    private var depth = 0

    private init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    /// Parses `pattern`; throws ``RegexSyntaxError`` for anything outside the dialect.
    static func parse(_ pattern: String) throws(RegexSyntaxError) -> Parsed {
        var parser = RegexParser(pattern)
        guard parser.scalars.count <= RegexLimits.patternLength else {
            throw RegexSyntaxError(
                "the pattern has \(parser.scalars.count) characters, above the maximum of \(RegexLimits.patternLength); split it into several conditions under any: or all:",
                at: RegexLimits.patternLength)
        }
        var ignoreCase = false
        if parser.scalars.starts(with: "(?i)".unicodeScalars) {
            ignoreCase = true
            parser.index = 4
        }
        let node = try parser.parseAlternation()
        if parser.index < parser.scalars.count {
            // parseAlternation stops only at `)` or the end.
            throw RegexSyntaxError("unmatched ')'; write \\) for a literal parenthesis", at: parser.index)
        }
        return Parsed(node: node, ignoreCase: ignoreCase)
    }

    // MARK: Structure

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func parseAlternation() throws(RegexSyntaxError) -> RegexNode {
        var branches = [try parseConcatenation()]
        while current == "|" {
            index += 1
            branches.append(try parseConcatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcatenation() throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let scalar = current, scalar != "|", scalar != ")" {
            let start = index
            let atom = try parseAtom()
            items.append(try parseQuantifiers(on: atom, startedAt: start))
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    private mutating func parseQuantifiers(on atom: RegexNode, startedAt start: Int) throws(RegexSyntaxError) -> RegexNode {
        let position = index
        guard let scalar = current, let bounds = try quantifier(scalar) else { return atom }
        // A bare anchor (`^*`) repeats nothing; a group holding one (`(^)*`) is accepted.
        if case .assertion = atom, scalars[start] != "(" {
            throw RegexSyntaxError("'\(scalar)' has nothing to repeat (it follows an anchor); write \\\(scalar) for a literal \(scalar)", at: position)
        }
        // A lazy `?` changes nothing when only whether the text matches is asked.
        if current == "?" { index += 1 }
        if current == "+" {
            throw RegexSyntaxError(
                "possessive quantifiers are not supported (and not needed: matching here never backtracks); drop the '+'",
                at: index)
        }
        if let next = current, next == "*" || next == "+" || next == "?" || (next == "{" && isCountedRepeat(at: index)) {
            throw RegexSyntaxError("'\(next)' follows another quantifier; put the repeated part in a group: (?:x*)\(next)", at: index)
        }
        return .repetition(atom, min: bounds.min, max: bounds.max)
    }

    /// Reads a quantifier at the current position (advancing past it), or nil when there is none.
    private mutating func quantifier(_ scalar: Unicode.Scalar) throws(RegexSyntaxError) -> (min: Int, max: Int?)? {
        switch scalar {
        case "*": index += 1; return (0, nil)
        case "+": index += 1; return (1, nil)
        case "?": index += 1; return (0, 1)
        case "{": return try countedRepeat()
        default: return nil
        }
    }

    private func isCountedRepeat(at position: Int) -> Bool {
        var cursor = position + 1
        var sawDigit = false
        while cursor < scalars.count, let value = digitValue(scalars[cursor]) { _ = value; cursor += 1; sawDigit = true }
        return sawDigit && cursor < scalars.count && (scalars[cursor] == "}" || scalars[cursor] == ",")
    }

    /// `{m}`, `{m,}`, `{m,n}`; anything else after `{` is refused (write `\{`).
    private mutating func countedRepeat() throws(RegexSyntaxError) -> (min: Int, max: Int?) {
        let open = index
        index += 1
        let low = readNumber()
        var high: Int?? = .some(low)
        if current == "," {
            index += 1
            high = .some(readNumber())
            if case .some(.none) = high { high = .none }
        }
        guard current == "}", let minimum = low else {
            throw RegexSyntaxError(
                "'{' must start a counted repeat {m}, {m,} or {m,n} (e.g. {2,5}); write \\{ for a literal brace",
                at: open)
        }
        index += 1
        let maximum: Int? = switch high { case .none: nil; case .some(let value): value }
        for count in [minimum, maximum ?? 0] where count > RegexLimits.repeatCount {
            throw RegexSyntaxError(
                "repeat count \(count) is above the maximum of \(RegexLimits.repeatCount); use + or * for longer runs",
                at: open)
        }
        if let maximum, maximum < minimum {
            throw RegexSyntaxError("repeat {\(minimum),\(maximum)} has its minimum above its maximum", at: open)
        }
        return (minimum, maximum)
    }

    /// Reads decimal digits (capped well above the repeat limit so it cannot overflow).
    private mutating func readNumber() -> Int? {
        var value: Int?
        while let scalar = current, let digit = digitValue(scalar) {
            value = min((value ?? 0) * 10 + digit, 1_000_000)
            index += 1
        }
        return value
    }

    private func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        scalar.value >= 0x30 && scalar.value <= 0x39 ? Int(scalar.value - 0x30) : nil
    }

    // MARK: Atoms

    private mutating func parseAtom() throws(RegexSyntaxError) -> RegexNode {
        let start = index
        guard let scalar = current else { return .empty }
        switch scalar {
        case "(":
            return try parseGroup()
        case "[":
            index += 1
            return .set(try parseBracket(openedAt: start))
        case ".":
            index += 1
            return .anyButNewline
        case "^":
            index += 1
            return .assertion(.start)
        case "$":
            index += 1
            return .assertion(.end)
        case "\\":
            return try parseEscape(inBracket: false).node
        case "*", "+", "?":
            throw RegexSyntaxError("'\(scalar)' has nothing to repeat; write \\\(scalar) for a literal \(scalar)", at: start)
        case "{":
            if isCountedRepeat(at: index) {
                throw RegexSyntaxError("'{' has nothing to repeat; write \\{ for a literal brace", at: start)
            }
            throw RegexSyntaxError(
                "'{' must start a counted repeat {m}, {m,} or {m,n} (e.g. {2,5}); write \\{ for a literal brace",
                at: start)
        default:
            index += 1
            return .scalar(scalar.value)
        }
    }

    private mutating func parseGroup() throws(RegexSyntaxError) -> RegexNode {
        let open = index
        index += 1
        if current == "?" {
            try checkGroupKind(openedAt: open)
            index += 2  // `(?:`
        }
        depth += 1
        guard depth <= RegexLimits.groupDepth else {
            throw RegexSyntaxError("groups nest deeper than \(RegexLimits.groupDepth) levels", at: open)
        }
        let inner = try parseAlternation()
        depth -= 1
        guard current == ")" else {
            throw RegexSyntaxError("missing ')' for the group opened here; write \\( for a literal parenthesis", at: open)
        }
        index += 1
        return inner
    }

    /// Accepts `(?:`; refuses every other `(?` form with why and what to write instead.
    private func checkGroupKind(openedAt open: Int) throws(RegexSyntaxError) {
        let next = peek(1)
        let afterNext = peek(2)
        switch next {
        case ":":
            return
        case "=", "!":
            throw RegexSyntaxError(
                "lookahead (?\(next.map(String.init) ?? "")...) is not supported: regular expressions here run in linear time; match the text with two conditions under all: (or not:)",
                at: open)
        case "<" where afterNext == "=" || afterNext == "!":
            throw RegexSyntaxError(
                "lookbehind (?<\(afterNext.map(String.init) ?? "")...) is not supported: regular expressions here run in linear time; match the text with two conditions under all: (or not:)",
                at: open)
        case "<", "P", "'":
            throw RegexSyntaxError(
                "named groups are not supported (matchers read no captures); write ( ) or (?: )", at: open)
        case ">":
            throw RegexSyntaxError(
                "atomic groups (?>...) are not supported (and not needed: matching here never backtracks); write (?: )",
                at: open)
        case "i" where afterNext == ")":
            throw RegexSyntaxError(
                "(?i) is allowed only at the very start of the pattern, where it makes the whole pattern ignore case (as ignore_case: true does)",
                at: open)
        default:
            throw RegexSyntaxError(
                "this kind of group '(?\(next.map(String.init) ?? "")' is not supported; the dialect has ( ), (?: ) and (?i) at the start",
                at: open)
        }
    }

    // MARK: Bracket expressions

    private mutating func parseBracket(openedAt open: Int) throws(RegexSyntaxError) -> ScalarSet {
        var negated = false
        if current == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while true {
            guard let scalar = current else {
                throw RegexSyntaxError("missing ']' for the class opened here; write \\[ for a literal bracket", at: open)
            }
            if scalar == "]" && !first { index += 1; break }
            first = false
            let itemStart = index
            if scalar == "[" {
                if peek(1) == ":" {
                    ranges += try parsePosixClass()
                    continue
                }
                throw RegexSyntaxError("'[' inside a class is not supported; write \\[ for a literal bracket", at: index)
            }
            if (scalar == "&" && peek(1) == "&") || (scalar == "~" && peek(1) == "~") || (scalar == "-" && peek(1) == "-") {
                throw RegexSyntaxError(
                    "class set operations ('\(scalar)\(scalar)') are not supported; list the members, or escape the character (\\\(scalar))",
                    at: index)
            }
            let low = try bracketItem()
            guard case .single(let lowValue) = low else {
                if case .ranges(let classRanges) = low { ranges += classRanges }
                continue
            }
            // A range `a-z`, unless the `-` is last (`[a-]`).
            if current == "-", let after = peek(1), after != "]" {
                index += 1
                let high = try bracketItem()
                guard case .single(let highValue) = high else {
                    throw RegexSyntaxError("a class range must end with one character, not a class like \\d; write the '-' last or as \\-", at: itemStart)
                }
                guard lowValue <= highValue else {
                    throw RegexSyntaxError(
                        "class range \(Self.show(lowValue))-\(Self.show(highValue)) is reversed; write \(Self.show(highValue))-\(Self.show(lowValue))",
                        at: itemStart)
                }
                ranges.append(lowValue...highValue)
            } else {
                ranges.append(lowValue...lowValue)
            }
        }
        return ScalarSet(ranges, negated: negated)
    }

    private enum BracketItem {
        case single(UInt32)
        case ranges([ClosedRange<UInt32>])
    }

    private mutating func bracketItem() throws(RegexSyntaxError) -> BracketItem {
        guard let scalar = current else { return .ranges([]) }
        if scalar == "\\" {
            let escape = try parseEscape(inBracket: true)
            switch escape.node {
            case .scalar(let value): return .single(value)
            case .set(let set): return .ranges(set.negated ? set.complementRanges : set.ranges)
            default:
                throw RegexSyntaxError("'\\\(escape.letter)' cannot appear inside a class", at: index - 2)
            }
        }
        index += 1
        return .single(scalar.value)
    }

    /// `[:alpha:]` inside a bracket expression.
    private mutating func parsePosixClass() throws(RegexSyntaxError) -> [ClosedRange<UInt32>] {
        let start = index
        index += 2
        var name = ""
        while let scalar = current, scalar != ":" { name.unicodeScalars.append(scalar); index += 1 }
        guard current == ":", peek(1) == "]", let ranges = ScalarSet.posixClasses[name] else {
            let known = ScalarSet.posixClasses.keys.sorted().joined(separator: ", ")
            throw RegexSyntaxError("unknown class '[:\(name):]'; the classes are [:NAME:] with NAME one of \(known)", at: start)
        }
        index += 2
        return ranges
    }

    private static func show(_ value: UInt32) -> String {
        guard let scalar = Unicode.Scalar(value), value >= 0x20, value != 0x7F else { return "\\x{\(String(value, radix: 16))}" }
        return String(scalar)
    }
}
