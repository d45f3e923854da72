import Foundation
import Testing

/// End-to-end on this Linux machine: a listener on 3691 started by python3 fails the magaya rule.
@Suite(.serialized) struct LiveCheckTests {
    static var canProbe: Bool {
        FileManager.default.isReadableFile(atPath: "/proc/net/tcp") && getuid() == 0
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/env")
    }

    @Test(.enabled(if: LiveCheckTests.canProbe, "needs /proc and root"))
    func python3OnPort3691FailsAndNoListenerPasses() throws {
        if LiveCheckTests.portInUse(3691) {
            Issue.record("port 3691 is already in use on this machine; cannot run the live check")
            return
        }
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listener.arguments = ["python3", "-c", """
            import os, socket, sys
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("0.0.0.0", 3691)); s.listen(); print(os.getpid(), flush=True); sys.stdin.read()
            """]
        let ready = Pipe()
        let control = Pipe()
        listener.standardOutput = ready
        listener.standardInput = control
        try listener.run()
        func stop() {
            try? control.fileHandleForWriting.close()
            listener.waitUntilExit()
        }
        defer { stop() }
        let pid = String(decoding: ready.fileHandleForReading.availableData, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)

        let failing = try HostCheckRunner.run(["check", "rules/magaya-network.yaml"])
        #expect(failing.status == 1, "stdout: \(failing.stdout) stderr: \(failing.stderr)")
        #expect(failing.stdout.contains("python3"))
        #expect(!pid.isEmpty && failing.stdout.contains("pid \(pid)"), "python3 said its pid is \(pid)")

        stop()
        if LiveCheckTests.portInUse(3691) {
            Issue.record("another process started listening on 3691 during the test; cannot check the pass")
            return
        }
        let passing = try HostCheckRunner.run(["check", "rules/magaya-network.yaml"])
        #expect(passing.status == 0, "stdout: \(passing.stdout) stderr: \(passing.stderr)")
    }

    /// Whether a TCP listener on `port` exists in this network namespace.
    static func portInUse(_ port: Int) -> Bool {
        let hex = String(format: ":%04X ", port)
        for file in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") where line.contains(hex) {
                let fields = line.split(separator: " ")
                if fields.count > 3, fields[1].hasSuffix(hex.dropFirst().dropLast()), fields[3] == "0A" { return true }
            }
        }
        return false
    }
}
