/// The words of `host.coverage` in the snapshot JSON that are not enum values of ``Coverage``.
package enum CoverageJSON {
    /// `ports` and `users` when every port's or user's sockets are listed.
    package static let all = "all"
    /// What a snapshot-1 coverage is taken to say about the dimensions it does not record
    /// (docs/architecture.md, "Contracts").
    package static let snapshot1Assumption = "states, ports, users, netns: assumed from snapshot-1, which does not record them"
    /// The live probe wrote only the processes that hold a socket into snapshot-1, so such a
    /// snapshot cannot prove that no process of a kind runs.
    package static let snapshot1Processes = "processes: partial: a snapshot-1 document lists only the processes that hold a socket"
}

extension Coverage {
    /// Reads `host.coverage` of a snapshot of `version` (docs/architecture.md, "Contracts").
    ///
    /// Every value is closed: a level, state class or namespace word this build does not know
    /// is an error at the value. Snapshot-1 records the five levels only; the other dimensions
    /// are read as every state, every port and user, and the host's namespace only, with
    /// ``CoverageJSON/snapshot1Assumption`` in ``assumed``; a snapshot-2 key in a snapshot-1
    /// coverage is an error (an old reader would ignore it and pass). In snapshot-2 the object
    /// is closed too: any coverage key can turn a pass into `unknown`, so an unknown key is an
    /// error rather than ignored.
    package init(_ fields: JSONFields, version: Int) throws(JSONReadError) {
        let tcp = try fields.word("tcp", CoverageLevel.self)
        let udp = try fields.word("udp", CoverageLevel.self)
        let ipv4 = try fields.word("ipv4", CoverageLevel.self)
        let ipv6 = try fields.word("ipv6", CoverageLevel.self)
        let owners = try fields.word("owners", CoverageLevel.self)
        guard version >= 2 else {
            for member in fields.object.members where SnapshotKeys.coverage.contains(member.key)
                && !SnapshotKeys.coverageLevels.contains(member.key) {
                throw fields.error(
                    "'\(member.key)' in 'coverage' is a snapshot-2 key; a snapshot that records it must say \"hostcheck_snapshot\": 2",
                    at: member.value)
            }
            self.init(
                tcp: tcp, udp: udp, ipv4: ipv4, ipv6: ipv6, owners: owners, states: .all, ports: nil, users: nil,
                netns: .hostOnly, assumed: [CoverageJSON.snapshot1Assumption, CoverageJSON.snapshot1Processes])
            return
        }
        for member in fields.object.members where !SnapshotKeys.coverage.contains(member.key) {
            throw fields.error(
                "unknown key \(JSONFields.quoted(member.key)) in 'coverage'; expected \(SnapshotKeys.coverage.joined(separator: ", "))",
                at: member.value)
        }
        let states = try fields.word("states", StateCoverage.self)
        let ports = try Self.allOrList(fields, "ports") { (node) throws(JSONReadError) in
            try JSONFields.integer(node, key: "ports", in: 0...65535, fields: fields)
        }
        let users = try Self.allOrList(fields, "users") { (node) throws(JSONReadError) in
            guard case .string(let text) = node.value else {
                throw fields.error("expected strings in 'users' in 'coverage', found \(node.value.typeName)", at: node)
            }
            return text
        }
        self.init(
            tcp: tcp, udp: udp, ipv4: ipv4, ipv6: ipv6, owners: owners,
            states: states, ports: ports, users: users,
            netns: try fields.word("netns", NamespaceCoverage.self),
            assumed: try fields.strings("assumed", required: false),
            fullCapture: try fields.optionalString("full_capture"))
    }

    /// `"all"` as nil, or a list of items read by `item`.
    private static func allOrList<T>(
        _ fields: JSONFields, _ key: String, item: (JSONNode) throws(JSONReadError) -> T
    ) throws(JSONReadError) -> [T]? {
        let value = try fields.required(key)
        switch value.value {
        case .string(CoverageJSON.all): return nil
        case .array(let items):
            var result: [T] = []
            result.reserveCapacity(items.count)
            for node in items { result.append(try item(node)) }
            return result
        case .string(let text):
            throw fields.error("unknown \(key) \(JSONFields.quoted(text)) in 'coverage'; expected \"all\" or a list", at: value)
        default:
            throw fields.error("expected \"all\" or a list for '\(key)' in 'coverage', found \(value.value.typeName)", at: value)
        }
    }
}
