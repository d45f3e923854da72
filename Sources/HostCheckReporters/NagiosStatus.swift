import HostCheckCore

/// The Nagios/Icinga plugin status of a run, and its exit code (DESIGN.md §4):
/// `critical` (2) when a rule of severity ``criticalSeverity`` or above failed, else `warning` (1)
/// when any rule failed, else `unknown` (3) when any result is unknown or error, else `ok` (0).
/// Waived, skipped and passing results never raise the status.
///
/// The CLI uses this for the exit code of `--format nagios` (only as the sole format on stdout);
/// the Nagios reporter uses it for its status line, so both always agree.
public enum NagiosStatus: Int, Sendable, Hashable, CaseIterable {
    case ok = 0
    case warning = 1
    case critical = 2
    case unknown = 3

    /// Failures of this severity or above are critical.
    public static let criticalSeverity = Severity.high

    /// The process exit code Nagios expects.
    public var exitCode: Int32 { Int32(rawValue) }

    /// `OK`, `WARNING`, `CRITICAL`, `UNKNOWN`.
    public var label: String {
        switch self {
        case .ok: "OK"
        case .warning: "WARNING"
        case .critical: "CRITICAL"
        case .unknown: "UNKNOWN"
        }
    }

    /// The status from what the run found.
    /// - Parameters:
    ///   - worstFailure: the highest severity among failed results, nil when nothing failed.
    ///   - unknownOrError: whether any result is `unknown` or `error`.
    public static func of(worstFailure: Severity?, unknownOrError: Bool) -> NagiosStatus {
        if let worstFailure {
            return worstFailure >= criticalSeverity ? .critical : .warning
        }
        return unknownOrError ? .unknown : .ok
    }
}

/// Accumulates results into a ``NagiosStatus`` without keeping them (results stream).
public struct NagiosTally: Sendable, Hashable {
    /// The highest severity among failed results so far.
    public private(set) var worstFailure: Severity?
    /// Whether any result so far is `unknown` or `error`.
    public private(set) var unknownOrError = false

    public init() {}

    /// Counts one result.
    public mutating func add(_ result: RuleResult) {
        switch result.outcome {
        case .fail: worstFailure = max(worstFailure ?? result.severity, result.severity)
        case .unknown, .error: unknownOrError = true
        case .pass, .skip, .waived: break
        }
    }

    /// The status of everything added.
    public var status: NagiosStatus { .of(worstFailure: worstFailure, unknownOrError: unknownOrError) }
}
