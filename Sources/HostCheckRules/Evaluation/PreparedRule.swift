import HostCheckCore

/// A rule with everything its evaluation needs that does not depend on the host, worked out
/// once per run instead of once per host (Benchmarks/README.md, "Fleet"). A class: the
/// evaluation of each host hands it on for one reference count instead of copying the rule's
/// many fields.
final class PreparedRule: Sendable {
    /// The rule.
    let rule: Rule
    /// The local ports `rule.select` can accept (``PortFilter``), for a socket rule that has one.
    let portFilter: PortFilter?
    /// Whether the rule sees the bookkeeping sockets (``BookkeepingSockets/isSeen(by:)``).
    let seesBookkeeping: Bool
    /// The fields the rule's `select` and `expect` test (``Rule/testedFields``).
    let testedFields: Set<Field>
    /// Whether ``testedFields`` holds `owner.name`.
    let testsOwnerName: Bool
    /// The `expect` for messages: its summary, or `expect none`.
    let expectSummary: String
    /// `expected <summary>` or `expected no such socket`, for a fail message.
    let expectedPhrase: String
    /// The rule's fields that every one of its results carries, shared by them.
    let metadata: RuleMetadata

    /// Prepares `rule`; `filtersPorts` false leaves it without a port filter (a `when:`
    /// condition's probe rule is judged on every socket).
    init(_ rule: Rule, filtersPorts: Bool = true) {
        self.rule = rule
        portFilter = filtersPorts && rule.subject == .sockets ? PortFilter(select: rule.select) : nil
        seesBookkeeping = BookkeepingSockets.isSeen(by: rule)
        testedFields = rule.testedFields
        testsOwnerName = testedFields.contains(.ownerName)
        metadata = RuleMetadata(
            pack: rule.pack, rule: rule.id, title: rule.title, severity: rule.severity, tags: rule.tags,
            remediation: rule.remediation, compliance: rule.compliance)
        switch rule.expect {
        case .nothing:
            expectSummary = "expect none"
            expectedPhrase = "expected no such socket"
        case .predicate(let predicate):
            let summary = predicate.summary
            expectSummary = summary
            expectedPhrase = "expected \(summary)"
        }
    }
}
