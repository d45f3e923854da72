/// What a rule's `select` chooses among (docs/rule-packs.md, "Process rules").
package enum RuleSubject: String, Sendable, Hashable {
    /// `select: { protocol: tcp, … }`: sockets, with their owners.
    case sockets
    /// `select: { processes: { name: sshd } }`: every process the sources list, socket or not;
    /// `select` and `expect` then hold owner fields (`name`, `user`, `path`, …).
    case processes
}

/// `count: 1` or `count: { min: 1, max: 2 }`: how many sockets (or processes) `select` must
/// choose (docs/rule-packs.md, "Counts").
package struct CountBound: Sendable, Hashable {
    /// At least this many (0 when only `max` is given).
    package var min: Int
    /// At most this many; nil for no upper bound.
    package var max: Int?

    /// A bound; `max`, when given, is at least `min`.
    package init(min: Int, max: Int?) {
        self.min = min
        self.max = max
    }

    /// `exactly 1`, `between 1 and 3`, `at least 2`, `at most 4`.
    package var summary: String {
        switch max {
        case .some(let max) where max == min: "exactly \(min)"
        case .some(let max) where min == 0: "at most \(max)"
        case .some(let max): "between \(min) and \(max)"
        case .none: "at least \(min)"
        }
    }
}

/// `when:`: the rule is required only if something else exists on the host — some socket
/// (`when: { sockets: { local_port: 80, state: listening } }`, or the shorthand
/// `when: { listening: 80/tcp }`) or some process (`when: { processes: { name: nginx } }`).
package struct RuleCondition: Sendable, Hashable {
    /// Whether the condition is about sockets or processes.
    package var subject: RuleSubject
    /// The condition some socket (or process) must satisfy; for processes, an `.owner` predicate.
    package var predicate: Predicate
}
