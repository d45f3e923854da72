#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckCore

/// Evaluates the loaded rules against snapshots, one host at a time (docs/architecture.md, "Evaluation").
///
/// Build it once per run: `init` applies the filter (throwing ``RuleFilterError`` when a
/// filter value selects nothing — exit 64) and checks the waivers against `now`
/// (``diagnostics``). Call ``evaluate(_:)`` per host, record each result in a
/// ``WaiverUsage``, and call ``finish(_:)`` at the end for the waivers that matched nothing.
package struct Evaluator: Sendable {
    /// The rules evaluated, after the filter, in pack order.
    package let rules: [Rule]
    /// The waivers of the run, if a file was given.
    package let waivers: WaiverSet?
    /// The clock used for waiver expiry (`--now`).
    package let now: Date
    /// Run-level warnings known at start: expired waivers, waivers expiring within 14 days,
    /// waivers naming a rule that is not loaded; and errors for waivers that break the packs'
    /// waiver policy (those are not applied).
    package let diagnostics: [Diagnostic]
    private let activeWaivers: [Waiver]
    private let allRules: [Rule]
    /// Each of ``rules`` prepared for evaluation once per run, in the same order.
    private let prepared: [PreparedRule]

    /// How close to its expiry a waiver is warned about.
    package static let expiryWarningSeconds: Double = 14 * 86400

    /// Prepares a run: applies `filter` (throwing when a filter value selects nothing) and
    /// checks `waivers` against `now`.
    package init(packs: LoadedPacks, filter: RuleFilter, waivers: WaiverSet?, now: Date) throws(RuleFilterError) {
        allRules = packs.rules
        rules = try filter.apply(to: allRules)
        prepared = rules.map { PreparedRule($0) }
        self.waivers = waivers
        self.now = now
        var diagnostics: [Diagnostic] = []
        var active: [Waiver] = []
        let policy = packs.waiverPolicy
        for waiver in waivers?.waivers ?? [] {
            // A waiver that breaks the packs' policy is an error and never applies (docs/rule-packs.md, "Waiver policy").
            if let violation = policy?.violation(of: waiver, now: now) {
                diagnostics.append(Diagnostic(.error, violation, at: waiver.location))
                continue
            }
            if !allRules.contains(where: waiver.names) {
                diagnostics.append(Diagnostic(.warning, "waiver names rule \(MessageText.quote(waiver.rule)), which is not loaded", at: waiver.location))
            }
            guard waiver.isActive(at: now) else {
                diagnostics.append(Diagnostic(.warning, "waiver for \(MessageText.quote(waiver.rule)) expired on \(waiver.expires ?? "?") and no longer applies", at: waiver.location))
                continue
            }
            if let end = waiver.expiresAt, end - now.timeIntervalSince1970 < Self.expiryWarningSeconds {
                let days = Int((end - now.timeIntervalSince1970) / 86400)
                let when = days == 0 ? "today" : "in \(days) day\(days == 1 ? "" : "s")"
                diagnostics.append(Diagnostic(.warning, "waiver for \(MessageText.quote(waiver.rule)) expires \(when) (\(waiver.expires ?? "?"))", at: waiver.location))
            }
            active.append(waiver)
        }
        activeWaivers = active
        self.diagnostics = diagnostics
    }

    /// Every rule on one host.
    package func evaluate(_ snapshot: Snapshot) -> HostResults {
        let owners = OwnerTable(processes: snapshot.processes, platform: snapshot.host.platform)
        let contexts = snapshot.sockets.map { SocketContext(socket: $0, owners: owners) }
        let failure = snapshot.diagnostics.first { $0.severity == .error }
        // The contexts without the bookkeeping sockets, made once for every rule that does not see them.
        let withoutBookkeeping = contexts.contains { BookkeepingSockets.contains($0.socket) }
            ? contexts.filter { !BookkeepingSockets.contains($0.socket) } : contexts
        let results = prepared.map { rule in
            evaluate(
                rule, host: snapshot.host, contexts: contexts,
                visible: rule.seesBookkeeping ? contexts : withoutBookkeeping, processes: snapshot.processes,
                failure: failure)
        }
        return HostResults(host: snapshot.host, results: results, diagnostics: snapshot.diagnostics)
    }

    /// One rule on one snapshot (used by ``PackTester``), waivers applied.
    func evaluate(_ rule: Rule, on snapshot: Snapshot) -> RuleResult {
        let owners = OwnerTable(processes: snapshot.processes, platform: snapshot.host.platform)
        let contexts = snapshot.sockets.map { SocketContext(socket: $0, owners: owners) }
        return evaluate(
            PreparedRule(rule), host: snapshot.host, contexts: contexts, visible: BookkeepingSockets.visible(contexts, to: rule),
            processes: snapshot.processes,
            failure: snapshot.diagnostics.first { $0.severity == .error })
    }

    /// The result of one rule, made once from its decision with the waiver applied (a result
    /// built early and then changed is copied on the way).
    private func evaluate(
        _ prepared: PreparedRule, host: HostInfo, contexts: [SocketContext], visible: [SocketContext], processes: [ProcessFact],
        failure: Diagnostic?
    ) -> RuleResult {
        var decision = decide(prepared, host: host, contexts: contexts, visible: visible, processes: processes, failure: failure)
        let waived = applyWaiver(to: &decision, rule: prepared.rule, host: host)
        return RuleResult(
            host: host.name, metadata: prepared.metadata, outcome: decision.outcome, message: decision.message,
            waivedOutcome: waived?.outcome, waiver: waived?.waiver, evidence: decision.evidence,
            evidenceTotal: decision.evidenceTotal, missingCoverage: decision.missingCoverage)
    }

    /// The outcome of one rule before waivers: skipped, an error, or decided on the snapshot.
    private func decide(
        _ prepared: PreparedRule, host: HostInfo, contexts: [SocketContext], visible: [SocketContext], processes: [ProcessFact],
        failure: Diagnostic?
    ) -> RuleEvaluation.Decision {
        func decision(_ outcome: Outcome, _ message: String, evidence: [Evidence] = []) -> RuleEvaluation.Decision {
            RuleEvaluation.Decision(outcome: outcome, message: message, evidence: evidence, evidenceTotal: evidence.count)
        }
        guard prepared.rule.enabled else { return decision(.skip, "rule disabled") }
        let scope = ScopeCheck.check(prepared.rule.scope, host: host)
        if case .outOfScope(let reason) = scope { return decision(.skip, reason) }
        if let failure {
            let message = MessageText.clip(failure.description, limit: 300)
            return decision(.error, message, evidence: [Evidence(source: failure.location, note: message)])
        }
        if case .undecidable(let reason) = scope { return decision(.unknown, reason) }
        let decided = switch prepared.rule.subject {
        case .sockets: RuleEvaluation(prepared: prepared, contexts: visible).decide(on: host)
        case .processes: ProcessRuleEvaluation(rule: prepared.rule, processes: processes).decide(on: host)
        }
        guard let condition = prepared.rule.condition else { return decided }
        return RuleConditionCheck(rule: prepared.rule, condition: condition, contexts: contexts, processes: processes)
            .apply(to: decided, on: host)
    }

    /// Applies the first waiver for `rule` that matches the host to a fail or unknown: the
    /// outcome becomes `waived`, and the outcome it replaced and the waiver are returned.
    private func applyWaiver(
        to decision: inout RuleEvaluation.Decision, rule: Rule, host: HostInfo
    ) -> (outcome: Outcome, waiver: AppliedWaiver)? {
        guard decision.outcome == .fail || decision.outcome == .unknown else { return nil }
        for waiver in activeWaivers where waiver.names(rule) {
            if waiver.hosts.isEmpty || waiver.hosts.contains(where: { $0.matches(host.name) }) {
                let replaced = decision.outcome
                decision.outcome = .waived
                return (replaced, waiver.applied)
            }
            if ScopeCheck.isUnknownHostName(host.name) {
                decision.outcome = .unknown
                decision.message += "; a waiver at \(waiver.location) may apply, but the host name is unknown"
                return nil
            }
        }
        return nil
    }

    /// Run-level warnings at the end: waivers (of rules evaluated) that waived nothing.
    package func finish(_ usage: WaiverUsage) -> [Diagnostic] {
        activeWaivers.filter { waiver in
            rules.contains(where: waiver.names) && !usage.applied.contains(waiver.location)
        }.map { waiver in
            Diagnostic(.warning, "waiver for \(MessageText.quote(waiver.rule)) matched nothing", at: waiver.location)
        }
    }
}

/// The waivers that applied during a run; record each host's results in it.
package struct WaiverUsage: Sendable, Hashable {
    /// The locations of the waivers that turned a result into `waived`.
    package private(set) var applied: Set<SourceLocation> = []

    /// No waiver applied yet.
    package init() {}

    /// Records the waivers applied to one host's results.
    package mutating func record(_ results: HostResults) {
        // Indices, not elements: a result is read in place instead of copied.
        for index in results.results.indices {
            if let location = results.results[index].waiver?.location { applied.insert(location) }
        }
    }
}
