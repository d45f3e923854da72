import HostCheckCore

/// The entry of the run's `rules` that each result of the results JSON names by `pack` and
/// `rule`. Version 3 leaves a result's title, severity, tags, remediation and compliance to that
/// entry, so every result is checked against it as it comes: a result whose rule is not listed,
/// is listed twice, or differs from its entry would be read with another rule's fields (a fail
/// gated by severity could pass), and the document is not finished (``ResultRuleMismatch``).
///
/// Every host runs the rules in the same order, so the entry found at each position is tried
/// first; a result's values share storage with its rule's, and such values compare without
/// reading it, so the check is cheap.
struct ResultRules: Sendable {
    private let rules: [RuleInfo]
    /// Where each (pack, id) is in ``rules``.
    private let places: [Key: Int]
    /// The place of the rule of the result last seen at each position of a host's results.
    private var byPosition: [Int] = []

    private struct Key: Hashable, Sendable {
        var pack: String
        var id: String
    }

    /// No rules: every result is a mismatch (the run has not begun).
    init() {
        rules = []
        places = [:]
    }

    /// - Throws: ``ResultRuleMismatch`` when `rules` lists one (pack, id) twice.
    init(_ rules: [RuleInfo]) throws(ResultRuleMismatch) {
        var places: [Key: Int] = [:]
        for (place, rule) in rules.enumerated() {
            guard places.updateValue(place, forKey: Key(pack: rule.pack, id: rule.id)) == nil else {
                throw ResultRuleMismatch(pack: rule.pack, rule: rule.id, host: nil, problem: "is listed twice in `rules`")
            }
        }
        self.rules = rules
        self.places = places
    }

    /// Checks that the result at `pointer`, at `position` among its host's results, names an
    /// entry of `rules` with its title, severity, tags, remediation and compliance. The result is
    /// read in place (not copied).
    mutating func check(resultAt pointer: UnsafePointer<RuleResult>, position: Int) throws(ResultRuleMismatch) {
        let place: Int
        if position < byPosition.count, rules[byPosition[position]].id == pointer.pointee.rule,
           rules[byPosition[position]].pack == pointer.pointee.pack {
            place = byPosition[position]
        } else {
            guard let found = places[Key(pack: pointer.pointee.pack, id: pointer.pointee.rule)] else {
                throw ResultRuleMismatch(pack: pointer.pointee.pack, rule: pointer.pointee.rule, host: pointer.pointee.host, problem: "is not in `rules`")
            }
            place = found
            if position < byPosition.count {
                byPosition[position] = found
            } else if position == byPosition.count {
                byPosition.append(found)
            }
        }
        let same = rules.withUnsafeBufferPointer { rules in
            rules[place].severity == pointer.pointee.severity && rules[place].title == pointer.pointee.title
                && rules[place].tags == pointer.pointee.tags && rules[place].remediation == pointer.pointee.remediation
                && rules[place].compliance == pointer.pointee.compliance
        }
        guard same else {
            throw ResultRuleMismatch(
                pack: pointer.pointee.pack, rule: pointer.pointee.rule, host: pointer.pointee.host,
                problem: "differs from its entry in `rules` (title, severity, tags, remediation or compliance)")
        }
    }
}

/// A result the results JSON cannot write without misleading its reader: its rule is not the one
/// `rules` describes (``ResultRules``). Never the input's doing: the results and `rules` come from
/// the same loaded packs.
package struct ResultRuleMismatch: Error, CustomStringConvertible {
    package var pack: String
    package var rule: String
    /// The host of the result; nil for a problem of `rules` itself.
    package var host: String?
    package var problem: String

    /// One line; the names, which come from packs and hosts, with their control characters neutralised.
    package var description: String {
        let name = TerminalText.neutralised("'\(pack)/\(rule)'")
        let subject = host.map { "the result of rule \(name) on host '\(TerminalText.neutralised($0))'" } ?? "rule \(name)"
        return "results JSON: \(subject) \(problem); the document was not finished"
    }
}
