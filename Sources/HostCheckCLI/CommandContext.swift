#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
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
///
/// It also knows the temporaries of reports being replaced (``ReplacementFile``), so that a
/// timeout that ends the process removes them, as a failed run does.
final class OutputGate: Sendable {
    private struct State {
        var claimed = false
        var temporaries: [Int: (directory: Int32, name: String)] = [:]
        var nextToken = 0
    }

    private let state = Mutex(State())

    init() {}

    /// True for the first caller only.
    func claim() -> Bool {
        state.withLock { state in
            defer { state.claimed = true }
            return !state.claimed
        }
    }

    /// Claims the gate for a timeout and, if it was free, removes every temporary still
    /// tracked. True when the caller may write its line.
    func claimRemovingTemporaries() -> Bool {
        state.withLock { state in
            guard !state.claimed else { return false }
            state.claimed = true
            for temporary in state.temporaries.values { unlinkat(temporary.directory, temporary.name, 0) }
            state.temporaries = [:]
            return true
        }
    }

    /// Tracks the temporary `name` in the open `directory` until ``untrack(_:)``; the token.
    func track(directory: Int32, name: String) -> Int {
        state.withLock { state in
            state.nextToken += 1
            state.temporaries[state.nextToken] = (directory, name)
            return state.nextToken
        }
    }

    /// Stops tracking a temporary (before its directory is closed or it is renamed).
    func untrack(_ token: Int) {
        state.withLock { state in _ = state.temporaries.removeValue(forKey: token) }
    }
}
