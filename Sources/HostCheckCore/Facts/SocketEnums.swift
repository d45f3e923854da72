/// Transport protocol of a socket.
public enum TransportProtocol: String, Sendable, Hashable, CaseIterable {
    case tcp, udp
}

/// Address family of a socket.
public enum AddressFamily: String, Sendable, Hashable, CaseIterable {
    case ipv4, ipv6
}

/// The normalised state of a socket (docs/architecture.md, "Facts").
///
/// `listening` is a TCP LISTEN socket or an unconnected UDP socket; `established` is also a
/// connected UDP socket; `bound` is a TCP socket bound but not listening. A word a parser could
/// not map is `unknown`, with the raw word kept in ``SocketFact/rawState``.
public enum SocketState: String, Sendable, Hashable, CaseIterable {
    case listening, established
    case timeWait = "time_wait", closeWait = "close_wait", synSent = "syn_sent"
    case synReceived = "syn_received", finWait1 = "fin_wait_1", finWait2 = "fin_wait_2"
    case lastAck = "last_ack", closing, closed, bound, unknown
}

/// Whether the owning processes of a socket are known (docs/architecture.md, "Facts").
public enum Ownership: String, Sendable, Hashable, CaseIterable {
    /// The owning PIDs are known (one or more).
    case owned
    /// Known to have no process (Windows PID 0, Linux inode 0, absent from a complete fd walk).
    case unowned
    /// Anything else: an unreadable fd directory, a capture without PIDs, conflicting sources.
    case unknown
}

/// A coded reason for an ownership that is not simply `owned`.
///
/// The raw value is the stable code written to JSON (`ownership_reason`).
public struct OwnershipReason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The stable code written to JSON (`capture-has-no-owners`).
    public var rawValue: String
    /// Wraps a code, including one this build does not know.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The capture lists sockets without owners (`netstat -an` without `-o`).
    public static let captureHasNoOwners = OwnershipReason(rawValue: "capture-has-no-owners")
    /// Some `/proc/[pid]/fd` directories could not be read, so the owner may be hidden.
    public static let fdDirectoryUnreadable = OwnershipReason(rawValue: "fd-directory-unreadable")
    /// The holder may be a process the probe cannot see: it runs in a child PID namespace, or
    /// `/proc` is mounted with `hidepid=`.
    public static let holderNotVisible = OwnershipReason(rawValue: "holder-not-visible")
    /// A process exited while its descriptors were read, so the walk was incomplete.
    public static let processVanished = OwnershipReason(rawValue: "process-vanished")
    /// Windows PID 0: TIME_WAIT bookkeeping, no process.
    public static let windowsPidZero = OwnershipReason(rawValue: "windows-pid-0")
    /// Linux inode 0: a TIME_WAIT or request socket that belongs to no process.
    public static let inodeZero = OwnershipReason(rawValue: "inode-zero")
    /// The socket's inode was in no fd directory of a complete walk.
    public static let noProcessHoldsInode = OwnershipReason(rawValue: "no-process-holds-inode")
    /// Two sources disagree about the owner (PID reuse between captures).
    public static let sourcesDisagree = OwnershipReason(rawValue: "sources-disagree")
    /// `netstat -b` printed its "can not obtain ownership information" line.
    public static let ownerNotObtainable = OwnershipReason(rawValue: "owner-not-obtainable")
    /// The row was read but its owner field was not: a PID that overflows or holds junk, a
    /// PID column missing from one row, or a last row that may be cut inside its PID.
    public static let ownerUnreadable = OwnershipReason(rawValue: "owner-unreadable")
}

/// How an address exposes a listener (derived from ``SocketFact/localAddress``).
public enum Exposure: String, Sendable, Hashable, CaseIterable {
    /// A loopback address: `127.0.0.0/8`, `::1`, `::ffff:127.0.0.0/104`.
    case loopback
    /// A wildcard address: `0.0.0.0` or `::`.
    case any
    /// Any other address.
    case specific
}
