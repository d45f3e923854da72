extension SocketFact {
    /// The address families the socket accepts traffic of (docs/captures.md, "Dual-stack
    /// sockets"); nil when the source cannot tell.
    ///
    /// An IPv4 socket accepts IPv4. An IPv6 socket bound to the any address `::` with
    /// `v6only == false` is dual-stack and accepts both; with `v6only` unknown (Linux
    /// `netstat`'s `:::22`, an old `ss`) it may accept IPv4 or not, so the answer is nil. An
    /// IPv6 socket on an IPv4-mapped address (`::ffff:10.0.0.5`, a connection accepted by a
    /// dual-stack listener) carries IPv4 and is both. Any other IPv6 socket accepts IPv6 only.
    public var acceptedFamilies: [AddressFamily]? {
        guard family == .ipv6 else { return [family] }
        guard let address = IPAddress(localAddress) else { return [.ipv6] }
        if address.mappedIPv4 != nil { return [.ipv4, .ipv6] }
        guard address.isUnspecified else { return [.ipv6] }
        switch v6only {
        case false?: return [.ipv4, .ipv6]
        case true?: return [.ipv6]
        case nil: return nil
        }
    }

    /// True for a dual-stack socket: IPv6 on `::` with `v6only == false`.
    public var isDualStack: Bool {
        family == .ipv6 && v6only == false && IPAddress(localAddress)?.isUnspecified == true
    }
}
