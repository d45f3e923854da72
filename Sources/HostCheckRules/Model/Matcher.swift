import HostCheckCore
import Synchronization

/// A compiled regular expression (Swift `Regex` syntax, which reads PCRE and ICU patterns;
/// unanchored search: anchor with `^…$`).
package struct RegexPattern: Sendable, Hashable {
    package let pattern: String
    package let ignoreCase: Bool
    private let compiled: CompiledRegex

    /// Compiles `pattern`; throws the engine's error for a bad pattern.
    package init(_ pattern: String, ignoreCase: Bool) throws {
        self.pattern = pattern
        self.ignoreCase = ignoreCase
        let regex = try Regex(pattern)
        compiled = CompiledRegex(ignoreCase ? regex.ignoresCase() : regex)
    }

    /// Whether the pattern matches somewhere in `text`.
    package func matches(_ text: String) -> Bool {
        compiled.matches(text)
    }

    package static func == (lhs: RegexPattern, rhs: RegexPattern) -> Bool {
        lhs.pattern == rhs.pattern && lhs.ignoreCase == rhs.ignoreCase
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
        hasher.combine(ignoreCase)
    }
}

/// A compiled `Regex`, shared by the copies of one ``RegexPattern``.
///
/// `Regex` is not `Sendable`, so it lives behind a mutex and is used only inside it; hosts
/// evaluated in parallel wait for each other only when they test the same pattern.
private final class CompiledRegex: Sendable {
    private let regex: Mutex<Regex<AnyRegexOutput>>

    init(_ regex: sending Regex<AnyRegexOutput>) {
        self.regex = Mutex(regex)
    }

    func matches(_ text: String) -> Bool {
        regex.withLock { text.contains($0) }
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
