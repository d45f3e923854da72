#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// The attacks of docs/rule-packs.md, "How strong is this identity?", live against the
/// built-in magaya-network pack: each listener runs in a network namespace of its own (so the
/// tests never take the host's port 3691) and hostcheck reads it with `--netns`, from its own
/// mount namespace.
@Suite(.serialized) struct LiveIdentityAttackTests {
    static var canRun: Bool {
        getuid() == 0 && FileManager.default.isReadableFile(atPath: "/proc/net/tcp")
            && ["/usr/bin/unshare", "/usr/bin/setpriv", "/bin/sh"].allSatisfy(FileManager.default.isExecutableFile(atPath:))
    }

    static let listen = """
        import ctypes, socket, sys
        if len(sys.argv) > 1 and sys.argv[1] == "rename":
            ctypes.CDLL(None).prctl(15, b"magaya-server", 0, 0, 0)
        s = socket.socket()
        s.bind(("0.0.0.0", 3691))
        s.listen()
        print("ready", flush=True)
        sys.stdin.read()
        """

    /// A listener started by `/bin/sh -c shell` under `unshare` with `flags`, optionally as nobody.
    struct Listener {
        let process: Process
        let stdin: Pipe
        let pid: Int32

        init(shell: String, unshare flags: [String], asNobody: Bool) throws {
            let process = Process()
            var command = ["/usr/bin/unshare"] + flags + ["--fork", "--kill-child", "--", "/bin/sh", "-c", shell]
            if asNobody { command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command }
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst())
            let output = Pipe(), input = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardInput = input
            process.standardError = errors
            try process.run()
            let line = String(decoding: output.fileHandleForReading.readLineBytes(), as: UTF8.self)
            let child = NamespacedListener.child(of: process.processIdentifier)
            self.process = process
            self.stdin = input
            self.pid = child ?? 0
            guard line == "ready", child != nil else {
                stop()
                let reason = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                try skipShapeCase("identity listener did not start: \(line) \(reason)")
            }
        }

        /// The built-in magaya-network rule on this listener's network namespace.
        func check(_ extra: [String] = []) throws -> ShapeResult {
            let arguments = ["check", "--rule", "magaya-network/magaya-3691-owner", "--format", "json", "--netns", String(pid)] + extra
            return ShapeResult(try HostCheckRunner.run(arguments, in: URL(fileURLWithPath: "/")))
        }

        func stop() {
            try? stdin.fileHandleForWriting.close()
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    /// python3's real executable (a copy of it must run from anywhere).
    static func python() throws -> String {
        for candidate in ["/usr/bin/python3"] where FileManager.default.isExecutableFile(atPath: candidate) {
            if let real = realpath(candidate, nil) {
                defer { free(real) }
                return String(cString: real)
            }
        }
        try skipShapeCase("no /usr/bin/python3")
    }

    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// A directory with the listener script, readable by nobody.
    static func scratch() throws -> URL {
        let directory = try HostCheckRunner.temporaryDirectory()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        try listen.write(to: directory.appendingPathComponent("listen.py"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test(.enabled(if: canRun)) func prctlRenameAsNobodyFails() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shell = "exec \(Self.quoted(try Self.python())) \(Self.quoted(directory.path + "/listen.py")) rename"
        let listener = try Listener(shell: shell, unshare: ["--user", "--map-root-user", "--net"], asNobody: true)
        defer { listener.stop() }
        let result = try listener.check()
        #expect(result.outcome == "fail" && result.status == 1, "\(result.message)")
        #expect(result.message.contains("owner name 'magaya-server' (pid \(listener.pid)) is not its executable's name 'python3"), "\(result.message)")
    }

    @Test(.enabled(if: canRun)) func aFakePathInAMountNamespaceAsNobodyIsUnknown() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fake = "/opt/magaya/bin/magaya-server"
        let shell = "mount -t tmpfs tmpfs /opt && mkdir -p /opt/magaya/bin && cp \(Self.quoted(try Self.python())) \(fake) && "
            + "exec \(fake) \(Self.quoted(directory.path + "/listen.py"))"
        let listener = try Listener(shell: shell, unshare: ["--user", "--map-root-user", "--net", "--mount"], asNobody: true)
        defer { listener.stop() }
        let result = try listener.check()
        #expect(result.outcome == "unknown" && result.status == 2, "\(result.message)")
        #expect(result.message.contains("owner path '\(fake)' (pid \(listener.pid)) is not verified"), "\(result.message)")
    }

    /// A genuine install passes, also from a mount namespace of its own; deleted, it is unknown.
    @Test(.enabled(if: canRun), arguments: [false, true]) func aGenuineInstallPassesUntilDeleted(ownMountNamespace: Bool) throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let install = directory.appendingPathComponent("magaya/bin")
        try FileManager.default.createDirectory(at: install, withIntermediateDirectories: true)
        let server = install.appendingPathComponent("magaya-server").path
        try FileManager.default.copyItem(atPath: try Self.python(), toPath: server)
        let setup = ownMountNamespace ? "mount -t tmpfs tmpfs /mnt && " : ""
        let flags = ownMountNamespace ? ["--net", "--mount", "--propagation", "private"] : ["--net"]
        let listener = try Listener(
            shell: setup + "exec \(Self.quoted(server)) \(Self.quoted(directory.path + "/listen.py"))", unshare: flags, asNobody: false)
        defer { listener.stop() }
        let paths = ["--var", "magaya-network.magaya_install_paths=\(install.path)/*"]
        let genuine = try listener.check(paths)
        #expect(genuine.outcome == "pass" && genuine.status == 0, "\(genuine.message)")
        try FileManager.default.removeItem(atPath: server)
        let deleted = try listener.check(paths)
        #expect(deleted.outcome == "unknown" && deleted.status == 2, "\(deleted.message)")
        #expect(deleted.message.contains("the executable was deleted or replaced after the process started"), "\(deleted.message)")
    }
}
