import HostCheckCore
import HostCheckReporters

/// Decides the exit status of `check` from the outcomes (docs/architecture.md, "Exit codes").
struct ExitPolicy {
    /// Only fails of this severity or above give exit 1.
    var failOn: Severity?
    /// The exit codes of the only report, on standard output, when its consumer reads them
    /// (Nagios); nil for hostcheck's own.
    var reporter: ReporterExitPolicy?

    /// The reporter's exit policy when `specs` is one format on standard output that has one.
    static func reporterPolicy(_ specs: [FormatSpec], registry: Registry) -> ReporterExitPolicy? {
        guard specs.count == 1, let spec = specs.first, spec.path == nil else { return nil }
        return registry.reporter(id: spec.id)?.exitPolicy
    }

    /// Accumulated facts about the results seen.
    struct Tally {
        var failAtThreshold = false
        var unknownOrError = false
        /// The reporter's own count, when it decides the exit code.
        var reporter: (any ExitCodeTally)?

        /// Adds a host's results, and their outcomes to `counts`. The results are read in place
        /// (by index, not element by element, which copies each), and copied only for a
        /// reporter's own count.
        mutating func add(_ results: HostResults, failOn: Severity?, counting counts: inout OutcomeCounts) {
            for index in results.results.indices {
                reporter?.add(results.results[index])
                let outcome = results.results[index].outcome
                counts.add(outcome)
                switch outcome {
                case .fail:
                    if results.results[index].severity >= (failOn ?? .info) { failAtThreshold = true }
                case .unknown, .error:
                    unknownOrError = true
                case .pass, .skip, .waived:
                    break
                }
            }
        }
    }

    /// A tally for one run.
    func makeTally() -> Tally {
        Tally(reporter: reporter?.makeTally())
    }

    func status(for tally: Tally) -> Int32 {
        if let reporter = tally.reporter { return reporter.exitCode }
        if tally.failAtThreshold { return ExitStatus.failed.rawValue }
        if tally.unknownOrError { return ExitStatus.unknownOrError.rawValue }
        return ExitStatus.success.rawValue
    }
}
