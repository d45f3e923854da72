import HostCheckCore

extension CoverageLevel {
    /// Full only when both are full, none only when both are none, else partial.
    func meet(_ other: CoverageLevel) -> CoverageLevel {
        self == other ? self : .partial
    }
}

extension Coverage {
    /// The coverage of two sources read together (two network namespaces), level by level.
    func meet(_ other: Coverage) -> Coverage {
        Coverage(
            tcp: tcp.meet(other.tcp), udp: udp.meet(other.udp), ipv4: ipv4.meet(other.ipv4),
            ipv6: ipv6.meet(other.ipv6), owners: owners.meet(other.owners))
    }
}
