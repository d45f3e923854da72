import HostCheckCore

/// One process rule (`select: { processes: … }`) on one host: the steps of ``RuleEvaluation``
/// over the processes the sources list instead of sockets (docs/rule-packs.md, "Process rules").
struct ProcessRuleEvaluation {
    let rule: Rule
    let processes: [ProcessFact]

    func decide(on host: HostInfo) -> RuleEvaluation.Decision {
        let select = Self.ownerPredicate(rule.select)
        let expect: Predicate? = if case .predicate(let predicate) = rule.expect { Self.ownerPredicate(predicate) } else { nil }
        var failing: [ProcessFact] = []
        var undecided: [(ProcessFact, UnknownCause)] = []
        var selected: [ProcessFact] = []
        var certain = 0
        for process in processes {
            let owner = OwnerTable.Owner(pid: process.pid, process: process)
            let sel = owner.evaluate(select)
            if sel.isNo { continue }
            if sel.isYes { certain += 1 }
            let ok = expect.map { owner.evaluate($0) } ?? .no
            if sel.isYes, ok.isNo {
                failing.append(process)
            } else if !ok.isYes {
                undecided.append((process, sel.causes.union(ok.causes)))
            } else {
                selected.append(process)
            }
        }
        let coverage = ProcessListCoverage(host: host, processes: processes)
        let whenNone = rule.count == nil ? rule.whenNone : .pass
        var decision: RuleEvaluation.Decision
        let candidates = failing.count + undecided.count + selected.count
        if let first = failing.first {
            let more = failing.count > 1 ? " (and \(failing.count - 1) more)" : ""
            decision = .init(
                outcome: .fail, message: MessageText.clip("\(Self.describe(first)), \(expected)", limit: 300) + more,
                evidence: evidence(failing), evidenceTotal: failing.count)
        } else if let (first, _) = undecided.first {
            let causes = undecided.reduce(into: UnknownCause()) { $0.formUnion($1.1) }
            let gap = first.nameTruncated ? "its name may be truncated" : Self.missingFields(of: first, in: [select] + (expect.map { [$0] } ?? []))
            let condition = expect.map(\.summary) ?? "the selection"
            let more = undecided.count > 1 ? " (and \(undecided.count - 1) more)" : ""
            decision = .init(
                outcome: .unknown, message: MessageText.clip("\(Self.describe(first)): \(gap); cannot tell whether it satisfies \(condition)", limit: 300) + more,
                evidence: evidence(undecided.map(\.0)), evidenceTotal: undecided.count, causes: causes)
        } else if candidates == 0 {
            decision = .init(outcome: whenNone, message: "no process selected", evidence: [], evidenceTotal: 0)
        } else {
            decision = .init(
                outcome: .pass, message: MessageText.clip("\(candidates) selected process\(candidates == 1 ? "" : "es") satisfied \(expected)", limit: 300),
                evidence: evidence(selected), evidenceTotal: selected.count)
        }
        if decision.outcome == .unknown, decision.causes == .ownership, rule.unknownOwner != .unknown {
            decision.outcome = rule.unknownOwner == .fail ? .fail : .pass
            decision.message += " (unknown_owner: \(rule.unknownOwner.rawValue))"
        }
        if coverage.level != .full, decision.outcome == .pass || candidates == 0 {
            decision.message += ", but \(coverage.reason ?? "the sources do not list every process"); capture with \(ProcessListCoverage.settle) to settle it"
            decision.outcome = .unknown
            decision.causes = .data
            decision.missingCoverage = ["processes"]
        }
        if let bound = rule.count {
            let gaps = coverage.level == .full ? [] : ["processes \(coverage.level == .none ? "not at all" : "only partly")"]
            let check = CountCheck(bound: bound, certain: certain, possible: candidates - certain, gaps: gaps, noun: "process")
            decision = check.combine(decision, expectGiven: rule.hasExpectation, dimensions: ["processes"])
            if decision.outcome == .unknown, coverage.level != .full, !decision.message.contains("to settle it") {
                decision.message += "; capture with \(ProcessListCoverage.settle) to settle it"
            }
        }
        return decision
    }

    /// `user is not recorded`, naming the fields of `predicates` that are unknown for `process`.
    static func missingFields(of process: ProcessFact, in predicates: [Predicate]) -> String {
        var names: [String] = []
        for predicate in predicates {
            predicate.visit { node in
                if case .field(let field, _) = node, case .unknown = field.value(pid: process.pid, process: process), !names.contains(field.key) {
                    names.append(field.key)
                }
                return true
            }
        }
        return names.isEmpty ? "a field the rule tests is not recorded" : names.joined(separator: ", ") + (names.count == 1 ? " is" : " are") + " not recorded"
    }

    /// `expected no such process`, `expected user root`.
    private var expected: String {
        switch rule.expect {
        case .nothing: "expected no such process"
        case .predicate(let predicate): "expected \(predicate.summary)"
        }
    }

    /// `process nc64.exe (pid 6120)`.
    static func describe(_ process: ProcessFact) -> String {
        "process \(MessageText.clip(process.name ?? "with no name", limit: 60)) (pid \(process.pid))"
    }

    /// A process rule's `select`/`expect` is stored as `owner: …`; the condition on one process.
    static func ownerPredicate(_ predicate: Predicate) -> Predicate {
        if case .owner(let inner) = predicate { inner } else { predicate }
    }

    private func evidence(_ processes: [ProcessFact]) -> [Evidence] {
        processes.prefix(RuleResult.evidenceLimit).map { Evidence(processes: [$0], source: $0.source) }
    }
}
