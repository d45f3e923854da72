/// One socket of a host, as a probe saw it (DESIGN.md §2).
public struct SocketFact: Sendable, Hashable {
    public var `protocol`: TransportProtocol
    public var family: AddressFamily
    /// The local address as text, without brackets or zone id (`0.0.0.0`, `::`, `fe80::1`);
    /// a host name when a capture was made without `-n`.
    public var localAddress: String
    /// The local port number; nil when the capture shows a service name instead.
    public var localPort: Int?
    /// The service name a capture printed instead of a port number (`https`).
    public var localPortName: String?
    /// The IPv6 zone (scope) id, without `%` (`11`, `eth0`).
    public var localZone: String?
    /// The remote address; nil for a wildcard (`0.0.0.0:0`, `[::]:0`, `*:*`).
    public var remoteAddress: String?
    /// The remote port; nil for a wildcard.
    public var remotePort: Int?
    /// The service name a capture printed instead of the remote port number.
    public var remotePortName: String?
    public var state: SocketState
    /// The state word as the source printed it, when it was not understood or is localized.
    public var rawState: String?
    /// Whether an IPv6 socket accepts IPv6 only; nil if unknown.
    public var v6only: Bool?
    /// The network namespace inode, when the probe knows it.
    public var netns: UInt64?
    public var ownership: Ownership
    public var ownershipReason: OwnershipReason?
    /// The owning PIDs (several for forked servers sharing a socket), ascending.
    public var pids: [Int]
    /// Where the socket came from: capture file and line, or the `/proc` path.
    public var source: SourceLocation

    @inlinable
    public init(
        protocol: TransportProtocol, family: AddressFamily,
        localAddress: String, localPort: Int?, localPortName: String? = nil, localZone: String? = nil,
        remoteAddress: String? = nil, remotePort: Int? = nil, remotePortName: String? = nil,
        state: SocketState, rawState: String? = nil, v6only: Bool? = nil, netns: UInt64? = nil,
        ownership: Ownership, ownershipReason: OwnershipReason? = nil, pids: [Int] = [],
        source: SourceLocation
    ) {
        self.protocol = `protocol`
        self.family = family
        self.localAddress = localAddress
        self.localPort = localPort
        self.localPortName = localPortName
        self.localZone = localZone
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.remotePortName = remotePortName
        self.state = state
        self.rawState = rawState
        self.v6only = v6only
        self.netns = netns
        self.ownership = ownership
        self.ownershipReason = ownershipReason
        self.pids = pids
        self.source = source
    }

    /// The exposure of the local address; nil when the address is not an IP (a host name).
    public var exposure: Exposure? {
        guard let address = IPAddress(localAddress) else { return nil }
        if address.isUnspecified { return .any }
        if address.isLoopback { return .loopback }
        return .specific
    }

    /// `tcp 0.0.0.0:3691` — protocol and local endpoint, for messages.
    public var localEndpointDescription: String {
        let port = localPort.map(String.init) ?? localPortName ?? "*"
        let host = family == .ipv6 ? "[\(localAddress)\(localZone.map { "%\($0)" } ?? "")]" : localAddress
        return "\(`protocol`.rawValue) \(host):\(port)"
    }
}
