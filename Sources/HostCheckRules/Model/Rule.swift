import HostCheckCore

/// What a rule's selected sockets must satisfy.
public enum Expectation: Sendable, Hashable {
    /// `expect: none`: no socket may be selected.
    case nothing
    case predicate(Predicate)
}

/// How a rule treats an `unknown` caused by ownership (`unknown_owner`).
public enum UnknownOwnerPolicy: String, Sendable, Hashable, CaseIterable {
    case unknown, fail, pass
}

/// `applies_to`: the hosts a rule is about.
public struct Scope: Sendable, Hashable {
    /// Platforms the rule applies to; empty means every platform.
    public var platforms: [Platform]
    /// Host-name globs (case-insensitive); empty means every host.
    public var hosts: [Glob]
    /// Required host labels: key to value glob.
    public var labels: [String: Glob]

    public init(platforms: [Platform] = [], hosts: [Glob] = [], labels: [String: Glob] = [:]) {
        self.platforms = platforms
        self.hosts = hosts
        self.labels = labels
    }
}

/// One rule of a pack, compiled.
public struct Rule: Sendable, Hashable {
    public var pack: String
    public var id: String
    public var title: String?
    public var description: String?
    public var severity: Severity
    public var tags: [String]
    public var references: [String]
    public var select: Predicate
    public var expect: Expectation
    /// The outcome when nothing is selected: `pass` (default) or `fail`.
    public var whenNone: Outcome
    public var unknownOwner: UnknownOwnerPolicy
    /// Owner names ignored in `expect` when another owner exists (socket activation).
    public var supervisors: [String]
    public var remediation: String?
    public var enabled: Bool
    public var scope: Scope?
    /// Compliance mappings: framework (`cis`, `nist_800_53`, `pci_dss`, `iso_27001`, …) to
    /// control ids.
    public var compliance: [String: [String]]
    /// The rule's own tests (`examples:`), run by ``PackTester``.
    public var examples: [RuleExample]
    /// Where the rule starts in its pack.
    public var location: SourceLocation

    /// Whether the rule's `select` can accept a socket on `port`/`protocol` (for `explain`):
    /// false only when its port or protocol conditions rule it out.
    public func mightSelect(port: Int, protocol proto: TransportProtocol?) -> Bool {
        var values: [Field: FieldValue] = [.localPort: .integer(port)]
        if let proto { values[.protocol] = .text(proto.rawValue, truncated: false) }
        return select.admits(values)
    }

    /// Whether `select` names `local_port` at all (a rule about every port is not "about" 3691).
    public var selectsByPort: Bool { select.narrows(.localPort) }

    /// The rule's description for reporters.
    public var info: RuleInfo {
        RuleInfo(
            pack: pack, id: id, title: title, description: description, severity: severity, tags: tags,
            remediation: remediation, references: references, compliance: compliance, location: location
        )
    }
}

/// One `examples:` entry: a small fact set and the outcome the rule must give on it.
public struct RuleExample: Sendable, Hashable {
    public var name: String?
    public var snapshot: Snapshot
    public var outcome: Outcome
    /// Text the result's message must contain, when given.
    public var message: String?
    public var location: SourceLocation
}
