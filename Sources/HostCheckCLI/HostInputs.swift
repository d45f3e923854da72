#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckCore
import HostCheckProbes

/// One host to evaluate: a name known before loading (for fleets) and how to load it.
struct HostJob: Sendable {
    /// What the job reads, for messages.
    var origin: String
    var load: @Sendable () async -> Snapshot
}

/// Turns the command's input options into host jobs.
struct HostInputs {
    var source: InputSource
    var hostName: String?
    /// `--label` values, added to every host's labels.
    var labels: [String: String] = [:]
    /// `--coverage`: what a pasted capture covers, applied after `host.json`'s.
    var coverage: CoverageDeclaration?
    /// Where the probes and capture formats come from.
    var registry: Registry

    /// The jobs with the labels and the `--coverage` declaration applied.
    func labelledJobs() async throws -> [HostJob] {
        let jobs = try await jobs()
        let declaration = coverage.flatMap { $0.isEmpty ? nil : $0 }
        guard !labels.isEmpty || declaration != nil else { return jobs }
        let labels = labels
        return jobs.map { job in
            HostJob(origin: job.origin) {
                var snapshot = await job.load()
                snapshot.host.labels.merge(labels) { _, new in new }
                if let declaration {
                    snapshot.host.coverage = declaration.applied(
                        toEvidence: snapshot.host.coverage, origin: "declared with --coverage")
                }
                return snapshot
            }
        }
    }

    /// The jobs, in report order. Throws exit 66 for inputs that do not exist and 65 for a
    /// single snapshot that cannot be read.
    func jobs() async throws -> [HostJob] {
        switch source {
        case .live(let options):
            guard let descriptor = registry.liveProbe(on: .current) else {
                throw CLIError(.usage, "no live probe runs on this platform; give --capture, --snapshot, --fleet or --probe")
            }
            return try liveJobs(descriptor, options: options)
        case .plugin(let name, let arguments, let timeout):
            if let builtin = registry.probe(id: name) {
                // A built-in probe's id selects it (docs/plugins.md, "Probe plugins").
                guard builtin.source == .live, builtin.platforms.contains(.current), arguments.isEmpty else {
                    throw CLIError(.usage, "--probe \(name) names a built-in probe; it runs here only as the live probe, without --probe-arg")
                }
                return try liveJobs(builtin, options: [:])
            }
            let plugin = try PluginDiscovery(environment: ProcessInfo.processInfo.environment).plugin(.probe, named: name)
            return [ProbePlugin(plugin: plugin, arguments: arguments, timeout: timeout).job(hostName: hostName)]
        case .capture(let paths):
            for path in paths { _ = try FileAccess.type(of: path) }
            guard let descriptor = registry.fileProbe else { throw CLIError(.usage, "this build reads no captures") }
            let probe = try HostInputs.make(
                descriptor, ProbeRequest(paths: paths, hostName: hostName, captureFormats: registry.captureFormats))
            let origin = paths.joined(separator: ", ")
            return [HostJob(origin: origin) { await HostInputs.collect(probe, origin: origin, name: hostName) }]
        case .snapshot(let path):
            let bytes = try FileAccess.read(path, as: .snapshot)
            // Any read error, a newer version or a value outside its version's enums included,
            // is invalid data (65): docs/architecture.md, "Contracts".
            var snapshot: Snapshot
            do {
                snapshot = try Snapshot(jsonBytes: bytes, file: path)
            } catch {
                var failure = CLIError(.dataError, "\(error)")
                failure.isLocated = true
                throw failure
            }
            if let hostName { snapshot.host.name = hostName }
            let loaded = snapshot
            return [HostJob(origin: path) { loaded }]
        case .fleet(let directory):
            return try await FleetInputs(directory: directory, registry: registry).jobs()
        }
    }

    /// The live probe `descriptor` with `options` (the prefetched snapshot for the defaults).
    private func liveJobs(_ descriptor: ProbeDescriptor, options: [String: String]) throws -> [HostJob] {
        let origin = options["proc-root"] ?? "/proc"
        if options.isEmpty, descriptor.id == registry.liveProbe(on: .current)?.id,
           let prefetched = LivePrefetch.current?.snapshot(hostName: hostName) {
            return [HostJob(origin: origin, load: prefetched)]
        }
        let probe = try HostInputs.make(descriptor, ProbeRequest(hostName: hostName, options: options))
        let name = hostName
        return [HostJob(origin: origin) { await HostInputs.collect(probe, origin: origin, name: name) }]
    }

    /// Makes a probe; a request it cannot serve is a usage error (exit 64).
    static func make(_ descriptor: ProbeDescriptor, _ request: ProbeRequest) throws -> any Probe {
        do {
            return try descriptor.probe(for: request)
        } catch {
            throw CLIError(.usage, "\(error.message)")
        }
    }

    /// Runs a probe; a probe that throws yields a host whose every rule is `error`, with the
    /// error located at the file it names (a capture error is not wrapped in another).
    static func collect(_ probe: any Probe, origin: String, name: String?) async -> Snapshot {
        do {
            return try await probe.collect()
        } catch let error as CaptureError {
            return failedSnapshot(name: name ?? "unknown", at: error.path, error.message)
        } catch {
            return failedSnapshot(name: name ?? "unknown", at: origin, "\(error)")
        }
    }

    /// A snapshot that only says the host could not be read: every rule on it is `error`.
    static func failedSnapshot(name: String, at file: String, _ message: String) -> Snapshot {
        failedSnapshot(name: name, Diagnostic(.error, message, at: SourceLocation(file: file)))
    }

    /// A snapshot that only carries `diagnostic` (an error): every rule on it is `error`.
    static func failedSnapshot(name: String, _ diagnostic: Diagnostic) -> Snapshot {
        Snapshot(host: HostInfo(name: name, platform: .unknown, coverage: .none), diagnostics: [diagnostic])
    }
}
