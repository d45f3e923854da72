/// The keys of a coverage declaration, one per dimension of ``Coverage``, in the shape a
/// snapshot's `host.coverage`, a bundle's `host.json` `coverage` and `--coverage KEY=VALUE` share.
package enum CoverageKey: String, Sendable, CaseIterable {
    case tcp, udp, ipv4, ipv6, owners, states, ports, users, netns

    /// The values the key takes, for messages.
    package var expected: String {
        switch self {
        case .tcp, .udp, .ipv4, .ipv6, .owners: "full, partial or none"
        case .states: "all or listening"
        case .ports: "all, none, or a comma-separated list of ports 1-65535"
        case .users: "all or a comma-separated list of user names"
        case .netns: "all or host-only"
        }
    }
}

/// A value that does not fit its coverage key; `message` names the key and what it takes.
package struct CoverageValueError: Error, Sendable, Hashable {
    package var message: String
}

extension CoverageDeclaration {
    /// Sets one dimension from its text form: `ipv6=none`, `states=listening`,
    /// `ports=3691,3692` (or `all`, `none`), `users=alice,bob` (or `all`), `netns=host-only`.
    /// - Throws: ``CoverageValueError`` for a value the key does not take.
    package mutating func set(_ key: CoverageKey, text: String) throws(CoverageValueError) {
        let value = text.trimmingBlanks
        func bad() -> CoverageValueError {
            CoverageValueError(message: "coverage '\(key.rawValue)' takes \(key.expected), not '\(value.prefix(40))'")
        }
        switch key {
        case .tcp, .udp, .ipv4, .ipv6, .owners:
            guard let level = CoverageLevel(rawValue: value) else { throw bad() }
            setLevel(level, of: key)
        case .states:
            guard let states = StateCoverage(rawValue: value) else { throw bad() }
            self.states = states
        case .netns:
            guard let netns = NamespaceCoverage(rawValue: value) else { throw bad() }
            self.netns = netns
        case .ports:
            if value == "all" { ports = .some(nil); return }
            if value == "none" { ports = .some([]); return }
            var list: [Int] = []
            for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                guard let port = Self.port(item.trimmingBlanks) else { throw bad() }
                list.append(port)
            }
            ports = .some(Array(Set(list)).sorted())
        case .users:
            if value == "all" { users = .some(nil); return }
            let list = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingBlanks }
            guard !list.isEmpty, !list.contains(where: \.isEmpty) else { throw bad() }
            users = .some(Array(Set(list)).sorted())
        }
    }

    /// Sets the level of `key` (one of tcp, udp, ipv4, ipv6, owners).
    package mutating func setLevel(_ level: CoverageLevel, of key: CoverageKey) {
        switch key {
        case .tcp: tcp = level
        case .udp: udp = level
        case .ipv4: ipv4 = level
        case .ipv6: ipv6 = level
        case .owners: owners = level
        case .states, .ports, .users, .netns: break
        }
    }

    /// A declaration from `KEY=VALUE` items (`--coverage`), later items winning.
    /// - Throws: ``CoverageValueError`` for an unknown key or a value the key does not take.
    package init(settings: [String]) throws(CoverageValueError) {
        self.init()
        for item in settings {
            guard let equals = item.firstIndex(of: "=") else {
                throw CoverageValueError(message: "--coverage takes KEY=VALUE, not '\(item.prefix(40))'")
            }
            let name = String(item[..<equals]).trimmingBlanks
            guard let key = CoverageKey(rawValue: name) else {
                let keys = CoverageKey.allCases.map(\.rawValue).joined(separator: ", ")
                throw CoverageValueError(message: "unknown coverage key '\(name.prefix(40))' (expected one of \(keys))")
            }
            try set(key, text: String(item[item.index(after: equals)...]))
        }
    }

    /// A port number 1-65535 written in decimal digits, else nil.
    package static func port(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let port = Int(text), (1...65535).contains(port) else { return nil }
        return port
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
