import HostCheckCore

/// A compiled regular expression of the dialect in docs/rule-packs.md ("Regular
/// expressions"): unanchored search (anchor with `^…$`), matched on Unicode scalars in time
/// linear in the text's length (no backtracking; backreferences and lookaround are refused).
package struct RegexPattern: Sendable, Hashable {
    package let pattern: String
    package let ignoreCase: Bool
    private let program: RegexProgram

    /// Compiles `pattern`; throws ``RegexSyntaxError`` for a construct outside the dialect or a
    /// pattern over ``RegexLimits``.
    package init(_ pattern: String, ignoreCase: Bool) throws(RegexSyntaxError) {
        self.pattern = pattern
        self.ignoreCase = ignoreCase
        program = try RegexProgram(pattern, ignoreCase: ignoreCase)
    }

    /// Whether the pattern matches somewhere in `text`.
    package func matches(_ text: String) -> Bool {
        RegexMachine.search(program, in: text)
    }

    package static func == (lhs: RegexPattern, rhs: RegexPattern) -> Bool {
        lhs.pattern == rhs.pattern && lhs.ignoreCase == rhs.ignoreCase
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
        hasher.combine(ignoreCase)
    }
}

/// A test of one field's value, compiled from a pack (docs/rule-packs.md, "Matchers").
package indirect enum Matcher: Sendable, Hashable {
    /// Text equality (`ignoreCase` folds case); also used for word fields.
    case text(String, ignoreCase: Bool)
    case integer(Int)
    case boolean(Bool)
    /// An IP address, compared parsed (IPv4-mapped IPv6 equals its IPv4 address).
    case address(IPAddress)
    case glob(Glob)
    case regex(RegexPattern)
    case range(ClosedRange<Int>)
    case cidr(CIDR)
    /// Any of the matchers (a YAML list, or a list variable).
    case anyOf([Matcher])
    case not(Matcher)

    /// A short description for messages: `matching magaya*`, `in 1024-49151`.
    var summary: String {
        switch self {
        case .text(let value, let ignoreCase): MessageText.clip(value, limit: 60) + (ignoreCase ? " (any case)" : "")
        case .integer(let value): String(value)
        case .boolean(let value): String(value)
        case .address(let address): address.description
        case .glob(let glob): "matching " + MessageText.clip(glob.pattern, limit: 60) + (glob.ignoreCase ? " (any case)" : "")
        case .regex(let regex): "matching regex " + MessageText.clip(regex.pattern, limit: 60)
        case .range(let range): "in \(range.lowerBound)-\(range.upperBound)"
        case .cidr(let cidr): "in \(cidr)"
        case .anyOf(let matchers):
            if matchers.count == 1, let only = matchers.first { only.summary }
            else if matchers.allSatisfy({ if case .glob = $0 { true } else { false } }) {
                "matching " + matchers.compactMap { if case .glob(let g) = $0 { g.pattern } else { nil } }.joined(separator: " or ")
            } else { "one of " + matchers.map(\.summary).joined(separator: ", ") }
        case .not(let inner): "not " + inner.summary
        }
    }
}
