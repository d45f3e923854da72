import HostCheckCore
import HostCheckReporters

/// Decides the exit status of `check` from the outcomes (docs/architecture.md, "Exit codes").
struct ExitPolicy {
    /// Only fails of this severity or above give exit 1.
    var failOn: Severity?
    /// Use the Nagios plugin codes (only when nagios is the sole format, on stdout).
    var nagios: Bool

    /// Accumulated facts about the results seen.
    struct Tally {
        var failAtThreshold = false
        var unknownOrError = false
        var nagios = NagiosTally()

        mutating func add(_ result: RuleResult, failOn: Severity?) {
            nagios.add(result)
            switch result.outcome {
            case .fail:
                if result.severity >= (failOn ?? .info) { failAtThreshold = true }
            case .unknown, .error:
                unknownOrError = true
            case .pass, .skip, .waived:
                break
            }
        }
    }

    func status(for tally: Tally) -> Int32 {
        if nagios { return tally.nagios.status.exitCode }
        if tally.failAtThreshold { return ExitStatus.failed.rawValue }
        if tally.unknownOrError { return ExitStatus.unknownOrError.rawValue }
        return ExitStatus.success.rawValue
    }
}
