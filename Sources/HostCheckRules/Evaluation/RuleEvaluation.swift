import HostCheckCore

/// One rule on one host: the four steps of docs/architecture.md, "Evaluation"; coverage and `unknown_owner`.
///
/// The host is an argument of ``decide(on:)`` rather than a stored property: the evaluation
/// of each rule borrows it instead of copying its many fields (Benchmarks/README.md, "Fleet").
struct RuleEvaluation {
    /// The rule, with what it needs worked out once per run (its port filter among them).
    let prepared: PreparedRule
    let contexts: [SocketContext]

    /// The outcome before waivers, with the causes of an `unknown`.
    struct Decision {
        var outcome: Outcome
        var message: String
        var evidence: [Evidence]
        var evidenceTotal: Int
        var causes: UnknownCause = []
        /// The coverage dimensions that made it `unknown` (``RuleResult/missingCoverage``).
        var missingCoverage: [String] = []
    }

    func decide(on host: HostInfo) -> Decision {
        var failing: [(SocketContext, Truth)] = []
        var undecided: [(SocketContext, Truth, Truth)] = []
        var selected: [SocketContext] = []
        var anyCandidate = false
        var anySelected = false
        var selectCauses: UnknownCause = []
        var certain = 0
        let portFilter = prepared.portFilter
        for context in contexts {
            // A port the selection cannot accept: `sel` is no (PortFilter).
            if let portFilter, let port = context.socket.localPort, !portFilter.admits(port) { continue }
            let sel = context.evaluate(prepared.rule.select, .some)
            if sel.isNo { continue }
            anyCandidate = true
            if sel.isYes { anySelected = true; certain += 1 } else { selectCauses.formUnion(sel.causes) }
            let ok: Truth
            switch prepared.rule.expect {
            case .nothing: ok = .no
            case .predicate(let predicate): ok = context.evaluate(predicate, .every(supervisors: prepared.rule.supervisors))
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
            decision = Decision(outcome: prepared.rule.whenNone, message: "no socket selected", evidence: [], evidenceTotal: 0)
        } else if !anySelected, prepared.rule.whenNone != .pass {
            // Every candidate only may be selected: whether the required socket exists is unknown.
            let count = selected.count
            let message = "no socket is certainly selected; \(count) socket\(count == 1 ? "" : "s") may be"
            decision = Decision(
                outcome: .unknown, message: message, evidence: evidence(selected) { $0.ownerGap ?? "select is unknown for this socket" },
                evidenceTotal: count, causes: selectCauses)
        } else {
            let count = selected.count
            var message = MessageText.clip("\(count) selected socket\(count == 1 ? "" : "s") satisfied \(expectSummary)", limit: 300)
            // A pass that rests on a name alone says so (docs/rule-packs.md, "How strong is this identity?").
            let nameOnly = prepared.testsOwnerName ? selected.lazy.compactMap { $0.nameOnlyNote() }.first : nil
            if let nameOnly { message += "; " + MessageText.clip(nameOnly, limit: 200) }
            decision = Decision(
                outcome: .pass, message: message,
                evidence: evidence(selected) { nameOnly == nil ? nil : $0.nameOnlyNote() }, evidenceTotal: selected.count)
        }
        if decision.outcome == .unknown, decision.causes == .ownership, prepared.rule.unknownOwner != .unknown {
            decision.outcome = prepared.rule.unknownOwner == .fail ? .fail : .pass
            decision.message += " (unknown_owner: \(prepared.rule.unknownOwner.rawValue))"
        }
        if decision.outcome == .pass || !anyCandidate {
            applyCoverage(&decision, coverage: host.coverage)
        } else if decision.outcome == .unknown {
            if decision.causes.contains(.ownership), host.coverage.owners != .full { decision.missingCoverage = ["owners"] }
            // Another capture cannot settle what the owner's own identity leaves open.
            if let capture = host.coverage.fullCapture, decision.causes != .identity {
                decision.message += "; capture with `\(capture)` to settle it"
            }
        }
        if let bound = prepared.rule.count {
            let gaps = CoverageNeeds(rule: prepared.rule).gaps(in: host.coverage)
            let possible = failing.count + undecided.count + selected.count - certain
            let check = CountCheck(bound: bound, certain: certain, possible: possible, gaps: gaps.map(\.phrase), noun: "socket")
            decision = check.combine(decision, expectGiven: prepared.rule.hasExpectation, dimensions: gaps.map(\.dimension))
            if decision.outcome == .unknown, !gaps.isEmpty, let capture = host.coverage.fullCapture, !decision.message.contains(capture) {
                decision.message += "; capture with `\(capture)` to settle it"
            }
        }
        return decision
    }

    /// The `expect` predicate; nil for `expect: none`.
    private var expectPredicate: Predicate? {
        if case .predicate(let predicate) = prepared.rule.expect { predicate } else { nil }
    }

    private var expectSummary: String { prepared.expectSummary }

    private func evidence(_ contexts: [SocketContext], note: (SocketContext) -> String? = { _ in nil }) -> [Evidence] {
        contexts.prefix(RuleResult.evidenceLimit).map { Evidence(socket: $0.socket, processes: $0.processes, note: note($0)) }
    }

    private func failDecision(_ failing: [SocketContext]) -> Decision {
        let first = failing[0]
        let expected = prepared.expectedPhrase
        var message = "\(first.endpoint) \(first.ownerPhrase), \(expected)"
        message = MessageText.clip(message, limit: 300)
        if let note = first.processes.lazy.compactMap(SocketContext.identityNote).first {
            message += "; " + MessageText.clip(note, limit: 200)
        }
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
        let fields = prepared.testedFields
        let identityGap = causes.contains(.identity) ? first.identityGap(fields: fields) : nil
        if let identityGap {
            message = "\(first.endpoint): \(identityGap)"
        } else if causes.contains(.ownership), let gap = first.ownerGap {
            message = "\(first.endpoint): \(gap)"
        } else if let gap = first.identityGap(in: expectPredicate) ?? first.identityGap(in: prepared.rule.select) {
            message = "\(first.endpoint): \(gap)"
        } else {
            message = "\(first.endpoint): cannot tell whether it satisfies \(expectSummary)"
        }
        message = MessageText.clip(message, limit: 300)
        if undecided.count > 1 { message += " (and \(undecided.count - 1) more)" }
        return Decision(outcome: .unknown, message: message, evidence: evidence(undecided.map(\.0)) { $0.identityGap(fields: fields) ?? $0.ownerGap ?? "cannot tell whether it is selected and satisfies the expectation" },
                        evidenceTotal: undecided.count, causes: causes)
    }

    /// A pass or a `when_none` outcome is unknown when the selection reaches outside what the
    /// sources could show (``CoverageNeeds``; docs/architecture.md, "Coverage"). Partial owner
    /// coverage needs no rule here: the probe marks each socket whose owner it could not see as
    /// ownership `unknown`, so owner conditions on it are already unknown (step 2).
    private func applyCoverage(_ decision: inout Decision, coverage: Coverage) {
        let gaps = CoverageNeeds(rule: prepared.rule).gaps(in: coverage)
        guard !gaps.isEmpty else { return }
        var message = "\(decision.message), but the sources cover " + gaps.map(\.phrase).joined(separator: ", ")
        if let assumed = Self.assumption(for: gaps, in: coverage) { message += " (\(assumed))" }
        if let capture = coverage.fullCapture { message += "; capture with `\(capture)` to settle it" }
        decision.message = message
        decision.outcome = .unknown
        decision.causes = .data
        decision.missingCoverage = gaps.map(\.dimension)
    }

    /// The recorded assumptions behind the gaps: every line naming one of their dimensions
    /// (what lowered the coverage, what the format implies, what was declared), if any.
    private static func assumption(for gaps: [CoverageNeeds.Gap], in coverage: Coverage) -> String? {
        let lines = coverage.assumed.filter { line in
            guard let colon = line.firstIndex(of: ":") else { return false }
            let dimensions = line[..<colon].split(separator: ",").map { String($0.filter { $0 != " " }) }
            return gaps.contains { gap in
                dimensions.contains(gap.dimension)
                    || (dimensions.contains("protocols") && TransportProtocol(rawValue: gap.dimension) != nil)
                    || (dimensions.contains("families") && AddressFamily(rawValue: gap.dimension) != nil)
            }
        }
        return lines.isEmpty ? nil : lines.joined(separator: "; ")
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
