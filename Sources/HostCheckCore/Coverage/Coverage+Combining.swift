extension Coverage {
    /// Two parts of one whole read together (two network namespaces): each dimension is only
    /// as covered as both parts make it.
    public func meet(_ other: Coverage) -> Coverage {
        var result = Coverage(
            tcp: tcp.meet(other.tcp), udp: udp.meet(other.udp), ipv4: ipv4.meet(other.ipv4),
            ipv6: ipv6.meet(other.ipv6), owners: owners.meet(other.owners),
            states: states == .all && other.states == .all ? .all : .listening,
            ports: Self.intersection(ports, other.ports), users: Self.intersection(users, other.users),
            netns: netns == .all && other.netns == .all ? .all : .hostOnly,
            assumed: Self.merged(assumed, other.assumed), fullCapture: fullCapture ?? other.fullCapture)
        result.processes = processes.meet(other.processes)
        return result
    }

    /// Two listings of the same host (a filtered and a full `netstat`): each dimension is as
    /// covered as the better of the two makes it.
    public func join(_ other: Coverage) -> Coverage {
        var result = Coverage(
            tcp: tcp.raised(to: other.tcp), udp: udp.raised(to: other.udp), ipv4: ipv4.raised(to: other.ipv4),
            ipv6: ipv6.raised(to: other.ipv6), owners: owners.raised(to: other.owners),
            states: states == .all || other.states == .all ? .all : .listening,
            ports: Self.union(ports, other.ports), users: Self.union(users, other.users),
            netns: netns == .all || other.netns == .all ? .all : .hostOnly,
            assumed: Self.merged(assumed, other.assumed), fullCapture: fullCapture ?? other.fullCapture)
        result.processes = processes.raised(to: other.processes)
        return result
    }

    private static func intersection<T: Hashable & Comparable>(_ a: [T]?, _ b: [T]?) -> [T]? {
        guard let a else { return b }
        guard let b else { return a }
        return Array(Set(a).intersection(b)).sorted()
    }

    private static func union<T: Hashable & Comparable>(_ a: [T]?, _ b: [T]?) -> [T]? {
        guard let a, let b else { return nil }
        return Array(Set(a).union(b)).sorted()
    }

    private static func merged(_ a: [String], _ b: [String]) -> [String] {
        a + b.filter { !a.contains($0) }
    }
}
