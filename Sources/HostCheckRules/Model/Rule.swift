import HostCheckCore

/// What a rule's selected sockets must satisfy.
package enum Expectation: Sendable, Hashable {
    /// `expect: none`: no socket may be selected.
    case nothing
    case predicate(Predicate)
}

/// How a rule treats an `unknown` caused by ownership (`unknown_owner`).
package enum UnknownOwnerPolicy: String, Sendable, Hashable, CaseIterable {
    case unknown, fail, pass
}

/// `applies_to`: the hosts a rule is about.
package struct Scope: Sendable, Hashable {
    /// Platforms the rule applies to; empty means every platform.
    package var platforms: [Platform]
    /// Host-name globs (case-insensitive); empty means every host.
    package var hosts: [Glob]
    /// Required host labels: key to the values it may (or, negated, must not) have.
    package var labels: [String: LabelCondition]

    package init(platforms: [Platform] = [], hosts: [Glob] = [], labels: [String: LabelCondition] = [:]) {
        self.platforms = platforms
        self.hosts = hosts
        self.labels = labels
    }
}

/// One rule of a pack, compiled.
package struct Rule: Sendable, Hashable {
    package var pack: String
    package var id: String
    package var title: String?
    package var description: String?
    package var severity: Severity
    package var tags: [String]
    package var references: [String]
    package var select: Predicate
    package var expect: Expectation
    /// The outcome when nothing is selected: `pass` (default) or `fail`.
    package var whenNone: Outcome
    package var unknownOwner: UnknownOwnerPolicy
    /// `requires:`: coverage the rule needs beyond what its selection implies.
    package var requires: CoverageRequirements = []
    /// Sockets (default) or processes (`select: { processes: … }`); for processes, `select`
    /// and `expect` are `.owner` predicates.
    package var subject: RuleSubject = .sockets
    /// `count:`: how many sockets (or processes) `select` must choose; nil for no bound.
    package var count: CountBound?
    /// `when:`: the rule is required only when this holds on the host.
    package var condition: RuleCondition?
    /// Owner names ignored in `expect` when another owner exists (socket activation).
    package var supervisors: [String]
    package var remediation: String?
    package var enabled: Bool
    package var scope: Scope?
    /// Compliance mappings: framework (`cis`, `nist_800_53`, `pci_dss`, `iso_27001`, …) to
    /// control ids.
    package var compliance: [String: [String]]
    /// The rule's own tests (`examples:`), run by ``PackTester``.
    package var examples: [RuleExample]
    /// Where the rule starts in its pack.
    package var location: SourceLocation

    /// Whether the rule's `select` can accept a socket on `port`/`protocol` (for `explain`):
    /// false only when its port or protocol conditions rule it out.
    package func mightSelect(port: Int, protocol proto: TransportProtocol?) -> Bool {
        guard subject == .sockets else { return false }
        var values: [Field: FieldValue] = [.localPort: .integer(port)]
        if let proto { values[.protocol] = .text(proto.rawValue, truncated: false) }
        return select.admits(values)
    }

    /// Whether the rule has an `expect` (a rule with `count:` may have none: the count decides).
    package var hasExpectation: Bool { expect != Self.noExpectation }

    /// The `expect` of a rule that gives only `count:`: holds for everything.
    package static let noExpectation = Expectation.predicate(.all([]))

    /// Whether `select` names `local_port` at all (a rule about every port is not "about" 3691).
    package var selectsByPort: Bool { select.narrows(.localPort) }

    /// The rule's description for reporters.
    package var info: RuleInfo {
        RuleInfo(
            pack: pack, id: id, title: title, description: description, severity: severity, tags: tags,
            remediation: remediation, references: references, compliance: compliance, location: location
        )
    }
}

/// One `examples:` entry: a small fact set and the outcome the rule must give on it.
package struct RuleExample: Sendable, Hashable {
    package var name: String?
    package var snapshot: Snapshot
    package var outcome: Outcome
    /// Text the result's message must contain, when given.
    package var message: String?
    package var location: SourceLocation
}
