import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `--timeout SECONDS` (`-t`, as the Nagios plugin guidelines name it): how long the whole run
/// may take (docs/cli.md, "Timeout").
struct TimeoutOption: ParsableArguments {
    @Option(name: [.customShort("t"), .long], help: ArgumentHelp(TimeoutOption.help, valueName: "seconds"))
    var timeout: Double?

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout <= 86_400) {
            throw ValidationError("--timeout takes a number of seconds above 0 and at most 86400, not \(ErrorChannel.seconds(timeout))")
        }
    }

    /// The help text, with the default of each format that owns the errors (Nagios: 10).
    static var help: String {
        let defaults = CommandContext.registry.reporters.compactMap { descriptor in
            descriptor.errorReport?.defaultTimeout.map { "\(ErrorChannel.seconds($0)) with --format \(descriptor.id) alone" }
        }
        return "Stop the run after this many seconds: exit \(ExitStatus.timedOut.rawValue), or the format's unknown "
            + "status (default: no limit" + defaults.map { "; \($0)" }.joined() + ")."
    }
}

/// A command whose whole run `--timeout` limits.
protocol TimeLimitedCommand {
    /// `--timeout`, if given.
    var timeout: Double? { get }
}

extension CheckCommand: TimeLimitedCommand {
    var timeout: Double? { limit.timeout }
}

/// Ends the process when a run outlives its time limit.
///
/// A thread of its own sleeps for the limit, not a task: the cooperative pool may be busy
/// with the evaluation it is meant to stop. When it wakes and nothing has claimed the run's
/// output yet, it writes the timeout's line (`HOSTCHECK UNKNOWN - timed out after 10 s` in
/// Nagios mode, a message on standard error otherwise) and ends the process with `_exit`, at
/// once: a report being replaced is left as it was and its temporary removed.
/// Only ``HostCheckMain/main(registry:)`` arms it; a run inside another process is not ended.
enum Watchdog {
    /// Starts the watchdog for `seconds`; false when no thread could be started.
    @discardableResult
    static func arm(seconds: Double, channel: ErrorChannel, gate: OutputGate) -> Bool {
        let line = channel.timeoutLine(seconds: seconds)
        let context = Unmanaged.passRetained(WatchdogTask { [gate] in
            var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
            var remaining = timespec()
            while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
            guard gate.claimRemovingTemporaries() else { return }
            ErrorChannel.write(line.stderr + "\n", to: 2)
            if let stdout = line.stdout { ErrorChannel.write(stdout + "\n", to: 1) }
            _exit(line.status)
        })
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let status = pthread_create(&thread, nil, { raw in
            #if canImport(Darwin)
            Unmanaged<WatchdogTask>.fromOpaque(raw).takeRetainedValue().body()
            #else
            guard let raw else { return nil }
            Unmanaged<WatchdogTask>.fromOpaque(raw).takeRetainedValue().body()
            #endif
            return nil
        }, context.toOpaque())
        guard status == 0 else {
            context.release()
            return false
        }
        #if canImport(Darwin)
        if let thread { pthread_detach(thread) }
        #else
        pthread_detach(thread)
        #endif
        return true
    }
}

/// The work handed to the watchdog's thread.
private final class WatchdogTask: Sendable {
    let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }
}
