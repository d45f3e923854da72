import HostCheckCore

/// The value of a field on one socket or owner, as the matchers see it.
package enum FieldValue: Sendable, Hashable {
    /// Text; `truncated` when it may be a prefix of the real value (a process name).
    case text(String, truncated: Bool)
    case integer(Int)
    case boolean(Bool)
    /// An address as the source printed it (usually an IP, possibly a host name).
    case address(String)
    /// Several texts (a process's services): a matcher holds when it holds for one of them.
    case texts([String])
    /// Known to be absent (a wildcard remote endpoint, a process with no owner).
    case absent
    /// Not known.
    case unknown(UnknownCause)
}

extension Field {
    /// The value of a socket field on `socket`; unknown for an owner field.
    func value(in socket: SocketFact) -> FieldValue {
        if case .socket(let read) = extraction { read(socket) } else { .unknown(.data) }
    }

    /// The value of an `owner.*` field for the owner `pid` (whose record may be missing);
    /// unknown for a socket field.
    func value(pid: Int, process: ProcessFact?) -> FieldValue {
        if case .owner(let read) = extraction { read(pid, process) } else { .unknown(.data) }
    }
}

extension Matcher {
    /// Whether the value satisfies the matcher, in three values.
    func evaluate(_ value: FieldValue) -> Truth {
        switch value {
        case .unknown(let cause):
            return .maybe(cause)
        case .texts(let items):
            if case .not(let inner) = self { return inner.evaluate(value).negated }
            if case .anyOf(let list) = self { return Truth.any(list.map { $0.evaluate(value) }) }
            return Truth.any(items.map { evaluate(.text($0, truncated: false)) })
        default:
            break
        }
        switch self {
        case .anyOf(let list): return Truth.any(list.map { $0.evaluate(value) })
        case .not(let inner): return inner.evaluate(value).negated
        default: return leaf(value)
        }
    }

    private func leaf(_ value: FieldValue) -> Truth {
        switch (self, value) {
        case (_, .absent):
            return .no
        case (.text(let expected, let ignoreCase), .text(let actual, let truncated)):
            let e = ignoreCase ? expected.lowercased() : expected
            let a = ignoreCase ? actual.lowercased() : actual
            if truncated { return e.hasPrefix(a) ? .maybe(.ownership) : .no }
            return Truth(e == a)
        case (.text(let expected, _), .address(let actual)):
            return Truth(expected == actual)
        case (.integer(let expected), .integer(let actual)):
            return Truth(expected == actual)
        case (.boolean(let expected), .boolean(let actual)):
            return Truth(expected == actual)
        case (.range(let range), .integer(let actual)):
            return Truth(range.contains(actual))
        case (.address(let expected), .address(let text)):
            guard let actual = IPAddress(text) else { return .maybe(.data) }
            if let lhs = expected.asIPv4, let rhs = actual.asIPv4 { return Truth(lhs == rhs) }
            return Truth(expected == actual)
        case (.cidr(let cidr), .address(let text)):
            guard let actual = IPAddress(text) else { return .maybe(.data) }
            return Truth(cidr.contains(actual))
        case (.glob(let glob), .text(let actual, let truncated)):
            guard truncated else { return Truth(glob.matches(actual)) }
            switch glob.prefixMatch(actual) {
            case .full: return .yes
            case .viable: return .maybe(.ownership)
            case .impossible: return .no
            }
        case (.glob(let glob), .address(let text)):
            return Truth(glob.matches(text))
        case (.regex(let regex), .text(let actual, let truncated)):
            return truncated ? .maybe(.ownership) : Truth(regex.matches(actual))
        case (.regex(let regex), .address(let text)):
            return Truth(regex.matches(text))
        default:
            return .no
        }
    }
}
