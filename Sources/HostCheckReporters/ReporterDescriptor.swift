import HostCheckCore

/// One report format: its id for `--format`, the options it honours, its exit-code policy and
/// how it is made. See docs/architecture.md, "The registry".
public struct ReporterDescriptor: Sendable {
    /// The id of `--format ID[:PATH]`.
    public let id: String
    /// One line for `hostcheck list reporters` and `--format`'s help.
    public let summary: String
    /// The common options it honours (`color`, `verbose`, `pretty`), for `list reporters`.
    public let options: [ReporterOption]
    /// The exit codes it needs when it is the only format and writes to standard output; nil
    /// for hostcheck's own (0, 1, 2).
    public let exitPolicy: ReporterExitPolicy?
    /// Whether its output is flushed after every host (a line format read as it is written,
    /// such as NDJSON on standard output or a FIFO); otherwise output is written in large blocks.
    public let flushesEachHost: Bool
    /// Whether its hosts are written only when the run ends (the human formats, which put failing
    /// hosts first; at most a short header before), so a progress line on the same terminal does
    /// not interleave with its output.
    public let writesAtEnd: Bool
    /// How every error of the run is reported when it is the only format and writes to standard
    /// output, its consumer reading nothing else (a Nagios plugin's `UNKNOWN` line and exit 3);
    /// nil for hostcheck's own messages on standard error and exit codes.
    public let errorReport: ReporterErrorReport?
    /// Makes the reporter with the options the command line decided.
    public let make: @Sendable (ReporterOptions) -> any Reporter

    /// Creates a descriptor; by default it honours no common option, uses hostcheck's own exit
    /// codes and error messages, is not flushed after each host and writes as the run goes.
    public init(
        id: String, summary: String, options: [ReporterOption] = [], exitPolicy: ReporterExitPolicy? = nil,
        flushesEachHost: Bool = false, writesAtEnd: Bool = false, errorReport: ReporterErrorReport? = nil,
        make: @escaping @Sendable (ReporterOptions) -> any Reporter
    ) {
        self.id = id
        self.summary = summary
        self.options = options
        self.exitPolicy = exitPolicy
        self.flushesEachHost = flushesEachHost
        self.writesAtEnd = writesAtEnd
        self.errorReport = errorReport
        self.make = make
    }
}

/// A common option a reporter honours.
public enum ReporterOption: String, Sendable, Hashable, CaseIterable {
    /// `--color`: ANSI colour on a terminal.
    case color
    /// `--verbose`: passing results listed too.
    case verbose
    /// `--pretty`: an indented document.
    case pretty
}

/// Exit codes a report's consumer reads (a Nagios plugin's 0–3), decided from every result of
/// the run as it streams.
public struct ReporterExitPolicy: Sendable {
    /// A fresh tally for one run.
    public let makeTally: @Sendable () -> any ExitCodeTally

    /// Creates a policy that starts each run with a fresh tally from `makeTally`.
    public init(makeTally: @escaping @Sendable () -> any ExitCodeTally) {
        self.makeTally = makeTally
    }
}

/// How a format whose consumer reads only standard output and the exit code (a Nagios plugin)
/// reports an error that ends the run instead of a report: a usage error, a missing or invalid
/// input, an empty fleet, an output that cannot be written, a timeout. The command line finds
/// it from the raw arguments, before they are parsed (docs/cli.md, "Nagios mode").
public struct ReporterErrorReport: Sendable {
    /// The exit code of every such error (Nagios: 3, `UNKNOWN`).
    public let exitCode: Int32
    /// `--timeout`'s default in seconds when this format owns the error channel; nil for no limit.
    public let defaultTimeout: Double?
    /// The one line written to standard output for an error, from its one-line reason.
    public let line: @Sendable (String) -> String

    /// Creates an error report that writes `line(reason)` and exits `exitCode`.
    public init(exitCode: Int32, defaultTimeout: Double? = nil, line: @escaping @Sendable (String) -> String) {
        self.exitCode = exitCode
        self.defaultTimeout = defaultTimeout
        self.line = line
    }
}

/// Counts results as they stream and decides the exit code at the end.
public protocol ExitCodeTally: Sendable {
    /// Counts one result.
    mutating func add(_ result: RuleResult)
    /// The exit code for everything counted.
    var exitCode: Int32 { get }
}

/// A reporter made from ``ReporterOptions`` alone, with a descriptor derived from its `id` and
/// `summary` unless it declares its own.
public protocol BuiltinReporter: Reporter, Sendable {
    /// Creates the reporter with the options the CLI decided.
    init(options: ReporterOptions)
    /// The common options it honours.
    static var honouredOptions: [ReporterOption] { get }
    /// Whether its hosts are written only when the run ends (``ReporterDescriptor/writesAtEnd``).
    static var writesAtEnd: Bool { get }
    /// Its descriptor for the registry.
    static var descriptor: ReporterDescriptor { get }
}

extension BuiltinReporter {
    /// By default a reporter honours no common option.
    public static var honouredOptions: [ReporterOption] { [] }

    /// By default a reporter writes as the run goes.
    public static var writesAtEnd: Bool { false }

    /// A descriptor from the reporter's `id`, `summary` and `honouredOptions`, with hostcheck's own exit codes.
    public static var descriptor: ReporterDescriptor {
        ReporterDescriptor(id: id, summary: summary, options: honouredOptions, writesAtEnd: writesAtEnd) { Self(options: $0) }
    }
}
