/// The outcome of one rule on one host (docs/architecture.md, "Evaluation").
public enum Outcome: String, Sendable, Hashable, CaseIterable {
    /// Every selected socket satisfied the expectation (or nothing was selected, `when_none: pass`).
    case pass
    /// Some selected socket did not satisfy the expectation.
    case fail
    /// The facts cannot prove a pass or a fail (an unreadable owner, partial coverage, …).
    case unknown
    /// The rule could not be evaluated on this host (unreadable capture, snapshot too new).
    case error
    /// Out of scope or disabled.
    case skip
    /// A waiver turned a `fail` or `unknown` into this; the original is kept.
    case waived
}

/// Counts of outcomes, for summaries.
public struct OutcomeCounts: Sendable, Hashable {
    /// The number of results of each outcome.
    public var pass = 0, fail = 0, unknown = 0, error = 0, skip = 0, waived = 0

    /// Creates counts that are all zero.
    public init() {}

    /// The count of one outcome.
    public subscript(outcome: Outcome) -> Int {
        get {
            switch outcome {
            case .pass: pass
            case .fail: fail
            case .unknown: unknown
            case .error: error
            case .skip: skip
            case .waived: waived
            }
        }
        set {
            switch outcome {
            case .pass: pass = newValue
            case .fail: fail = newValue
            case .unknown: unknown = newValue
            case .error: error = newValue
            case .skip: skip = newValue
            case .waived: waived = newValue
            }
        }
    }

    /// The sum over every outcome.
    public var total: Int { pass + fail + unknown + error + skip + waived }

    /// Adds one result's outcome.
    public mutating func add(_ outcome: Outcome) { self[outcome] += 1 }
}
