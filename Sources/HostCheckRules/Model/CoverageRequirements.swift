/// A rule's `requires:`: coverage it needs beyond what its selection implies
/// (docs/rule-packs.md, "requires").
///
/// ```yaml
/// requires: { netns: all, states: all }
/// ```
package struct CoverageRequirements: OptionSet, Sendable, Hashable {
    package let rawValue: Int
    package init(rawValue: Int) { self.rawValue = rawValue }

    /// `netns: all`: every network namespace read (live `--all-namespaces`).
    package static let allNamespaces = CoverageRequirements(rawValue: 1)
    /// `states: all`: sockets in every state listed, even for a rule about listeners.
    package static let allStates = CoverageRequirements(rawValue: 2)
    /// `ports: all`: every local port listed.
    package static let allPorts = CoverageRequirements(rawValue: 4)
    /// `users: all`: every user's sockets listed.
    package static let allUsers = CoverageRequirements(rawValue: 8)
    /// `owners: full`: every socket's owner shown.
    package static let allOwners = CoverageRequirements(rawValue: 16)

    /// Each `requires:` key, the one value it takes, and the requirement it sets.
    package static let keys: [(key: String, value: String, requirement: CoverageRequirements)] = [
        ("netns", "all", .allNamespaces), ("states", "all", .allStates), ("ports", "all", .allPorts),
        ("users", "all", .allUsers), ("owners", "full", .allOwners),
    ]
}
