import HostCheckCore

/// A Nagios/Icinga plugin state, with the exit code a plugin returns for it.
///
/// The mapping, used both by ``NagiosReporter`` for its status word and by its exit policy for
/// the exit code of `--format nagios`:
/// - `CRITICAL` (2): some result is `fail` with severity `high` or `critical`;
/// - `WARNING` (1): else some result is `fail` (severity `info`, `low` or `medium`);
/// - `UNKNOWN` (3): else some result is `unknown` or `error`;
/// - `OK` (0): otherwise (`pass`, `skip` and `waived` only, or no result at all).
///
/// States compare by that precedence: `ok < unknown < warning < critical`.
package enum NagiosStatus: Int32, Sendable, Hashable, CaseIterable, Comparable {
    case ok = 0
    case warning = 1
    case critical = 2
    case unknown = 3

    /// The plugin exit code: 0, 1, 2 or 3.
    package var exitCode: Int32 { rawValue }

    /// The status word of the first output line: `OK`, `WARNING`, `CRITICAL`, `UNKNOWN`.
    package var label: String {
        switch self {
        case .ok: "OK"
        case .warning: "WARNING"
        case .critical: "CRITICAL"
        case .unknown: "UNKNOWN"
        }
    }

    /// The lowest severity whose fails are `CRITICAL`.
    package static let criticalSeverity = Severity.high

    /// The state one result contributes.
    package static func status(outcome: Outcome, severity: Severity) -> NagiosStatus {
        switch outcome {
        case .fail: severity >= criticalSeverity ? .critical : .warning
        case .unknown, .error: .unknown
        case .pass, .skip, .waived: .ok
        }
    }

    /// The state of a run from its counts.
    /// - Parameters:
    ///   - severeFails: fails of severity `high` or above.
    ///   - otherFails: fails of lower severity.
    ///   - unknownsAndErrors: results that are `unknown` or `error`.
    package static func status(severeFails: Int, otherFails: Int, unknownsAndErrors: Int) -> NagiosStatus {
        if severeFails > 0 { return .critical }
        if otherFails > 0 { return .warning }
        if unknownsAndErrors > 0 { return .unknown }
        return .ok
    }

    private var precedence: Int {
        switch self {
        case .ok: 0
        case .unknown: 1
        case .warning: 2
        case .critical: 3
        }
    }

    package static func < (lhs: NagiosStatus, rhs: NagiosStatus) -> Bool { lhs.precedence < rhs.precedence }
}

/// Counts results as they stream and gives the run's ``NagiosStatus``, without keeping results.
package struct NagiosTally: ExitCodeTally, Hashable {
    /// Results per outcome.
    package private(set) var counts = OutcomeCounts()
    /// Fails of severity ``NagiosStatus/criticalSeverity`` or above.
    package private(set) var severeFails = 0

    package init() {}

    /// Counts one result.
    package mutating func add(_ result: RuleResult) {
        counts.add(result.outcome)
        if result.outcome == .fail, result.severity >= NagiosStatus.criticalSeverity { severeFails += 1 }
    }

    /// Counts every result of a host.
    package mutating func add(_ results: HostResults) {
        for result in results.results { add(result) }
    }

    /// The plugin exit code of everything counted so far.
    package var exitCode: Int32 { status.exitCode }

    /// The state of everything counted so far.
    package var status: NagiosStatus {
        NagiosStatus.status(severeFails: severeFails, otherFails: counts.fail - severeFails,
                            unknownsAndErrors: counts.unknown + counts.error)
    }
}
