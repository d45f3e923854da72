import HostCheckCore

/// `when:` (docs/rule-packs.md, "Conditions across sockets"): the rule is an implication, "if
/// something exists, the rule must hold". Whether it exists is decided like `count: { min: 1 }`
/// on the condition's selection, coverage included, so a capture that could not show port 80
/// does not prove that 80 is not listening.
struct RuleConditionCheck {
    let rule: Rule
    let condition: RuleCondition
    let contexts: [SocketContext]
    let processes: [ProcessFact]

    /// The rule's decision given its own `decision`: unchanged when the condition holds; a pass
    /// when it is proven not to hold; when the condition is unknown, a pass stays a pass (it
    /// holds either way) and anything else is unknown.
    func apply(to decision: RuleEvaluation.Decision, on host: HostInfo) -> RuleEvaluation.Decision {
        var probe = rule
        probe.subject = condition.subject
        probe.select = condition.predicate
        probe.expect = Rule.noExpectation
        probe.count = CountBound(min: 1, max: nil)
        probe.whenNone = .pass
        probe.requires = []
        probe.unknownOwner = .unknown
        probe.condition = nil
        let exists = switch condition.subject {
        case .sockets: RuleEvaluation(prepared: PreparedRule(probe, filtersPorts: false), contexts: contexts).decide(on: host)
        case .processes: ProcessRuleEvaluation(rule: probe, processes: processes).decide(on: host)
        }
        let what = "when \(condition.summary)"
        switch exists.outcome {
        case .pass:
            var result = decision
            result.message = "\(what) (it does): " + decision.message
            return result
        case .fail:
            return .init(outcome: .pass, message: "\(what): not the case (\(exists.message)), so nothing is required", evidence: [], evidenceTotal: 0)
        default:
            if decision.outcome == .pass {
                var result = decision
                result.message += "; \(what) is unknown, and the rule holds either way"
                return result
            }
            var result = exists
            result.message = "\(what) is unknown (\(exists.message)), and the rule \(decision.outcome == .fail ? "fails" : "is unknown") if it is: " + decision.message
            result.evidence = decision.evidence + exists.evidence
            result.evidenceTotal = decision.evidenceTotal + exists.evidenceTotal
            result.causes = exists.causes.union(decision.causes)
            result.missingCoverage = Array(Set(exists.missingCoverage + decision.missingCoverage)).sorted()
            return result
        }
    }
}

extension RuleCondition {
    /// `sockets local_port 80 and protocol tcp and state listening`, for messages.
    var summary: String {
        switch subject {
        case .sockets: "a socket has " + predicate.summary
        case .processes: "a process has " + ProcessRuleEvaluation.ownerPredicate(predicate).summary
        }
    }
}
