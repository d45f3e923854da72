/// Coverage stated outright rather than read from a capture: a bundle's `host.json`
/// `coverage`, `--coverage`, a pack example's `coverage:` (one shape for all three, the
/// snapshot's `host.coverage` object with every key optional). A dimension left out keeps
/// what the sources showed.
public struct CoverageDeclaration: Sendable, Hashable {
    /// Per-protocol levels stated.
    public var tcp, udp: CoverageLevel?
    /// Per-family levels stated.
    public var ipv4, ipv6: CoverageLevel?
    /// The owners level stated.
    public var owners: CoverageLevel?
    /// The states stated.
    public var states: StateCoverage?
    /// `.some(nil)` states every port; `.some([3691])` only those.
    public var ports: [Int]??
    /// `.some(nil)` states every user; `.some(["alice"])` only those.
    public var users: [String]??
    /// The namespaces stated.
    public var netns: NamespaceCoverage?

    /// A declaration that states nothing.
    public init() {}

    /// Whether no dimension is stated.
    public var isEmpty: Bool { self == CoverageDeclaration() }

    /// `coverage` with every stated dimension replaced, and `origin` (`declared in host.json`)
    /// recorded in ``Coverage/assumed`` for the dimensions it stated.
    public func applied(to coverage: Coverage, origin: String) -> Coverage {
        var result = coverage
        var stated: [String] = []
        func set<T>(_ value: T?, _ path: WritableKeyPath<Coverage, T>, _ name: String) {
            guard let value else { return }
            result[keyPath: path] = value
            stated.append(name)
        }
        set(tcp, \.tcp, "tcp")
        set(udp, \.udp, "udp")
        set(ipv4, \.ipv4, "ipv4")
        set(ipv6, \.ipv6, "ipv6")
        set(owners, \.owners, "owners")
        set(states, \.states, "states")
        set(ports, \.ports, "ports")
        set(users, \.users, "users")
        set(netns, \.netns, "netns")
        guard !stated.isEmpty else { return coverage }
        result.assumed.append(stated.joined(separator: ", ") + ": " + origin)
        return result
    }
}
