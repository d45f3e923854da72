/// What every result of one rule shares: its pack, id, title, severity, tags, remediation and
/// compliance mappings. The evaluator builds one per rule per run, and each ``RuleResult``
/// holds it by reference, so making or copying a result costs one reference count for these
/// fields instead of one per field (Benchmarks/README.md, "Fleet"). Immutable: a result that
/// changes one of them gets a new box. Equal boxes are equal by value.
package final class RuleMetadata: Sendable, Hashable {
    /// The fields themselves.
    package struct Fields: Sendable, Hashable {
        /// The id of the rule's pack.
        package var pack: String
        /// The rule id.
        package var rule: String
        /// The rule title; nil when the rule has none.
        package var title: String?
        /// The rule's severity (after pack overrides).
        package var severity: Severity
        /// The rule's tags.
        package var tags: [String]
        /// How to fix a failure; nil when the rule gives none.
        package var remediation: String?
        /// Compliance mappings of the rule: framework to control ids.
        package var compliance: [String: [String]]
    }

    /// The fields of the rule's results.
    package let fields: Fields

    /// Creates the shared part of one rule's results.
    package init(
        pack: String, rule: String, title: String?, severity: Severity, tags: [String], remediation: String?,
        compliance: [String: [String]]
    ) {
        fields = Fields(
            pack: pack, rule: rule, title: title, severity: severity, tags: tags, remediation: remediation,
            compliance: compliance)
    }

    private init(fields: Fields) {
        self.fields = fields
    }

    /// A new box with `change` applied to a copy of the fields.
    package func replacing(_ change: (inout Fields) -> Void) -> RuleMetadata {
        var copy = fields
        change(&copy)
        return RuleMetadata(fields: copy)
    }

    package static func == (lhs: RuleMetadata, rhs: RuleMetadata) -> Bool {
        lhs === rhs || lhs.fields == rhs.fields
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(fields)
    }
}
