import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one bounded run of the binary did: its status, what it printed (stdout and stderr
/// together), how long it took and its peak memory.
struct BoundedRun {
    var status: Int32
    var output: String
    var seconds: Double
    /// Peak resident memory, in KiB (`VmHWM`, sampled every 2 ms while it runs).
    var maxRSSKiB: Int
    /// True when the run was killed at the timeout.
    var timedOut: Bool
}

/// Runs the built `hostcheck` with a timeout, measuring time and peak memory with `wait4`
/// (Foundation's `Process` gives neither a timeout nor the child's peak memory).
enum BoundedRunner {
    /// Runs `hostcheck arguments`; `input` is written to its standard input through a pipe
    /// (standard input is `/dev/null` without it); killed after `timeout` seconds.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], input: Data? = nil, timeout: Double = 15
    ) throws -> BoundedRun {
        let binary = try HostCheckRunner.binary().path
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hostcheck-out-\(UUID().uuidString)").path
        defer { unlink(output) }
        var pipeEnds: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&pipeEnds) == 0 else { throw HostCheckRunnerError(message: "pipe failed") }
            // Close-on-exec, so that no other child of the test holds the write end open.
            for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        let pid = try spawn([binary] + arguments, environment: env, actions: &actions)
        let start = Date()
        if let input {
            close(pipeEnds[0])
            let writeEnd = pipeEnds[1]
            // The writer runs beside the child so that a large input cannot deadlock the test.
            let writer = Thread {
                input.withUnsafeBytes { raw in
                    guard let base = raw.baseAddress else { return }
                    var offset = 0
                    while offset < raw.count {
                        let wrote = write(writeEnd, base + offset, raw.count - offset)
                        if wrote <= 0 { break }
                        offset += wrote
                    }
                }
                close(writeEnd)
            }
            writer.start()
        }
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        var peakKiB = 0
        while true {
            peakKiB = max(peakKiB, highWaterMark(of: pid))
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            if waited < 0 && errno != EINTR { break }
            if Date().timeIntervalSince(start) > timeout {
                kill(pid, SIGKILL)
                timedOut = true
                _ = wait4(pid, &status, 0, &usage)
                break
            }
            usleep(2_000)
        }
        let seconds = Date().timeIntervalSince(start)
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return BoundedRun(status: code, output: text, seconds: seconds, maxRSSKiB: peakKiB, timedOut: timedOut)
    }

    /// `VmHWM` of a running process, in KiB (0 once it has exited). `ru_maxrss` from `wait4`
    /// cannot be used: a child spawned with `CLONE_VM` (as `posix_spawn` does) inherits the
    /// test runner's own peak.
    static func highWaterMark(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// Starts `/bin/sh -c script` with `$0` = `argument` in the background (standard input,
    /// output and error on `/dev/null`); the caller kills it by its pid.
    static func background(_ script: String, argument: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        return try spawn(["/bin/sh", "-c", script, argument], environment: ProcessInfo.processInfo.environment, actions: &actions)
    }

    /// Kills and reaps a process this test started.
    static func stop(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    private static func spawn(
        _ argv: [String], environment: [String: String], actions: inout posix_spawn_file_actions_t
    ) throws -> pid_t {
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnvironment: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, &cEnvironment)
        guard result == 0 else { throw HostCheckRunnerError(message: "posix_spawn \(argv[0]) failed: \(result)") }
        return pid
    }
}
