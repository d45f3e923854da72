import HostCheckCore
import HostCheckProbes

/// The live probe, started before the command line is parsed.
///
/// Parsing the command line costs about 3 ms of CPU (swift-argument-parser reflects over every
/// option), as long as the whole probe takes at 1,000 sockets. A `facts` or `check` command that
/// names no other input reads the live host with the default options, so ``start(arguments:registry:)``
/// begins that probe on another core at once, and ``HostInputs`` takes its snapshot when the
/// parsed options turn out to be exactly those defaults. When they are not (`--capture`,
/// `--netns`, a usage error), the prefetched snapshot is simply never read: the probe only
/// reads `/proc`, so starting it has no effect beyond the CPU it takes.
struct LivePrefetch: Sendable {
    /// The prefetch of this run, if one was started.
    @TaskLocal static var current: LivePrefetch?

    /// The options that change which probe runs, or that mean no probe runs at all. Seeing one
    /// of them, no prefetch is started; the check after parsing would refuse it anyway.
    static let disqualifying: [String] = [
        "--capture", "--snapshot", "--fleet", "--probe", "--all-namespaces", "--netns", "--socket-source", "--proc-root",
        "--help", "-h", "--version",
    ]

    private let task: Task<Snapshot, Never>

    /// Starts the registry's live probe for this platform, with its default options, when
    /// `arguments` (without the program name) look like a live `facts` or `check`; nil otherwise.
    static func start(arguments: [String], registry: Registry) -> LivePrefetch? {
        guard let command = arguments.first, command == "facts" || command == "check" else { return nil }
        for argument in arguments.dropFirst() {
            if argument == "--" { break }
            if disqualifying.contains(where: { argument == $0 || argument.hasPrefix($0 + "=") }) { return nil }
        }
        guard let descriptor = registry.liveProbe(on: .current), let probe = try? descriptor.probe(for: ProbeRequest()) else {
            return nil
        }
        let origin = "/proc"
        return LivePrefetch(task: Task { await HostInputs.collect(probe, origin: origin, name: nil) })
    }

    /// The prefetched snapshot (the live probe with its default options); the host name given
    /// with `--host` replaces the system's.
    func snapshot(hostName: String?) -> (@Sendable () async -> Snapshot)? {
        let task = task
        return {
            var snapshot = await task.value
            if let hostName { snapshot.host.name = hostName }
            return snapshot
        }
    }
}
