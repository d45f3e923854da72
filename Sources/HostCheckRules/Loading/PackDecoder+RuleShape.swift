import HostCheckCore

extension YAMLNode {
    /// Whether this `select` mapping names `processes:` (a process rule).
    var isProcessSelection: Bool {
        pairs?.contains { $0.key == "processes" } ?? false
    }
}

extension PackDecoder {
    /// `select: { processes: { name: sshd } }`: the owner-field condition on each process,
    /// stored as `owner: …`; nil (with errors reported) when `select` is not a process selection
    /// or `processes` is not alone in it.
    mutating func processSelection(_ node: YAMLNode) -> Predicate? {
        guard node.isProcessSelection, let pairs = node.pairs else { return nil }
        if let other = pairs.first(where: { $0.key != "processes" }) {
            reader.error(
                "select of a process rule holds only processes: (found \(MessageText.quote(other.key)); a process rule selects processes, not sockets)",
                at: other.keyLocation)
            return nil
        }
        guard let pair = pairs.first else { return nil }
        return decodeOwner(pair.value, section: "select processes").map(Predicate.owner)
    }

    /// `count: 1` or `count: { min: 1, max: 2 }` (either bound may be left out).
    mutating func decodeCount(_ node: YAMLNode) -> CountBound? {
        if let text = node.scalar {
            guard let number = Self.countNumber(text) else {
                reader.error("count must be a number of 0 or more or { min, max }, found \(MessageText.quote(text))", at: node.location)
                return nil
            }
            return CountBound(min: number, max: number)
        }
        guard let fields = reader.mapping(node, allowed: ["min", "max"], what: "count") else { return nil }
        var bounds: [String: Int] = [:]
        for key in ["min", "max"] {
            guard let pair = fields[key] else { continue }
            guard let text = pair.value.scalar, let number = Self.countNumber(text) else {
                reader.error("count \(key) must be a number of 0 or more", at: pair.value.location)
                return nil
            }
            bounds[key] = number
        }
        if bounds.isEmpty {
            reader.error("count needs min, max or both", at: node.location)
            return nil
        }
        let bound = CountBound(min: bounds["min"] ?? 0, max: bounds["max"])
        if let max = bound.max, max < bound.min {
            reader.error("count max \(max) is below min \(bound.min)", at: node.location)
            return nil
        }
        return bound
    }

    private static func countNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy(\.isASCII), let number = Int(text), number >= 0 else { return nil }
        return number
    }

    /// `when: { sockets: {…} }`, `when: { processes: {…} }` or `when: { listening: 80/tcp }`
    /// (a port with or without `/tcp` or `/udp`, or a list of them: any listening socket on one;
    /// `$name` variables expand in place).
    mutating func decodeCondition(_ node: YAMLNode) -> RuleCondition? {
        guard let fields = reader.mapping(node, allowed: ["sockets", "processes", "listening"], what: "when") else { return nil }
        guard fields.count == 1, let (key, pair) = fields.first else {
            reader.error("when takes exactly one of sockets, processes or listening", at: node.location)
            return nil
        }
        switch key {
        case "sockets":
            return decodePredicate(pair.value, where: "when sockets").map { RuleCondition(subject: .sockets, predicate: $0) }
        case "processes":
            return decodeOwner(pair.value, section: "when processes").map { RuleCondition(subject: .processes, predicate: .owner($0)) }
        default:
            var alternatives: [Predicate] = []
            for (text, location) in expanded(pair.value, what: "when listening") {
                let parts = text.split(separator: "/", omittingEmptySubsequences: false)
                let proto = parts.count == 2 ? TransportProtocol(rawValue: String(parts[1])) : nil
                guard parts.count <= 2, let port = Int(parts[0]), (0...65535).contains(port), parts.count == 1 || proto != nil else {
                    reader.error("invalid listening port \(MessageText.quote(text)) (expected PORT, PORT/tcp or PORT/udp)", at: location)
                    return nil
                }
                var conditions: [Predicate] = [.field(.localPort, .integer(port)), .field(.state, .text("listening", ignoreCase: false))]
                if let proto { conditions.append(.field(.protocol, .text(proto.rawValue, ignoreCase: false))) }
                alternatives.append(.all(conditions))
            }
            guard !alternatives.isEmpty else { return nil }
            return RuleCondition(subject: .sockets, predicate: alternatives.count == 1 ? alternatives[0] : .any(alternatives))
        }
    }
}

extension PackDecoder {
    /// `waivers: { require_expiry: true, max_days: 90 }` (either key may be left out).
    mutating func decodeWaiverPolicy(_ node: YAMLNode) -> WaiverPolicy? {
        guard let fields = reader.mapping(node, allowed: ["require_expiry", "max_days"], what: "waivers") else { return nil }
        var policy = WaiverPolicy(location: node.location)
        if let pair = fields["require_expiry"], let flag = reader.boolean(pair.value, what: "require_expiry") { policy.requireExpiry = flag }
        if let pair = fields["max_days"] {
            guard let text = pair.value.scalar, !text.isEmpty, text.count <= 6, text.allSatisfy(\.isASCII), let days = Int(text), days >= 1 else {
                reader.error("max_days must be a number of days of 1 or more", at: pair.value.location)
                return nil
            }
            policy.maxDays = days
        }
        if fields.isEmpty { reader.error("waivers needs require_expiry, max_days or both", at: node.location) }
        return policy
    }
}
