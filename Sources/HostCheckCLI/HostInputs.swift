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

    /// The jobs with the labels applied.
    func labelledJobs() async throws -> [HostJob] {
        let jobs = try await jobs()
        guard !labels.isEmpty else { return jobs }
        let labels = labels
        return jobs.map { job in
            HostJob(origin: job.origin) {
                var snapshot = await job.load()
                snapshot.host.labels.merge(labels) { _, new in new }
                return snapshot
            }
        }
    }

    /// The jobs, in report order. Throws exit 66 for inputs that do not exist and 65 for a
    /// single snapshot that cannot be read.
    func jobs() async throws -> [HostJob] {
        switch source {
        case .live(let procRoot, let options):
            if let prefetched = LivePrefetch.current?.snapshot(procRoot: procRoot, options: options, hostName: hostName) {
                return [HostJob(origin: procRoot, load: prefetched)]
            }
            let probe = LinuxProcProbe(procRoot: procRoot, hostName: hostName, options: options)
            return [HostJob(origin: procRoot) { await HostInputs.collect(probe, origin: procRoot, name: hostName) }]
        case .capture(let paths):
            for path in paths where !FileAccess.kind(of: path).exists {
                throw CLIError(.noInput, "\(path): no such file or directory")
            }
            let probe = CaptureProbe(paths: paths, hostName: hostName)
            let origin = paths.joined(separator: ", ")
            return [HostJob(origin: origin) { await HostInputs.collect(probe, origin: origin, name: hostName) }]
        case .snapshot(let path):
            let bytes = try FileAccess.read(path)
            var snapshot: Snapshot
            do {
                snapshot = try Snapshot(jsonBytes: bytes, file: path)
            } catch {
                guard case .unsupportedVersion = error.kind else { throw CLIError(.dataError, "\(error)") }
                snapshot = HostInputs.failedSnapshot(name: hostName ?? FileAccess.baseName(path), at: path, error.message)
            }
            if let hostName { snapshot.host.name = hostName }
            let loaded = snapshot
            return [HostJob(origin: path) { loaded }]
        case .fleet(let directory):
            return try await FleetInputs(directory: directory).jobs()
        }
    }

    /// Runs a probe; a probe that throws yields a host whose every rule is `error`.
    static func collect(_ probe: some Probe, origin: String, name: String?) async -> Snapshot {
        do {
            return try await probe.collect()
        } catch {
            return failedSnapshot(name: name ?? "unknown", at: origin, "\(error)")
        }
    }

    /// A snapshot that only says the host could not be read: every rule on it is `error`.
    static func failedSnapshot(name: String, at file: String, _ message: String) -> Snapshot {
        Snapshot(
            host: HostInfo(name: name, platform: .unknown, coverage: .none),
            diagnostics: [Diagnostic(.error, message, at: SourceLocation(file: file))]
        )
    }
}
