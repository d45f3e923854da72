import HostCheckCore

extension LoadedPacks {
    /// The rules whose `select` may choose a listener on `port` (for `hostcheck explain`).
    ///
    /// Each rule's `select` is evaluated on listening sockets of `port` with a wildcard
    /// address, for each protocol asked about and with unknown owners: a rule is listed when
    /// its `select` is not false for one of them, so an owner-scoped rule is listed too.
    public func rules(selectingPort port: Int, protocols: [TransportProtocol] = TransportProtocol.allCases) -> [Rule] {
        let probes = protocols.flatMap { proto in
            [("0.0.0.0", AddressFamily.ipv4), ("::", AddressFamily.ipv6)].map { address, family in
                SocketContext(socket: SocketFact(
                    protocol: proto, family: family, localAddress: address, localPort: port,
                    state: .listening, ownership: .unknown, source: SourceLocation(file: "explain")
                ), processes: [:], platform: .unknown)
            }
        }
        return rules.filter { rule in
            probes.contains { $0.evaluate(rule.select, .some).value != .no }
        }
    }
}
