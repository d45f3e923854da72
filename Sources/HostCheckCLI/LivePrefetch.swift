import HostCheckCore
import HostCheckProbes

/// The live probe, started before the command line is parsed.
///
/// Parsing the command line costs about 3 ms of CPU (swift-argument-parser reflects over every
/// option), as long as the whole probe takes at 1,000 sockets. A `facts` or `check` command that
/// names no other input reads the live host with the default options, so ``start(arguments:)``
/// begins that probe on another core at once, and ``HostInputs`` takes its snapshot when the
/// parsed options turn out to be exactly those defaults. When they are not (`--capture`,
/// `--netns`, a usage error), the prefetched snapshot is simply never read: the probe only
/// reads `/proc`, so starting it has no effect beyond the CPU it takes.
struct LivePrefetch: Sendable {
    /// The probe's `/proc` root and options: the defaults of ``InputOptions``.
    static let procRoot = "/proc"
    static let options = LinuxProbeOptions()

    /// The prefetch of this run, if one was started.
    @TaskLocal static var current: LivePrefetch?

    /// The options that change which probe runs, or that mean no probe runs at all. Seeing one
    /// of them, no prefetch is started; the check after parsing would refuse it anyway.
    static let disqualifying: [String] = [
        "--capture", "--snapshot", "--fleet", "--all-namespaces", "--netns", "--socket-source", "--proc-root",
        "--help", "-h", "--version",
    ]

    private let task: Task<Snapshot, Never>

    /// Starts the probe when `arguments` (without the program name) look like a live `facts`
    /// or `check` on Linux; nil otherwise.
    static func start(arguments: [String]) -> LivePrefetch? {
        #if os(Linux)
        guard let command = arguments.first, command == "facts" || command == "check" else { return nil }
        for argument in arguments.dropFirst() {
            if argument == "--" { break }
            if disqualifying.contains(where: { argument == $0 || argument.hasPrefix($0 + "=") }) { return nil }
        }
        let probe = LinuxProcProbe(procRoot: procRoot, hostName: nil, options: options)
        return LivePrefetch(task: Task { await HostInputs.collect(probe, origin: procRoot, name: nil) })
        #else
        return nil
        #endif
    }

    /// The prefetched snapshot, when the parsed input is the one prefetched; the host name
    /// given with `--host` replaces the system's.
    func snapshot(procRoot: String, options: LinuxProbeOptions, hostName: String?) -> (@Sendable () async -> Snapshot)? {
        guard procRoot == LivePrefetch.procRoot, options == LivePrefetch.options else { return nil }
        let task = task
        return {
            var snapshot = await task.value
            if let hostName { snapshot.host.name = hostName }
            return snapshot
        }
    }
}
