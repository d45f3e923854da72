import HostCheckCore

/// What a rule's selection needs the sources to have covered before its `pass` (or its
/// `when_none` outcome) is proven (docs/architecture.md, "Coverage").
///
/// The selection is projected onto each dimension of ``Coverage``: the protocols and families
/// it can accept must be covered fully (a selection that accepts a dual-stack socket reaches
/// IPv6); if only listening sockets were listed, it must accept
/// listening sockets only; if only some local ports were listed, it must accept those ports
/// only; if only some users' sockets were listed, it must require an owner of those users.
/// A condition that cannot be projected (a `none`, an owner condition on a port) counts as
/// reaching everywhere. `requires:` asks for more than the selection implies.
struct CoverageNeeds {
    let rule: Rule

    /// One dimension the selection reaches and the sources do not cover.
    struct Gap: Sendable, Hashable {
        /// The dimension's name in results (`tcp`, `ipv6`, `states`, `ports`, `users`, `netns`, `owners`).
        var dimension: String
        /// What is missing, for the message (`ipv6 not at all`, `listening sockets only`).
        var phrase: String
    }

    /// The dimensions the rule reaches outside `coverage`, in a stable order.
    func gaps(in coverage: Coverage) -> [Gap] {
        var gaps: [Gap] = []
        // The projections are made only when a level is short of full (the common host has none).
        if TransportProtocol.allCases.contains(where: { coverage.level(of: $0) != .full }) {
            for proto in RuleEvaluation.possible(TransportProtocol.allCases, field: .protocol, in: rule.select) {
                let level = coverage.level(of: proto)
                if level != .full { gaps.append(Gap(dimension: proto.rawValue, phrase: "\(proto.rawValue) \(Self.describe(level))")) }
            }
        }
        if AddressFamily.allCases.contains(where: { coverage.level(of: $0) != .full }) {
            for family in reachedFamilies {
                let level = coverage.level(of: family)
                if level != .full { gaps.append(Gap(dimension: family.rawValue, phrase: "\(family.rawValue) \(Self.describe(level))")) }
            }
        }
        if coverage.states == .listening, rule.requires.contains(.allStates) || reachesNonListeningStates {
            gaps.append(Gap(dimension: "states", phrase: "listening sockets only"))
        }
        if let ports = coverage.ports, rule.requires.contains(.allPorts) || reachesPorts(outside: Set(ports)) {
            let list = ports.isEmpty ? "no port" : "local port" + (ports.count == 1 ? " " : "s ") + ports.map(String.init).joined(separator: ", ")
            gaps.append(Gap(dimension: "ports", phrase: "\(list) only"))
        }
        if let users = coverage.users, rule.requires.contains(.allUsers) || !Self.limits(rule.select, toUsers: Set(users)) {
            gaps.append(Gap(dimension: "users", phrase: "the sockets of " + users.joined(separator: ", ") + " only"))
        }
        if coverage.netns == .hostOnly, rule.requires.contains(.allNamespaces) {
            gaps.append(Gap(dimension: "netns", phrase: "one network namespace only"))
        }
        if coverage.owners != .full, rule.requires.contains(.allOwners) {
            gaps.append(Gap(dimension: "owners", phrase: "owners \(Self.describe(coverage.owners))"))
        }
        return gaps
    }

    /// The families whose sockets the selection can accept. A dual-stack socket is listed with
    /// the IPv6 sockets but accepts IPv4 too, so a selection that accepts it (`family: ipv4`
    /// does) reaches IPv6 (docs/captures.md, "Dual-stack sockets").
    private var reachedFamilies: [AddressFamily] {
        let dualStack = FieldValue.texts(AddressFamily.allCases.map(\.rawValue))
        let reachesDualStack = rule.select.admits([.family: dualStack])
        return AddressFamily.allCases.filter { family in
            rule.select.admits([.family: .text(family.rawValue, truncated: false)]) || (family == .ipv6 && reachesDualStack)
        }
    }

    private static func describe(_ level: CoverageLevel) -> String {
        level == .none ? "not at all" : "only partly"
    }

    /// Whether the selection can accept a socket in a state other than listening.
    private var reachesNonListeningStates: Bool {
        let others = SocketState.allCases.filter { $0 != .listening }.map(\.rawValue)
        return !RuleEvaluation.possibleWords(others, field: .state, in: rule.select).isEmpty
    }

    /// Whether the selection can accept a local port outside `ports`. Between consecutive
    /// port literals of the selection (and of `ports`) every port is treated alike, so one
    /// port per stretch decides; a port condition of another kind tests every port.
    private func reachesPorts(outside ports: Set<Int>) -> Bool {
        var cuts: Set<Int> = [0, 65536]
        var exact = true
        rule.select.visit { node in
            if case .field(let field, let matcher) = node, field == .localPort {
                exact = exact && matcher.collectPortCuts(into: &cuts)
            }
            return true
        }
        for port in ports { cuts.formUnion([port, port + 1]) }
        let candidates: [Int] = exact ? cuts.filter { $0 <= 65535 }.sorted() : Array(0...65535)
        return candidates.contains { port in
            !ports.contains(port) && rule.select.admits([.localPort: .integer(port)])
        }
    }

    /// Whether every socket the predicate selects must have an owner whose user is in `users`.
    private static func limits(_ predicate: Predicate, toUsers users: Set<String>) -> Bool {
        switch predicate {
        case .all(let items): items.contains { limits($0, toUsers: users) }
        case .any(let items): !items.isEmpty && items.allSatisfy { limits($0, toUsers: users) }
        case .owner(let inner): ownerLimits(inner, toUsers: users)
        case .none, .field: false
        }
    }

    private static func ownerLimits(_ predicate: Predicate, toUsers users: Set<String>) -> Bool {
        switch predicate {
        case .all(let items): items.contains { ownerLimits($0, toUsers: users) }
        case .any(let items): !items.isEmpty && items.allSatisfy { ownerLimits($0, toUsers: users) }
        case .field(let field, let matcher): field == .ownerUser && names(matcher, within: users)
        case .none, .owner: false
        }
    }

    private static func names(_ matcher: Matcher, within users: Set<String>) -> Bool {
        switch matcher {
        case .text(let name, ignoreCase: false): users.contains(name)
        case .anyOf(let items): !items.isEmpty && items.allSatisfy { names($0, within: users) }
        default: false
        }
    }
}
