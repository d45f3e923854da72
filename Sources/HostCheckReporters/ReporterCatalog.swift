import HostCheckCore

/// A built-in reporter: a ``Reporter`` the CLI can make from ``ReporterOptions`` alone.
public protocol BuiltinReporter: Reporter, Sendable {
    /// Creates the reporter with the options the CLI decided (colour, verbosity).
    init(options: ReporterOptions)
}

/// The reporters this module provides: an explicit list, no global registry (docs/architecture.md, "The registry").
public enum Reporters {
    /// Every built-in reporter type, in the order `hostcheck list reporters` shows them.
    public static var all: [any BuiltinReporter.Type] {
        [
            TextReporter.self, JSONReporter.self, JUnitReporter.self, SARIFReporter.self, TAPReporter.self,
            MarkdownReporter.self, GitHubReporter.self, PrometheusReporter.self, NagiosReporter.self, HTMLReporter.self,
        ]
    }

    /// The ids of ``all``, in order.
    public static var ids: [String] { all.map { $0.id } }

    /// Makes the reporter whose id is `id`, or nil when there is none.
    /// - Parameters:
    ///   - id: a reporter id (`text`, `json`, …), compared exactly.
    ///   - options: the options the CLI decided.
    public static func makeReporter(id: String, options: ReporterOptions) -> (any Reporter)? {
        guard let type = all.first(where: { $0.id == id }) else { return nil }
        return type.init(options: options)
    }
}

extension HTMLReporter: BuiltinReporter {}
extension PrometheusReporter: BuiltinReporter {}
extension NagiosReporter: BuiltinReporter {}
