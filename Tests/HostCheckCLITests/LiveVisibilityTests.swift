import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built binary run where it cannot see every process (docs/cli.md, "What a live run can see"):
/// in a PID namespace of its own with its own `/proc`, and as `nobody` over a fresh
/// `hidepid=2` proc mount in a private mount namespace (never the machine's own `/proc`).
/// A listener started outside is then `unknown` (`holder-not-visible`), owners coverage is
/// `partial`, and a rule that selects by owner is `unknown`, never `pass`. Skipped where
/// `unshare` is not permitted.
@Suite(.serialized) struct LiveVisibilityTests {
    static let unshare = "/usr/bin/unshare"
    static let setpriv = "/usr/bin/setpriv"

    /// Whether `unshare arguments` runs `/bin/true` here.
    static func permitted(_ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: unshare),
              FileManager.default.isReadableFile(atPath: "/proc/net/tcp"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: unshare)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let canUnsharePID = permitted(["--pid", "--fork", "--mount-proc", "/bin/true"])

    /// Root may mount a proc of its own in a private mount namespace and drop to `nobody`, who
    /// can run the binary from where it was built.
    static let canMountHidepid: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: setpriv),
              let binary = try? HostCheckRunner.binary().path else { return false }
        return permitted(["--mount", "/bin/sh", "-c", mountHidepid + dropToNobody + shellQuoted(binary) + " --version"])
    }()

    static let mountHidepid = "mount --make-rprivate / && mount -t proc -o hidepid=2 proc /proc && "
    static let dropToNobody = "exec \(setpriv) --reuid=nobody --regid=nogroup --clear-groups "

    static func shellQuoted(_ text: String) -> String { "'" + text.replacing("'", with: "'\\''") + "'" }

    /// A python3 listener on an ephemeral loopback port, in this PID and mount namespace.
    final class Listener {
        let process = Process()
        let input = Pipe()
        var port = 0

        init() throws {
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", "import socket, sys\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\ns.listen(8)\n"
                + "print(s.getsockname()[1], flush=True)\nsys.stdin.read()\n"]
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            var text = ""
            while !text.contains("\n") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }

        func stop() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    /// A pack whose one rule selects by owner: "no python3 process may listen on `port`" (the
    /// port keeps other tests' listeners, run meanwhile, out of it).
    static func ownerPack(port: Int) throws -> String {
        let directory = try HostCheckRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("owner.yaml").path
        try """
        hostcheck: 1
        pack: { id: owner-demo, version: 1.0.0, title: select by owner }
        rules:
          - id: no-python-listeners
            title: No python3 process may listen
            severity: high
            select: { state: listening, local_port: \(port), owner: { name: python3 } }
            expect: none
        """.write(toFile: path, atomically: true, encoding: .utf8)
        // `nobody` reads it too.
        chmod(directory.path, 0o755)
        chmod(path, 0o644)
        return path
    }

    /// The listener's socket in a `facts --format json` snapshot, and the host's owners coverage.
    static func listenerFacts(_ json: String, port: Int) throws -> (socket: [String: Any], owners: String?) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sockets = try #require(object["sockets"] as? [[String: Any]])
        let socket = try #require(sockets.first { ($0["local_port"] as? Int) == port && ($0["state"] as? String) == "listening" })
        let host = object["host"] as? [String: Any]
        let coverage = host?["coverage"] as? [String: Any]
        return (socket, coverage?["owners"] as? String)
    }

    /// Runs the binary under `unshare prefix`, or (with `shell`) `unshare prefix sh -c shell BINARY ARGS`.
    static func run(prefix: [String], shell: String? = nil, _ arguments: [String]) throws -> HostCheckRun {
        let binary = try HostCheckRunner.binary().path
        let tail = shell.map { ["/bin/sh", "-c", $0 + "\"$@\"", "sh", binary] } ?? [binary]
        return try HostCheckRunner.run(prefix + tail + arguments, executable: URL(fileURLWithPath: unshare))
    }

    static let pidNamespace = ["--pid", "--fork", "--mount-proc"]
    static let hidepidAsNobody = ["--mount"]
    static var hidepidShell: String { mountHidepid + dropToNobody }

    @Test(.enabled(if: LiveVisibilityTests.canUnsharePID, "needs unshare --pid --mount-proc"))
    func inAPIDNamespaceTheListenerIsHolderNotVisible() throws {
        let listener = try Listener()
        defer { listener.stop() }
        try #require(listener.port > 0)

        // Outside, the holder is seen.
        let outside = try HostCheckRunner.run(["facts", "--port", String(listener.port), "--format", "json"])
        let seen = try Self.listenerFacts(outside.stdout, port: listener.port)
        #expect(seen.socket["ownership"] as? String == "owned")
        #expect(seen.socket["pids"] as? [Int] == [Int(listener.process.processIdentifier)])

        let facts = try Self.run(prefix: Self.pidNamespace, ["facts", "--port", String(listener.port), "--format", "json"])
        #expect(facts.status == 0, "\(facts.stderr)")
        let hidden = try Self.listenerFacts(facts.stdout, port: listener.port)
        #expect(hidden.socket["ownership"] as? String == "unknown")
        #expect(hidden.socket["ownership_reason"] as? String == "holder-not-visible")
        #expect(hidden.owners == "partial")
        #expect(facts.stdout.contains("the probe runs in a child pid namespace"))

        let check = try Self.run(prefix: Self.pidNamespace, ["check", try Self.ownerPack(port: listener.port)])
        #expect(check.status == 2, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("UNKNOWN high     owner-demo/no-python-listeners"))
        #expect(check.stdout.contains("127.0.0.1:\(listener.port)  owner unknown (holder-not-visible)"))
        #expect(!check.stdout.contains("PASS"))
        #expect(check.stdout.contains("capture with `sudo hostcheck check --all-namespaces in the host's PID namespace"))
    }

    @Test(.enabled(if: LiveVisibilityTests.canMountHidepid, "needs root, unshare --mount and setpriv"))
    func asNobodyOverHidepidTheListenerIsHolderNotVisible() throws {
        let listener = try Listener()
        defer { listener.stop() }
        try #require(listener.port > 0)

        let facts = try Self.run(
            prefix: Self.hidepidAsNobody, shell: Self.hidepidShell, ["facts", "--port", String(listener.port), "--format", "json"])
        #expect(facts.status == 0, "\(facts.stderr)")
        let hidden = try Self.listenerFacts(facts.stdout, port: listener.port)
        #expect(hidden.socket["ownership"] as? String == "unknown")
        #expect(hidden.socket["ownership_reason"] as? String == "holder-not-visible")
        #expect(hidden.owners == "partial")
        #expect(facts.stdout.contains("/proc is mounted with hidepid="))

        let check = try Self.run(prefix: Self.hidepidAsNobody, shell: Self.hidepidShell, ["check", try Self.ownerPack(port: listener.port)])
        #expect(check.status == 2, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("UNKNOWN high     owner-demo/no-python-listeners"))
        #expect(check.stdout.contains("127.0.0.1:\(listener.port)  owner unknown (holder-not-visible)"))

        // The machine's own /proc was left alone.
        let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        #expect(!mounts.split(separator: "\n").contains { $0.contains(" /proc ") && $0.contains("hidepid") })
    }
}
