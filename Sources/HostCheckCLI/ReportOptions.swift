import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckCore
import HostCheckReporters

/// Options that choose report formats and their destinations.
struct ReportOptions: ParsableArguments {
    @Option(name: .customLong("format"), help: ArgumentHelp(ReportOptions.formatHelp, valueName: "format[:path]"),
            completion: Completions.formats)
    var formats: [String] = []

    @Option(name: .long, help: ArgumentHelp("Colour; auto means on a terminal, unless NO_COLOR is set or TERM=dumb.", valueName: "when"))
    var color: ColorChoice = .auto

    /// `--format`'s help: the formats of the run's registry (``CommandContext``), named in it.
    static var formatHelp: String {
        let ids = CommandContext.registry.reporters.map(\.id)
        return "A report format, optionally with a path: FORMAT[:PATH]. Repeatable; at most one goes to stdout. "
            + "Formats: \(ids.joined(separator: ", ")). Default: text. Any other NAME runs the report plugin hostcheck-report-NAME."
    }

    @Flag(name: .shortAndLong, help: "List passing results too.")
    var verbose = false

    @Flag(name: .long, help: "Indent JSON and SARIF documents (default: compact, one line).")
    var pretty = false

    @Flag(name: .long, help: "Write a report through a symbolic link given as its path (default: refused, exit 74).")
    var followOutputSymlinks = false

    /// The parsed format options; `text` on stdout when none is given.
    func specs(registry: Registry) throws -> [FormatSpec] {
        let specs = formats.isEmpty ? [FormatSpec(id: "text", path: nil)] : formats.map(FormatSpec.init(parsing:))
        let discovery = PluginDiscovery(environment: ProcessInfo.processInfo.environment)
        for spec in specs where registry.reporter(id: spec.id) == nil {
            guard discovery.find(.report, named: spec.id) != nil else {
                let known = registry.reporters.map(\.id)
                throw CLIError(
                    .usage,
                    "unknown format '\(spec.id)'; known: \(known.joined(separator: ", ")), or a report plugin "
                        + "hostcheck-report-NAME in HOSTCHECK_PLUGIN_PATH or PATH (hostcheck list plugins)")
            }
            _ = try discovery.plugin(.report, named: spec.id)
        }
        if specs.filter({ $0.path == nil }).count > 1 {
            throw CLIError(.usage, "at most one --format may write to standard output; give the others a path (FORMAT:PATH)")
        }
        return specs
    }

    /// Reporter options for output going to a terminal or not.
    func reporterOptions(toTerminal: Bool, environment: [String: String]) -> ReporterOptions {
        let useColor: Bool
        switch color {
        case .always: useColor = true
        case .never: useColor = false
        case .auto: useColor = toTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
        return ReporterOptions(color: useColor, verbose: verbose, pretty: pretty)
    }
}

/// When to colour terminal output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, always, never
}
