/// One socket of a host, as a probe saw it (docs/architecture.md, "Facts").
///
/// A large capture holds hundreds of thousands of facts, so a fact is kept in 128 bytes:
/// optional integers in eight bytes each (``CompactOptionalInt``), and the four text fields
/// that are nearly always nil (port names, zone, raw state) in one shared box, allocated only
/// for a socket that has one. The properties read and write as plain values.
public struct SocketFact: Sendable, Hashable {
    /// The local address as text, without brackets or zone id (`0.0.0.0`, `::`, `fe80::1`);
    /// a host name when a capture was made without `-n`.
    public var localAddress: String
    /// The remote address; nil for a wildcard (`0.0.0.0:0`, `[::]:0`, `*:*`).
    public var remoteAddress: String?
    /// Why the ownership is not simply `owned` (`ownership_reason`); nil when no reason is recorded.
    public var ownershipReason: OwnershipReason?
    /// The owning PIDs (several for forked servers sharing a socket), ascending.
    public var pids: [Int]
    /// Where the socket came from: capture file and line, or the `/proc` path.
    public var source: SourceLocation
    @usableFromInline var rareText: SocketRareText?
    @usableFromInline var storedLocalPort: CompactOptionalInt
    @usableFromInline var storedRemotePort: CompactOptionalInt
    @usableFromInline var storedNetns: UInt64
    @usableFromInline var hasNetns: Bool
    /// The transport protocol (`tcp` or `udp`).
    public var `protocol`: TransportProtocol
    /// The address family (`ipv4` or `ipv6`).
    public var family: AddressFamily
    /// The normalised state; `unknown` keeps the source's word in ``rawState``.
    public var state: SocketState
    /// Whether an IPv6 socket accepts IPv6 only; nil if unknown.
    public var v6only: Bool?
    /// Whether the owning processes are known; `pids` is empty unless `owned`.
    public var ownership: Ownership

    /// Creates a socket fact; the optional facts default to nil and `pids` to none.
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
        storedLocalPort = CompactOptionalInt(localPort)
        self.remoteAddress = remoteAddress
        storedRemotePort = CompactOptionalInt(remotePort)
        rareText = SocketRareText.make(SocketRareText.Fields(
            localPortName: localPortName, localZone: localZone, remotePortName: remotePortName, rawState: rawState))
        self.state = state
        self.v6only = v6only
        storedNetns = netns ?? 0
        hasNetns = netns != nil
        self.ownership = ownership
        self.ownershipReason = ownershipReason
        self.pids = pids
        self.source = source
    }

    /// The local port number; nil when the capture shows a service name instead.
    @inlinable
    public var localPort: Int? {
        get { storedLocalPort.value }
        set { storedLocalPort = CompactOptionalInt(newValue) }
    }

    /// The remote port; nil for a wildcard.
    @inlinable
    public var remotePort: Int? {
        get { storedRemotePort.value }
        set { storedRemotePort = CompactOptionalInt(newValue) }
    }

    /// The network namespace inode, when the probe knows it.
    @inlinable
    public var netns: UInt64? {
        get { hasNetns ? storedNetns : nil }
        set {
            storedNetns = newValue ?? 0
            hasNetns = newValue != nil
        }
    }

    /// The service name a capture printed instead of a port number (`https`).
    @inlinable
    public var localPortName: String? {
        get { rareText?.fields.localPortName }
        set { updateRareText { $0.localPortName = newValue } }
    }

    /// The IPv6 zone (scope) id, without `%` (`11`, `eth0`).
    @inlinable
    public var localZone: String? {
        get { rareText?.fields.localZone }
        set { updateRareText { $0.localZone = newValue } }
    }

    /// The service name a capture printed instead of the remote port number.
    @inlinable
    public var remotePortName: String? {
        get { rareText?.fields.remotePortName }
        set { updateRareText { $0.remotePortName = newValue } }
    }

    /// The state word as the source printed it, when it was not understood or is localized.
    @inlinable
    public var rawState: String? {
        get { rareText?.fields.rawState }
        set { updateRareText { $0.rawState = newValue } }
    }

    /// Replaces the rare text box with one holding the changed fields (none when all are nil).
    @inlinable
    mutating func updateRareText(_ change: (inout SocketRareText.Fields) -> Void) {
        var fields = rareText?.fields ?? SocketRareText.Fields()
        change(&fields)
        rareText = SocketRareText.make(fields)
    }

    /// The exposure of the local address; nil when the address is not an IP (a host name).
    public var exposure: Exposure? {
        // The wildcard and loopback addresses most sockets have, known without a parse: a rule
        // may test the exposure of every socket of every host.
        switch localAddress {
        case "0.0.0.0", "::": return .any
        case "127.0.0.1", "::1": return .loopback
        default: break
        }
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
