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

    init(reporter: any Reporter, output: FileOutput) {
        self.reporter = reporter
        self.output = output
    }
}

/// Every report of a run: one evaluation, many renderings.
struct ReportChannels {
    private var channels: [ReportChannel] = []

    /// Opens every destination first, so an unwritable path fails (exit 74) before evaluation.
    init(specs: [FormatSpec], options: ReportOptions, registry: Registry) throws {
        let environment = ProcessInfo.processInfo.environment
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
            let reporterOptions = options.reporterOptions(toTerminal: toTerminal, environment: environment)
            guard let descriptor = registry.reporter(id: spec.id) else {
                throw CLIError(.usage, "unknown format '\(spec.id)'")
            }
            channels.append(ReportChannel(reporter: descriptor.make(reporterOptions), output: output))
        }
    }

    mutating func begin(_ run: RunInfo) throws {
        for channel in channels { try channel.reporter.begin(run, to: &channel.output) }
    }

    mutating func host(_ results: HostResults) throws {
        for channel in channels { try channel.reporter.host(results, to: &channel.output) }
    }

    /// Ends every report and closes every destination (exit 74 on a write failure).
    mutating func end(_ summary: Summary) throws {
        for channel in channels {
            try channel.reporter.end(summary, to: &channel.output)
            try channel.output.finish()
        }
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
