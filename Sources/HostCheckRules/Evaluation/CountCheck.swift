import HostCheckCore

/// `count:` against what the sources show (docs/rule-packs.md, "Counts"): `certain` items
/// are selected for sure and `possible` more may be; a selection the sources cover completely
/// can prove "at most", a partial one only "at least".
struct CountCheck {
    let bound: CountBound
    /// Items whose `select` is true.
    let certain: Int
    /// Items whose `select` is unknown.
    let possible: Int
    /// What the sources do not cover of the selection (`local port 22 only`); empty when they
    /// cover all of it.
    let gaps: [String]
    /// `socket`, `process`: the noun for messages.
    let noun: String

    /// The outcome and its message.
    func decide() -> (outcome: Outcome, message: String) {
        let complete = gaps.isEmpty
        let upper: Int? = complete ? certain + possible : nil
        let seen = "\(certain) \(plural(certain)) selected" + (possible > 0 ? " (\(possible) more may be)" : "")
        let expected = "expected \(bound.summary)"
        if let max = bound.max, certain > max {
            return (.fail, "\(seen), \(expected)")
        }
        if let upper, upper < bound.min {
            return (.fail, "\(seen), \(expected)")
        }
        let lowOK = certain >= bound.min
        let highOK = bound.max.map { max in upper.map { $0 <= max } ?? false } ?? true
        if lowOK, highOK { return (.pass, "\(seen), \(expected)") }
        if upper == nil {
            return (.unknown, "\(seen), \(expected), but the sources cover \(gaps.joined(separator: ", ")), so not every \(noun) the rule selects is listed")
        }
        return (.unknown, "\(seen), \(expected): cannot tell how many of the \(possible) undecided \(plural(possible)) \(possible == 1 ? "is" : "are") selected")
    }

    /// `1 socket`, `2 processes`: the noun for `count`.
    private func plural(_ count: Int) -> String {
        count == 1 ? noun : noun.hasSuffix("s") ? noun + "es" : noun + "s"
    }

    /// The rule's outcome from the `expect` decision and this count: a fail of either fails,
    /// then an unknown of either is unknown; `expectGiven` false means the count alone decides.
    func combine(_ decision: RuleEvaluation.Decision, expectGiven: Bool, dimensions: [String]) -> RuleEvaluation.Decision {
        let (outcome, message) = decide()
        var counted = RuleEvaluation.Decision(outcome: outcome, message: message, evidence: decision.evidence, evidenceTotal: decision.evidenceTotal)
        if outcome == .unknown {
            counted.causes = .data
            counted.missingCoverage = gaps.isEmpty ? [] : dimensions
        }
        guard expectGiven else { return counted }
        if decision.outcome == .fail { return decision }
        if outcome == .fail { return counted }
        if decision.outcome == .unknown { return decision }
        if outcome == .unknown { return counted }
        var both = decision
        both.message += "; " + message
        return both
    }
}
