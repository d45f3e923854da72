/// How serious a diagnostic is.
public enum DiagnosticSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: DiagnosticSeverity, rhs: DiagnosticSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// A problem found while reading an input: a pack, a waiver file, a capture or `/proc`.
///
/// Rendered compiler-style: `rules/x.yaml:12:7: error: unknown key 'slect'`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious the problem is.
    public var severity: DiagnosticSeverity
    /// One line, lowercase, no trailing period; never more than one line of input echoed.
    public var message: String
    /// Where the problem is (written as `source`); nil when it has no place in an input.
    public var location: SourceLocation?

    /// Creates a diagnostic of `severity` with `message`, at `location` when known.
    public init(_ severity: DiagnosticSeverity, _ message: String, at location: SourceLocation? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}
