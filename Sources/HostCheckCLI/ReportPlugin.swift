import HostCheckCore

/// `--format NAME[:PATH]` for a NAME no built-in reporter has: the report plugin
/// `hostcheck-report-NAME` (docs/plugins.md, "Report plugins").
///
/// It is given the whole results document (results-3, what `--format json` writes, compact) on
/// its standard input once the run is evaluated, and what it writes to standard output is the
/// report, written to PATH through ``ReportDestination`` or to our standard output. A plugin
/// that cannot be started, exits non-zero, is killed by a signal or at `--plugin-timeout`, or
/// writes more than ``outputLimit`` fails the run with exit 74 naming it, and nothing of its
/// output is written anywhere.
struct ReportPlugin: Sendable {
    var plugin: PluginCandidate
    /// Seconds before its process group is killed.
    var timeout: Double

    /// The most bytes of report taken from a plugin: 256 MiB.
    static let outputLimit = 256 << 20

    /// The report for `document`, the results JSON.
    /// - Throws: ``CLIError`` (exit 74) naming the plugin when it fails.
    func render(_ document: [UInt8]) throws -> [UInt8] {
        let what = "report plugin '\(plugin.name)' (\(plugin.path))"
        let outcome: PluginProcess.Outcome
        do {
            outcome = try PluginProcess.run(
                plugin.path, arguments: [], input: document, outputLimit: Self.outputLimit, timeout: timeout)
        } catch {
            throw CLIError(.cannotWrite, "\(what): \(error.reason); no report was written")
        }
        let failure: String? = switch outcome.ending {
        case .exited(0): nil
        case .overLimit: "wrote more than \(ByteCount.text(Self.outputLimit)), the limit for a report; its process group was killed"
        default: ProbePlugin.failure(outcome.ending, timeout: timeout)
        }
        guard let failure else { return outcome.output }
        let stderr = outcome.stderrText
        let tail = stderr.isEmpty ? "" : "; its standard error ends: \(stderr)"
        throw CLIError(.cannotWrite, "\(what) \(failure)\(tail); no report was written")
    }
}

/// A text stream kept in memory: the results document a report plugin is given.
struct MemoryOutput: TextOutputStream {
    var bytes: [UInt8] = []

    mutating func write(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }
}
