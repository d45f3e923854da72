/// Renders results for a person, a CI system or a fleet dashboard.
///
/// A reporter streams: ``begin(_:to:)`` once, ``host(_:to:)`` for each host, ``end(_:to:)``
/// once, so that memory does not grow with the fleet. A reporter decides no exit code; one
/// whose consumer reads the exit code (Nagios) says so in its descriptor's exit policy.
///
/// Implementation requirements:
/// - Text that came from an input (process names, command lines) is escaped for the format
///   (XML, HTML, JSON) or neutralised with ``TerminalText`` for terminals.
/// - Output written for the same inputs is the same bytes (apart from timestamps in ``RunInfo``).
public protocol Reporter {
    /// A stable id, used by `--format ID`.
    static var id: String { get }
    /// One line for `hostcheck list reporters`.
    static var summary: String { get }

    /// Called once before any host.
    mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws
    /// Called once per host, in run order.
    mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws
    /// Called once after the last host.
    mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws
}

/// Options every reporter may honour.
public struct ReporterOptions: Sendable, Hashable {
    /// Use ANSI colour (only on a terminal, never with `NO_COLOR`).
    public var color: Bool
    /// Show passing results too, not only a count.
    public var verbose: Bool
    /// Indent a JSON document (`--pretty`); compact, one line, otherwise.
    public var pretty: Bool
    /// The file in the repository a SARIF result points at when neither its evidence, its rule's
    /// pack nor its host's captures are a file there (`--sarif-artifact`); nil for the default.
    public var sarifArtifact: String?
    /// The most annotations a CI format writes per run before it aggregates (`--max-annotations`;
    /// GitHub shows 10 of each kind per step).
    public var maxAnnotations: Int

    /// Creates options; every option is off unless given, annotations capped at 10.
    public init(
        color: Bool = false, verbose: Bool = false, pretty: Bool = false, sarifArtifact: String? = nil,
        maxAnnotations: Int = 10
    ) {
        self.color = color
        self.verbose = verbose
        self.pretty = pretty
        self.sarifArtifact = sarifArtifact
        self.maxAnnotations = maxAnnotations
    }
}
