import HostCheckCore

/// One rule on one host: the four steps of docs/architecture.md, "Evaluation"; coverage and `unknown_owner`.
struct RuleEvaluation {
    let rule: Rule
    let host: HostInfo
    let contexts: [SocketContext]

    /// The outcome before waivers, with the causes of an `unknown`.
    struct Decision {
        var outcome: Outcome
        var message: String
        var evidence: [Evidence]
        var evidenceTotal: Int
        var causes: UnknownCause = []
    }

    func decide() -> Decision {
        var failing: [(SocketContext, Truth)] = []
        var undecided: [(SocketContext, Truth, Truth)] = []
        var selected: [SocketContext] = []
        var anyCandidate = false
        var anySelected = false
        var selectCauses: UnknownCause = []
        for context in contexts {
            let sel = context.evaluate(rule.select, .some)
            if sel.isNo { continue }
            anyCandidate = true
            if sel.isYes { anySelected = true } else { selectCauses.formUnion(sel.causes) }
            let ok: Truth
            switch rule.expect {
            case .nothing: ok = .no
            case .predicate(let predicate): ok = context.evaluate(predicate, .every(supervisors: rule.supervisors))
            }
            if sel.isYes, ok.isNo {
                failing.append((context, ok))
            } else if !ok.isYes {
                undecided.append((context, sel, ok))
            } else {
                selected.append(context)
            }
        }
        var decision: Decision
        if !failing.isEmpty {
            decision = failDecision(failing.map(\.0))
        } else if !undecided.isEmpty {
            decision = unknownDecision(undecided)
        } else if !anyCandidate {
            decision = Decision(outcome: rule.whenNone, message: "no socket selected", evidence: [], evidenceTotal: 0)
        } else if !anySelected, rule.whenNone != .pass {
            // Every candidate only may be selected: whether the required socket exists is unknown.
            let count = selected.count
            let message = "no socket is certainly selected; \(count) socket\(count == 1 ? "" : "s") may be"
            decision = Decision(
                outcome: .unknown, message: message, evidence: evidence(selected) { $0.ownerGap ?? "select is unknown for this socket" },
                evidenceTotal: count, causes: selectCauses)
        } else {
            let count = selected.count
            let message = "\(count) selected socket\(count == 1 ? "" : "s") satisfied \(expectSummary)"
            decision = Decision(outcome: .pass, message: MessageText.clip(message, limit: 300), evidence: evidence(selected), evidenceTotal: selected.count)
        }
        if decision.outcome == .unknown, decision.causes == .ownership, rule.unknownOwner != .unknown {
            decision.outcome = rule.unknownOwner == .fail ? .fail : .pass
            decision.message += " (unknown_owner: \(rule.unknownOwner.rawValue))"
        }
        if decision.outcome == .pass || !anyCandidate {
            applyCoverage(&decision)
        }
        return decision
    }

    private var expectSummary: String {
        switch rule.expect {
        case .nothing: "expect none"
        case .predicate(let predicate): predicate.summary
        }
    }

    private func evidence(_ contexts: [SocketContext], note: (SocketContext) -> String? = { _ in nil }) -> [Evidence] {
        contexts.prefix(RuleResult.evidenceLimit).map { Evidence(socket: $0.socket, processes: $0.processes, note: note($0)) }
    }

    private func failDecision(_ failing: [SocketContext]) -> Decision {
        let first = failing[0]
        let expected: String = switch rule.expect {
        case .nothing: "expected no such socket"
        case .predicate(let predicate): "expected \(predicate.summary)"
        }
        var message = "\(first.endpoint) \(first.ownerPhrase), \(expected)"
        message = MessageText.clip(message, limit: 300)
        if failing.count > 1 { message += " (and \(failing.count - 1) more)" }
        return Decision(outcome: .fail, message: message, evidence: evidence(failing), evidenceTotal: failing.count)
    }

    private func unknownDecision(_ undecided: [(SocketContext, Truth, Truth)]) -> Decision {
        var causes: UnknownCause = []
        for (_, sel, ok) in undecided {
            causes.formUnion(sel.causes)
            causes.formUnion(ok.causes)
        }
        let first = undecided[0].0
        var message: String
        if causes.contains(.ownership), let gap = first.ownerGap {
            message = "\(first.endpoint): \(gap)"
        } else {
            message = "\(first.endpoint): cannot tell whether it satisfies \(expectSummary)"
        }
        message = MessageText.clip(message, limit: 300)
        if undecided.count > 1 { message += " (and \(undecided.count - 1) more)" }
        return Decision(outcome: .unknown, message: message, evidence: evidence(undecided.map(\.0)) { $0.ownerGap ?? "cannot tell whether it is selected and satisfies the expectation" },
                        evidenceTotal: undecided.count, causes: causes)
    }

    /// A pass or a `when_none` outcome is unknown when the sources cover a selected protocol
    /// or family only partly (docs/architecture.md, "Evaluation"). Partial owner coverage needs no rule here: the
    /// probe marks each socket whose owner it could not see as ownership `unknown`, so owner
    /// conditions on it are already unknown (step 2).
    private func applyCoverage(_ decision: inout Decision) {
        let coverage = host.coverage
        var gaps: [String] = []
        var causes: UnknownCause = []
        for proto in Self.possible(TransportProtocol.allCases, field: .protocol, in: rule.select) {
            let level = coverage.level(of: proto)
            if level != .full {
                gaps.append("\(proto.rawValue) \(level == .none ? "not at all" : "only partly")")
                causes.insert(.data)
            }
        }
        for family in Self.possible(AddressFamily.allCases, field: .family, in: rule.select) {
            let level = coverage.level(of: family)
            if level != .full {
                gaps.append("\(family.rawValue) \(level == .none ? "not at all" : "only partly")")
                causes.insert(.data)
            }
        }
        guard !gaps.isEmpty else { return }
        decision.message = "\(decision.message), but the sources cover " + gaps.joined(separator: ", ")
        decision.outcome = .unknown
        decision.causes = causes
    }

    /// The values of a word field (`protocol`, `family`) the selection can possibly accept.
    static func possible<Value: RawRepresentable<String>>(_ all: [Value], field: Field, in predicate: Predicate) -> [Value] {
        all.filter { predicate.admits([field: .text($0.rawValue, truncated: false)]) }
    }

    /// The words of `field` (`protocol`, `family`, `state`, `exposure`) the predicate can accept.
    static func possibleWords(_ words: [String], field: Field, in predicate: Predicate) -> [String] {
        words.filter { predicate.admits([field: .text($0, truncated: false)]) }
    }
}
