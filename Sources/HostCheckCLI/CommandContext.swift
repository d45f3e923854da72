import Synchronization

/// What help texts, completions and the end of a report need from the run that
/// ``HostCheckMain`` is executing, bound for the whole run as a task-local value.
///
/// swift-argument-parser builds help and completion scripts from property initialisers that
/// take no parameters, so the registry cannot reach them as an argument; ``HostCheckMain`` binds
/// it here before parsing (docs/architecture.md, "The registry"). Outside a run (a test that
/// parses one option group) the built-in registry stands in.
struct CommandContext: Sendable {
    /// The context of the run in progress.
    @TaskLocal static var current: CommandContext?

    /// The binary's registry.
    var registry: Registry
    /// Who writes the run's last words on standard output: the report, an error or a timeout.
    var gate = OutputGate()

    /// The registry of the run in progress, else the built-in one.
    static var registry: Registry { current?.registry ?? .builtin }
}

/// Decides once who finishes a run's output: the report's end, an error line, or the timeout.
///
/// A Nagios consumer must read exactly one status line, so a timeout that fires while the report
/// is being written must not add its own, and a report must not start after the timeout wrote
/// its line. Whoever claims the gate first writes; the others stay silent.
final class OutputGate: Sendable {
    private let claimed = Mutex(false)

    init() {}

    /// True for the first caller only.
    func claim() -> Bool {
        claimed.withLock { taken in
            defer { taken = true }
            return !taken
        }
    }
}
