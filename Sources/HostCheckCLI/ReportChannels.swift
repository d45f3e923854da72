#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore
import HostCheckReporters

/// One reporter and the stream it writes to.
final class ReportChannel {
    var reporter: any Reporter
    var output: FileOutput
    /// A report plugin, given what `reporter` (then the JSON reporter) wrote to ``document``.
    var plugin: ReportPlugin?
    /// The results document for ``plugin``.
    var document = MemoryOutput()
    /// Whether ``output`` is flushed after every host (``ReporterDescriptor/flushesEachHost``).
    let flushesEachHost: Bool

    init(reporter: any Reporter, output: FileOutput, plugin: ReportPlugin? = nil, flushesEachHost: Bool = false) {
        self.reporter = reporter
        self.output = output
        self.plugin = plugin
        self.flushesEachHost = flushesEachHost
    }
}

/// Every report of a run: one evaluation, many renderings.
struct ReportChannels {
    private var channels: [ReportChannel] = []
    /// Whether a report goes to a terminal as the run goes (a format that is not
    /// ``ReporterDescriptor/writesAtEnd``): then no progress line is drawn, which would
    /// interleave with it.
    private(set) var streamsToTerminal = false

    /// Opens every destination first, so an unwritable path fails (exit 74) before evaluation.
    /// - Parameters:
    ///   - pluginTimeout: seconds a report plugin may run (`--plugin-timeout`).
    ///   - sarifArtifact: the file SARIF results fall back to (`--sarif-artifact`).
    ///   - maxAnnotations: `--max-annotations`, for the GitHub reporter.
    init(
        specs: [FormatSpec], options: ReportOptions, registry: Registry, pluginTimeout: Double,
        sarifArtifact: String? = nil, maxAnnotations: Int = 10
    ) throws {
        let environment = ProcessInfo.processInfo.environment
        let discovery = PluginDiscovery(environment: environment)
        for spec in specs {
            let output: FileOutput
            let toTerminal: Bool
            if let path = spec.path {
                try ReportChannels.makeParentDirectory(of: path)
                output = try FileOutput.destination(path, followSymlinks: options.followOutputSymlinks)
                toTerminal = output.isTerminal
            } else {
                output = FileOutput.standardOutput()
                toTerminal = isatty(1) == 1
            }
            var reporterOptions = options.reporterOptions(toTerminal: toTerminal, environment: environment)
            reporterOptions.sarifArtifact = sarifArtifact
            reporterOptions.maxAnnotations = maxAnnotations
            guard let descriptor = registry.reporter(id: spec.id) else {
                // Not built in: a report plugin, given the results JSON (docs/plugins.md).
                let plugin = ReportPlugin(plugin: try discovery.plugin(.report, named: spec.id), timeout: pluginTimeout)
                let json = JSONReporter(options: reporterOptions, pretty: false)
                channels.append(ReportChannel(reporter: json, output: output, plugin: plugin))
                continue
            }
            if toTerminal && !descriptor.writesAtEnd { streamsToTerminal = true }
            channels.append(ReportChannel(
                reporter: descriptor.make(reporterOptions), output: output, flushesEachHost: descriptor.flushesEachHost))
        }
    }

    mutating func begin(_ run: RunInfo) throws {
        for channel in channels {
            if channel.plugin != nil {
                try channel.reporter.begin(run, to: &channel.document)
            } else {
                try channel.reporter.begin(run, to: &channel.output)
            }
        }
    }

    mutating func host(_ results: HostResults) throws {
        for channel in channels {
            if channel.plugin != nil {
                try channel.reporter.host(results, to: &channel.document)
            } else {
                try channel.reporter.host(results, to: &channel.output)
                if channel.flushesEachHost { channel.output.flush() }
            }
        }
    }

    /// Ends every report, runs the report plugins, and then closes every destination (exit 74
    /// on a write failure or a failed plugin: then no destination is finished, so no path is
    /// replaced). The run's ``OutputGate`` is claimed first: once the reports end, `--timeout`
    /// no longer fires; if it already has, nothing more is written.
    mutating func end(_ summary: Summary) throws {
        guard CommandContext.current?.gate.claim() ?? true else { throw CommandExit(status: ExitStatus.timedOut.rawValue) }
        for channel in channels {
            if let plugin = channel.plugin {
                try channel.reporter.end(summary, to: &channel.document)
                let report = try plugin.render(channel.document.bytes)
                channel.document = MemoryOutput()
                channel.output.write(bytes: report)
            } else {
                try channel.reporter.end(summary, to: &channel.output)
            }
        }
        for channel in channels { try channel.output.finish() }
    }

    private static func makeParentDirectory(of path: String) throws {
        guard ReportPath.streamDescriptor(path) == nil, let parent = FileAccess.parentDirectory(of: path),
              !FileAccess.kind(of: parent).exists else { return }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw CLIError(.cannotWrite, "\(path): cannot create its directory")
        }
    }
}
