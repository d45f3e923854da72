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

/// One run of an external plugin (docs/plugins.md, "Contracts"): no shell, the arguments as
/// given, standard input `/dev/null` or the bytes given, standard output read as it comes and
/// cut off past a limit, the tail of standard error kept, and a deadline.
///
/// The plugin is spawned in a process group of its own (`POSIX_SPAWN_SETPGROUP`), with the
/// default signal mask and `SIGPIPE` at its default. On the deadline, or past the output limit,
/// the whole group is killed (`SIGKILL`); once the plugin itself has exited, what it left
/// running in its group is killed too, so no plugin outlives the run.
enum PluginProcess {
    /// How much of standard error is kept: its last 4 KiB.
    static let stderrTailLimit = 4 << 10

    /// How the plugin ended.
    enum Ending: Sendable, Hashable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed at the deadline.
        case timedOut
        /// Killed for writing more than the output limit.
        case overLimit
    }

    /// What one run gave.
    struct Outcome: Sendable {
        var ending: Ending
        /// Standard output, at most the limit.
        var output: [UInt8]
        /// The last ``stderrTailLimit`` bytes of standard error.
        var stderrTail: [UInt8]

        /// The tail of standard error as one line of text (lines joined with ` | `), empty when
        /// the plugin wrote none.
        var stderrText: String {
            String(decoding: stderrTail, as: UTF8.self).split(whereSeparator: \.isNewline)
                .map { $0.drop { $0.isWhitespace } }.map { String($0.reversed().drop { $0.isWhitespace }.reversed()) }
                .filter { !$0.isEmpty }.joined(separator: " | ")
        }
    }

    /// Why a plugin could not be started.
    struct StartFailure: Error {
        var reason: String
    }

    /// Runs `executable` with `arguments`; `input` goes to its standard input (`/dev/null` when
    /// nil). Returns when it and its standard output and error have ended, or at the deadline.
    static func run(
        _ executable: String, arguments: [String], input: [UInt8]?, outputLimit: Int, timeout: Double
    ) throws(StartFailure) -> Outcome {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        var inPipe: [Int32] = [-1, -1]
        defer {
            for fd in outPipe + errPipe + inPipe where fd >= 0 { close(fd) }
        }
        guard makePipe(&outPipe), makePipe(&errPipe), input == nil || makePipe(&inPipe) else {
            throw StartFailure(reason: "cannot create a pipe: \(FileSystemCalls.lastError())")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = [executable] + arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnvironment: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in cArguments + cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        var spawned = posix_spawn(&pid, executable, &actions, &attributes, &cArguments, &cEnvironment)
        // ETXTBSY: a process forked elsewhere while the plugin was being written still holds it
        // open for writing, for the moment until its exec; it passes.
        for _ in 0..<20 where spawned == ETXTBSY {
            usleep(10_000)
            spawned = posix_spawn(&pid, executable, &actions, &attributes, &cArguments, &cEnvironment)
        }
        guard spawned == 0 else {
            throw StartFailure(reason: "cannot start it: \(String(cString: strerror(spawned)))")
        }
        // Our copies of the child's ends: closed so that end of file is seen when it exits.
        for fd in [outPipe[1], errPipe[1], inPipe[0]] where fd >= 0 { close(fd) }
        outPipe[1] = -1
        errPipe[1] = -1
        inPipe[0] = -1
        var streams = Streams(output: outPipe[0], error: errPipe[0], input: inPipe[1], pending: input ?? [])
        outPipe[0] = -1
        errPipe[0] = -1
        inPipe[1] = -1
        return streams.pump(pid: pid, outputLimit: outputLimit, deadline: Monotonic.now + max(0, timeout))
    }

    /// A pipe whose two ends are close-on-exec (`dup2` in the spawn clears it on the child's
    /// copies), so no other child inherits them.
    private static func makePipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return true
    }
}

/// Our ends of a running plugin's three pipes, and what has come through them.
private struct Streams {
    var output: Int32
    var error: Int32
    var input: Int32
    /// What is still to be written to standard input.
    var pending: [UInt8]
    var written = 0
    var collected: [UInt8] = []
    var stderrTail: [UInt8] = []

    /// Moves bytes until standard output and error end and the plugin exits, the output passes
    /// `outputLimit`, or `deadline` passes; kills the plugin's process group and reaps it.
    mutating func pump(pid: pid_t, outputLimit: Int, deadline: Double) -> PluginProcess.Outcome {
        defer {
            for fd in [output, error, input] where fd >= 0 { close(fd) }
        }
        if input >= 0 {
            _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
            if pending.isEmpty { closeInput() }
        }
        // A plugin that closes its standard input early must give EPIPE, not end hostcheck.
        let previousHandler = input >= 0 ? signal(SIGPIPE, SIG_IGN) : nil
        defer {
            if let previousHandler { _ = signal(SIGPIPE, previousHandler) }
        }
        var status: Int32 = 0
        var exited = false
        var ending: PluginProcess.Ending?
        while ending == nil {
            if !exited, waitpid(pid, &status, WNOHANG) == pid {
                exited = true
                // The plugin has ended: what it left running in its group goes with it.
                killGroup(pid)
            }
            if exited, output < 0, error < 0 { break }
            let remaining = deadline - Monotonic.now
            if remaining <= 0 {
                ending = .timedOut
                break
            }
            pollOnce(milliseconds: Int32(min(remaining * 1000, 20).rounded(.up)))
            if collected.count > outputLimit { ending = .overLimit }
        }
        if let ending {
            killGroup(pid)
            if !exited { _ = waitpid(pid, &status, 0) }
            return PluginProcess.Outcome(ending: ending, output: Array(collected.prefix(outputLimit)), stderrTail: stderrTail)
        }
        let signal = status & 0x7f
        let end: PluginProcess.Ending = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        return PluginProcess.Outcome(ending: end, output: collected, stderrTail: stderrTail)
    }

    /// Waits up to `milliseconds` for any pipe, then moves what is ready.
    private mutating func pollOnce(milliseconds: Int32) {
        var fds: [pollfd] = []
        if output >= 0 { fds.append(pollfd(fd: output, events: Int16(POLLIN), revents: 0)) }
        if error >= 0 { fds.append(pollfd(fd: error, events: Int16(POLLIN), revents: 0)) }
        if input >= 0 { fds.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
        guard !fds.isEmpty else {
            usleep(UInt32(milliseconds) * 1000)
            return
        }
        guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return }
        for entry in fds where entry.revents != 0 {
            if entry.fd == output {
                if !Self.readAvailable(output, into: &collected, keepingLast: nil) { close(output); output = -1 }
            } else if entry.fd == error {
                if !Self.readAvailable(error, into: &stderrTail, keepingLast: PluginProcess.stderrTailLimit) { close(error); error = -1 }
            } else if entry.fd == input {
                writeAvailable()
            }
        }
    }

    /// Reads one chunk; false at end of file or on an error.
    private static func readAvailable(_ fd: Int32, into buffer: inout [UInt8], keepingLast limit: Int?) -> Bool {
        withUnsafeTemporaryAllocation(byteCount: 1 << 16, alignment: 1) { chunk in
            let count = read(fd, chunk.baseAddress, chunk.count)
            if count < 0 { return errno == EINTR || errno == EAGAIN }
            if count == 0 { return false }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
            if let limit, buffer.count > limit { buffer.removeFirst(buffer.count - limit) }
            return true
        }
    }

    /// Writes what standard input can take; closes it when all is written or the plugin closed
    /// its end (a plugin need not read its input).
    private mutating func writeAvailable() {
        let count = pending.withUnsafeBytes { raw in
            write(input, raw.baseAddress.map { $0 + written }, raw.count - written)
        }
        if count < 0 {
            if errno != EINTR && errno != EAGAIN { closeInput() }
            return
        }
        written += count
        if written >= pending.count { closeInput() }
    }

    private mutating func closeInput() {
        close(input)
        input = -1
    }

    /// `SIGKILL` to the plugin's process group (its id is the plugin's pid). The id stays the
    /// group's while any member lives; once none does, it could name another group only after
    /// the pid itself was reused, and this is sent right after the plugin is reaped.
    private func killGroup(_ pid: pid_t) {
        _ = kill(-pid, SIGKILL)
    }
}

/// Seconds on the monotonic clock.
enum Monotonic {
    static var now: Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
