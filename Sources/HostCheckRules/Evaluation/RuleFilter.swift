import HostCheckCore

/// `--rule ID`, `--tag T`, `--min-severity S`. Values of one kind are alternatives; kinds
/// combine (a rule must pass every kind given).
package struct RuleFilter: Sendable, Hashable {
    /// Rule ids, bare (`magaya-3691-owner`) or pack-qualified (`magaya-network/magaya-3691-owner`).
    package var ruleIDs: [String]
    package var tags: [String]
    package var minSeverity: Severity?

    /// A filter; empty lists and nil mean "no constraint".
    package init(ruleIDs: [String] = [], tags: [String] = [], minSeverity: Severity? = nil) {
        self.ruleIDs = ruleIDs
        self.tags = tags
        self.minSeverity = minSeverity
    }

    /// No filtering.
    package static let none = RuleFilter()

    /// The rules the filter keeps, in order. Throws when a `--rule` or `--tag` value names
    /// nothing loaded, or when no rule is left (the CLI exits 64).
    package func apply(to rules: [Rule]) throws(RuleFilterError) -> [Rule] {
        var problems: [String] = []
        for id in ruleIDs where !rules.contains(where: { matches(id: id, $0) }) {
            problems.append("--rule \(MessageText.quote(id)): no loaded rule has this id" + MessageText.didYouMean(id, among: rules.map(\.id)))
        }
        let allTags = Set(rules.flatMap(\.tags))
        for tag in tags where !allTags.contains(tag) {
            problems.append("--tag \(MessageText.quote(tag)): no loaded rule has this tag" + MessageText.didYouMean(tag, among: allTags.sorted()))
        }
        let kept = rules.filter(keeps)
        if problems.isEmpty, kept.isEmpty { problems.append("no rule left after the filters") }
        guard problems.isEmpty else { throw RuleFilterError(messages: problems) }
        return kept
    }

    /// Whether the filter keeps `rule`.
    package func keeps(_ rule: Rule) -> Bool {
        if !ruleIDs.isEmpty, !ruleIDs.contains(where: { matches(id: $0, rule) }) { return false }
        if !tags.isEmpty, !rule.tags.contains(where: tags.contains) { return false }
        if let minSeverity, rule.severity < minSeverity { return false }
        return true
    }

    private func matches(id: String, _ rule: Rule) -> Bool {
        id == rule.id || id == "\(rule.pack)/\(rule.id)"
    }
}

/// A filter value that selects nothing (a usage error: the CLI exits 64).
package struct RuleFilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line per problem, `--rule 'x': no loaded rule has this id`.
    package var messages: [String]

    package var description: String { messages.joined(separator: "; ") }

    /// The problems as diagnostics.
    package var diagnostics: [Diagnostic] { messages.map { Diagnostic(.error, $0) } }
}
