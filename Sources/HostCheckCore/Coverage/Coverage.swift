/// What the sources of a snapshot could have shown: the evidence a `pass` rests on
/// (docs/architecture.md, "Coverage").
///
/// Coverage describes what the command or probe *could* show, not which rows the host
/// happened to have: an `ss -tulpn` of an IPv4-only host still covers IPv6. A rule whose
/// selection reaches outside the coverage cannot pass; it is `unknown`, naming the missing
/// dimension and ``fullCapture``.
public struct Coverage: Sendable, Hashable {
    /// Coverage of TCP sockets.
    public var tcp: CoverageLevel
    /// Coverage of UDP sockets.
    public var udp: CoverageLevel
    /// Coverage of IPv4 sockets.
    public var ipv4: CoverageLevel
    /// Coverage of IPv6 sockets.
    public var ipv6: CoverageLevel
    /// Coverage of socket owners (which processes hold each socket).
    public var owners: CoverageLevel
    /// Which socket states are listed.
    public var states: StateCoverage
    /// The local ports whose sockets are all listed; nil when every port's are.
    public var ports: [Int]?
    /// The users whose sockets are the only ones listed (`lsof` run as a non-root user); nil
    /// when every user's are.
    public var users: [String]?
    /// Which network namespaces were read.
    public var netns: NamespaceCoverage
    /// How each dimension that was not read from the source itself was decided
    /// (`ipv6: assumed from the format: ss lists both families unless run with -4 or -6`).
    public var assumed: [String]
    /// The capture that would cover everything, for messages (`netstat -ano`, beside `tasklist /svc /fo csv`).
    public var fullCapture: String?
    /// Whether every process (with or without a socket) is listed, as declared by the maker of
    /// the snapshot; `none` unless declared (``full``, a pack example's `coverage:`). Rules
    /// also derive it from the formats of the sources (`tasklist` lists every process), so a
    /// probe need not set it; it is not part of snapshot-2 (docs/architecture.md, "Coverage").
    public var processes: CoverageLevel = .none

    /// Creates coverage from a level for each protocol, each family and the owners; the other
    /// dimensions default to everything but other network namespaces.
    public init(
        tcp: CoverageLevel, udp: CoverageLevel, ipv4: CoverageLevel, ipv6: CoverageLevel, owners: CoverageLevel,
        states: StateCoverage = .all, ports: [Int]? = nil, users: [String]? = nil, netns: NamespaceCoverage = .hostOnly,
        assumed: [String] = [], fullCapture: String? = nil
    ) {
        self.tcp = tcp
        self.udp = udp
        self.ipv4 = ipv4
        self.ipv6 = ipv6
        self.owners = owners
        self.states = states
        self.ports = ports.map { Array(Set($0)).sorted() }
        self.users = users.map { Array(Set($0)).sorted() }
        self.netns = netns
        self.assumed = assumed
        self.fullCapture = fullCapture
    }

    /// Everything fully covered, in every network namespace.
    public static let full: Coverage = {
        var coverage = Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: .full, netns: .all)
        coverage.processes = .full
        return coverage
    }()
    /// Nothing covered.
    public static let none = Coverage(tcp: .none, udp: .none, ipv4: .none, ipv6: .none, owners: .none)

    /// The coverage of one protocol.
    public func level(of proto: TransportProtocol) -> CoverageLevel {
        proto == .tcp ? tcp : udp
    }

    /// The coverage of one family.
    public func level(of family: AddressFamily) -> CoverageLevel {
        family == .ipv4 ? ipv4 : ipv6
    }

    /// Sets the level of one protocol.
    public mutating func setLevel(_ level: CoverageLevel, of proto: TransportProtocol) {
        if proto == .tcp { tcp = level } else { udp = level }
    }

    /// Sets the level of one family.
    public mutating func setLevel(_ level: CoverageLevel, of family: AddressFamily) {
        if family == .ipv4 { ipv4 = level } else { ipv6 = level }
    }

    /// Lowers every protocol and family to at most `level` (an incomplete copy, an unreadable
    /// row whose protocol is not known).
    public mutating func lowerSockets(to level: CoverageLevel) {
        tcp = tcp.lowered(to: level)
        udp = udp.lowered(to: level)
        ipv4 = ipv4.lowered(to: level)
        ipv6 = ipv6.lowered(to: level)
    }

    /// Whether `port` is among the listed local ports.
    public func covers(port: Int) -> Bool {
        ports.map { $0.contains(port) } ?? true
    }
}

/// Which socket states a source lists.
public enum StateCoverage: String, Sendable, Hashable, CaseIterable {
    /// Every state (`netstat -ano`, `ss -tuanp`, the live probe).
    case all
    /// Listening sockets only (`ss -tlpn`, `findstr LISTENING`, `sockstat -l`).
    case listening
}

/// Which network namespaces a source read.
public enum NamespaceCoverage: String, Sendable, Hashable, CaseIterable {
    /// Every namespace on the host (`--all-namespaces`, or no other namespace exists).
    case all
    /// Only the namespace the command or probe ran in (other namespaces may hold sockets).
    case hostOnly = "host-only"
}

/// A coverage level of the sources of a snapshot for one protocol, family or for owners.
public enum CoverageLevel: String, Sendable, Hashable, CaseIterable {
    case full, partial, none

    /// The lower of two levels (full > partial > none).
    public func lowered(to other: CoverageLevel) -> CoverageLevel {
        switch (self, other) {
        case (.none, _), (_, .none): .none
        case (.partial, _), (_, .partial): .partial
        default: .full
        }
    }

    /// The higher of two levels.
    public func raised(to other: CoverageLevel) -> CoverageLevel {
        switch (self, other) {
        case (.full, _), (_, .full): .full
        case (.partial, _), (_, .partial): .partial
        default: .none
        }
    }

    /// Full only when both are full, none only when both are none, else partial: two parts
    /// of one whole read together (two network namespaces).
    public func meet(_ other: CoverageLevel) -> CoverageLevel {
        self == other ? self : .partial
    }
}
