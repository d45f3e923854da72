import Foundation
import Testing

/// The four rule shapes of docs/architecture.md, "Rule packs", each with the pack that ships it:
/// allowlist (`listener-allowlist.example.yaml`), loopback-only (`redis-loopback`), forbidden
/// listener (`no-telnet`) and required service (`Fixtures/shapes/required-service.yaml`).
enum Shape: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case allowlist, loopbackOnly, forbiddenListener, requiredService

    var pack: String {
        switch self {
        case .allowlist: "rules/listener-allowlist.example.yaml"
        case .loopbackOnly: "rules/loopback-only-datastores.yaml"
        case .forbiddenListener: "rules/legacy-cleartext.yaml"
        case .requiredService: HostCheckRunner.fixture("shapes/required-service.yaml")
        }
    }

    func rule(windows: Bool) -> String {
        switch self {
        case .allowlist: windows ? "windows-listeners-allowlisted" : "linux-listeners-allowlisted"
        case .loopbackOnly: "redis-loopback"
        case .forbiddenListener: "no-telnet"
        case .requiredService: windows ? "windows-sshd-up" : "sshd-up"
        }
    }

    var testDescription: String { rawValue }
}

/// What one `hostcheck check PACK --rule ID --format json` run decided.
struct ShapeResult {
    var status: Int32
    var outcome: String
    var message: String
    /// `file:line` of every evidence entry.
    var sources: [String]

    /// Reads the single result of a results JSON document.
    init(_ run: HostCheckRun) {
        status = run.status
        let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let result = (object?["results"] as? [[String: Any]])?.first
        outcome = result?["outcome"] as? String ?? "no result (stderr: \(run.stderr))"
        message = result?["message"] as? String ?? ""
        sources = (result?["evidence"] as? [[String: Any]] ?? []).compactMap { evidence in
            guard let source = evidence["source"] as? [String: Any], let file = source["file"] as? String else { return nil }
            return "\(URL(fileURLWithPath: file).lastPathComponent):\(source["line"] as? Int ?? 0)"
        }
    }

    /// The exit code docs/architecture.md ("Exit codes") gives a single result with this outcome.
    static func exitStatus(for outcome: String) -> Int32 {
        switch outcome {
        case "fail": 1
        case "unknown", "error": 2
        default: 0
        }
    }
}

// MARK: - Windows captures

/// Each shape on `netstat -ano` + `tasklist /fo csv` captures of one Windows server, clean,
/// compromised (telnet server, netcat, Redis opened up, sshd stopped), with a tasklist taken
/// before sshd.exe started, and as `netstat -ao` (ports and addresses printed as names).
@Suite struct PackShapesWindowsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var shape: Shape
        var netstat: String
        var tasklist: String
        var outcome: String
        /// Text the result's message must contain.
        var message: String
        var testDescription: String { "\(shape.rawValue) on \(netstat) + \(tasklist) is \(outcome)" }
    }

    static let cases: [Case] = [
        Case(shape: .allowlist, netstat: "netstat-ano-clean.txt", tasklist: "tasklist-clean.csv", outcome: "pass", message: "selected sockets satisfied"),
        Case(shape: .allowlist, netstat: "netstat-ano-compromised.txt", tasklist: "tasklist-compromised.csv", outcome: "fail",
             message: "tcp 0.0.0.0:23 is owned by tlntsvr.exe (pid 1520)"),
        Case(shape: .allowlist, netstat: "netstat-ano-clean.txt", tasklist: "tasklist-stale.csv", outcome: "unknown",
             message: "tcp 0.0.0.0:22: owner pid 3010 has no process record"),
        // tlntsvr.exe is allowlisted on no port, so its port printed as a name does not matter.
        Case(shape: .allowlist, netstat: "netstat-ao-names.txt", tasklist: "tasklist-names.csv", outcome: "fail", message: "tlntsvr.exe (pid 1520)"),

        Case(shape: .loopbackOnly, netstat: "netstat-ano-clean.txt", tasklist: "tasklist-clean.csv", outcome: "pass", message: "2 selected sockets satisfied"),
        Case(shape: .loopbackOnly, netstat: "netstat-ano-compromised.txt", tasklist: "tasklist-compromised.csv", outcome: "fail",
             message: "tcp 0.0.0.0:6379 is owned by redis-server.exe (pid 2240), expected exposure loopback"),
        Case(shape: .loopbackOnly, netstat: "netstat-ao-names.txt", tasklist: "tasklist-names.csv", outcome: "unknown", message: "cannot tell whether it satisfies exposure loopback"),
        Case(shape: .loopbackOnly, netstat: "netstat-ano-clean.txt", tasklist: "tasklist-stale.csv", outcome: "pass", message: "satisfied"),

        Case(shape: .forbiddenListener, netstat: "netstat-ano-clean.txt", tasklist: "tasklist-clean.csv", outcome: "pass", message: "no socket selected"),
        Case(shape: .forbiddenListener, netstat: "netstat-ano-compromised.txt", tasklist: "tasklist-compromised.csv", outcome: "fail",
             message: "tcp 0.0.0.0:23 is owned by tlntsvr.exe (pid 1520), expected no such socket"),
        Case(shape: .forbiddenListener, netstat: "netstat-ao-names.txt", tasklist: "tasklist-names.csv", outcome: "unknown", message: "cannot tell whether it satisfies expect none"),

        Case(shape: .requiredService, netstat: "netstat-ano-clean.txt", tasklist: "tasklist-clean.csv", outcome: "pass", message: "2 selected sockets satisfied"),
        Case(shape: .requiredService, netstat: "netstat-ano-compromised.txt", tasklist: "tasklist-compromised.csv", outcome: "fail", message: "no socket selected"),
        Case(shape: .requiredService, netstat: "netstat-ano-clean.txt", tasklist: "tasklist-stale.csv", outcome: "unknown",
             message: "tcp 0.0.0.0:22: owner pid 3010 has no process record"),
    ]

    @Test(arguments: cases)
    func shapeOnWindowsCapture(_ test: Case) throws {
        let run = try HostCheckRunner.run([
            "check", test.shape.pack, "--rule", test.shape.rule(windows: true), "--format", "json",
            "--capture", HostCheckRunner.fixture("shapes/\(test.netstat)"),
            "--capture", HostCheckRunner.fixture("shapes/\(test.tasklist)"),
        ])
        let result = ShapeResult(run)
        #expect(result.outcome == test.outcome, "message: \(result.message)")
        #expect(result.status == ShapeResult.exitStatus(for: test.outcome), "stderr: \(run.stderr)")
        #expect(result.message.contains(test.message), "message: \(result.message)")
    }

    @Test func everyShapeHasAPassAFailAndAnUnknownCapture() {
        for shape in Shape.allCases {
            let outcomes = Set(Self.cases.filter { $0.shape == shape }.map(\.outcome))
            #expect(outcomes.isSuperset(of: ["pass", "fail", "unknown"]), "\(shape.rawValue): \(outcomes.sorted())")
        }
    }

    @Test func failuresPointAtTheNetstatLines() throws {
        let run = try HostCheckRunner.run([
            "check", Shape.allowlist.pack, "--rule", Shape.allowlist.rule(windows: true), "--format", "json",
            "--capture", HostCheckRunner.fixture("shapes/netstat-ano-compromised.txt"),
            "--capture", HostCheckRunner.fixture("shapes/tasklist-compromised.csv"),
        ])
        let result = ShapeResult(run)
        // telnet (line 5), netcat (line 9) and Redis on the wildcard (line 10); not the
        // kernel's, svchost.exe's or the established netcat connection.
        #expect(result.sources == ["netstat-ano-compromised.txt:5", "netstat-ano-compromised.txt:9", "netstat-ano-compromised.txt:10"])
    }

    @Test func requiredServiceFixtureExamplesPass() throws {
        let run = try HostCheckRunner.run(["test", HostCheckRunner.fixture("shapes/required-service.yaml")])
        #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(run.stdout.contains(" passed, 0 failed"))
    }
}

// MARK: - Live, on this machine

/// A socket for a live listener to hold open.
struct LiveSocket: Sendable, CustomStringConvertible {
    var proto: String
    var address: String
    var port: Int
    /// false: bound but not listening (TCP only).
    var listen = true

    static func tcp(_ address: String, _ port: Int, listen: Bool = true) -> LiveSocket {
        LiveSocket(proto: "tcp", address: address, port: port, listen: listen)
    }

    static func udp(_ address: String, _ port: Int) -> LiveSocket {
        LiveSocket(proto: "udp", address: address, port: port)
    }

    var description: String { "\(proto)\(listen ? "" : "-bound") \(address.contains(":") ? "[\(address)]" : address):\(port)" }
    var argument: String { "\(proto),\(address),\(port),\(listen ? 1 : 0)" }
}

/// A python3 process holding sockets open in network and PID namespaces of its own
/// (`unshare --net --pid --mount-proc`), where it is PID 1: no listener of this machine or of a
/// concurrent test run can interfere, and no process outside (whose descriptors we might not
/// read, which would make owner coverage partial) is walked. hostcheck runs inside the same
/// namespaces through `nsenter`.
struct NamespacedListener {
    /// The `unshare` process; python3 is its child.
    let process: Process
    let stdin: Pipe
    /// python3's PID outside the namespace.
    let childPID: Int32

    static let script = """
        import fcntl, socket, struct, sys
        # A new network namespace has its loopback interface down, and ::1 exists only when it
        # is up: set IFF_UP with SIOCGIFFLAGS/SIOCSIFFLAGS.
        control = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        flags = struct.unpack("16sH", fcntl.ioctl(control, 0x8913, struct.pack("16sH", b"lo", 0)))[1]
        fcntl.ioctl(control, 0x8914, struct.pack("16sH", b"lo", flags | 1))
        control.close()
        held = []
        for spec in sys.argv[1:]:
            proto, address, port, listen = spec.split(",")
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            s = socket.socket(family, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
            if family == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            try:
                s.bind((address, int(port)))
                if proto == "tcp" and listen == "1":
                    s.listen()
            except OSError as error:
                print("error: cannot bind %s %s:%s: %s" % (proto, address, port, error), flush=True)
                sys.exit(3)
            held.append(s)
        print("ready", flush=True)
        sys.stdin.read()
        """

    /// Starts the listener as `executable` (python3, or a link to it under another name).
    static func start(_ sockets: [LiveSocket], executable: String) throws -> NamespacedListener {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["--net", "--pid", "--mount-proc", "--kill-child", "--", executable, "-c", script] + sockets.map(\.argument)
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        let line = String(decoding: output.fileHandleForReading.readLineBytes(), as: UTF8.self)
        let child = Self.child(of: process.processIdentifier)
        let listener = NamespacedListener(process: process, stdin: input, childPID: child ?? 0)
        guard line == "ready", child != nil else {
            listener.stop()
            let reason = line.isEmpty ? String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) : line
            try skipShapeCase("live listener did not start: \(reason.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return listener
    }

    /// The only child of `pid`, from `/proc/PID/task/PID/children`.
    static func child(of pid: Int32) -> Int32? {
        let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)
        return text?.split(separator: " ").first.flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Runs hostcheck inside the listener's namespaces, as root or as `nobody`.
    func hostcheck(_ arguments: [String], asNobody: Bool = false) throws -> HostCheckRun {
        var command = ["--target=\(childPID)", "--net", "--pid", "--mount", "--wd=\(HostCheckRunner.packageRoot.path)", "--"]
        if asNobody { command += ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] }
        command += [try HostCheckRunner.binary().path] + arguments
        return try HostCheckRunner.run(command, executable: URL(fileURLWithPath: "/usr/bin/nsenter"))
    }

    /// Ends the listener (closing its stdin ends it too, should the test process die first).
    func stop() {
        try? stdin.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// Cancels the current test case with `reason`, also written to standard error because the
/// console output shows a cancelled case as passed.
func skipShapeCase(_ reason: String) throws -> Never {
    FileHandle.standardError.write(Data("PackShapesTests: skipped: \(reason)\n".utf8))
    try Test.cancel(Comment(rawValue: reason))
}

extension FileHandle {
    /// The bytes up to the next newline (without it), or to the end of the stream.
    func readLineBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        while let byte = try? read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") { bytes.append(byte) }
        return bytes
    }
}

/// Each shape live: real python3 listeners, the Linux /proc and netlink probe, the exit code.
@Suite(.serialized) struct PackShapesLiveTests {
    static var canRun: Bool {
        getuid() == 0 && FileManager.default.isReadableFile(atPath: "/proc/net/tcp")
            && ["/usr/bin/unshare", "/usr/bin/nsenter", "/usr/bin/setpriv", "/usr/bin/env"].allSatisfy(FileManager.default.isExecutableFile(atPath:))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var shape: Shape
        var sockets: [LiveSocket]
        var outcome: String
        /// Text the message must contain.
        var message: String
        /// Run the listener as `magaya-server`, a copy of python3, instead of python3.
        var asMagaya = false
        /// With `asMagaya`: a symbolic link named `magaya-server` to python3 instead of a copy,
        /// which runs python3 under another name (a rename).
        var renamed = false
        /// Run hostcheck as `nobody`, which cannot read root's fd directories.
        var asNobody = false
        /// Accept the python3 executable as the SSH daemon (`--var required-service.sshd_paths`).
        var pythonIsSSHD = false

        var testDescription: String {
            let owner = asMagaya ? (renamed ? "python3 linked as magaya-server" : "magaya-server") : "python3"
            let list = sockets.isEmpty ? "no socket" : sockets.map(\.description).joined(separator: ", ")
            return "\(shape.rawValue): \(owner) on \(list)\(asNobody ? ", probed as nobody" : "") is \(outcome)"
        }
    }

    static let cases: [Case] = [
        Case(shape: .allowlist, sockets: [.tcp("0.0.0.0", 4444)], outcome: "fail", message: "tcp 0.0.0.0:4444 is owned by python3"),
        // A link named magaya-server to python3 runs python3 under another name: a rename, whose
        // name is no evidence (docs/rule-packs.md, "How strong is this identity?").
        Case(shape: .allowlist, sockets: [.tcp("0.0.0.0", 3691), .udp("::", 3691), .tcp("127.0.0.1", 4444)], outcome: "pass",
             message: "2 selected sockets satisfied", asMagaya: true),
        Case(shape: .allowlist, sockets: [.tcp("0.0.0.0", 3691)], outcome: "unknown",
             message: "owner name 'magaya-server' (pid 1) is not its executable's name", asMagaya: true, renamed: true),
        Case(shape: .allowlist, sockets: [.tcp("0.0.0.0", 3691)], outcome: "unknown", message: "tcp 0.0.0.0:3691: owner unknown", asMagaya: true, asNobody: true),

        Case(shape: .loopbackOnly, sockets: [.tcp("0.0.0.0", 6379)], outcome: "fail", message: "tcp 0.0.0.0:6379 is owned by python3"),
        Case(shape: .loopbackOnly, sockets: [.tcp("::", 6379)], outcome: "fail", message: "tcp [::]:6379"),
        Case(shape: .loopbackOnly, sockets: [.tcp("127.0.0.1", 6379), .tcp("::1", 6379)], outcome: "pass", message: "2 selected sockets satisfied"),
        Case(shape: .loopbackOnly, sockets: [.tcp("::ffff:127.0.0.1", 6379)], outcome: "pass", message: "1 selected socket satisfied"),
        Case(shape: .loopbackOnly, sockets: [.udp("0.0.0.0", 6379)], outcome: "pass", message: "no socket selected"),

        Case(shape: .forbiddenListener, sockets: [.tcp("0.0.0.0", 23)], outcome: "fail", message: "tcp 0.0.0.0:23 is owned by python3"),
        Case(shape: .forbiddenListener, sockets: [.tcp("127.0.0.1", 23)], outcome: "fail", message: "tcp 127.0.0.1:23"),
        Case(shape: .forbiddenListener, sockets: [.udp("0.0.0.0", 23), .tcp("0.0.0.0", 23, listen: false)], outcome: "pass", message: "no socket selected"),

        Case(shape: .requiredService, sockets: [], outcome: "fail", message: "no socket selected"),
        Case(shape: .requiredService, sockets: [.tcp("0.0.0.0", 22)], outcome: "fail", message: "expected path /usr/sbin/sshd"),
        Case(shape: .requiredService, sockets: [.tcp("::", 22)], outcome: "pass", message: "1 selected socket satisfied", pythonIsSSHD: true),
        Case(shape: .requiredService, sockets: [.tcp("::", 22)], outcome: "unknown", message: "owner unknown", asNobody: true, pythonIsSSHD: true),
    ]

    @Test(.enabled(if: PackShapesLiveTests.canRun, "needs root, /proc, unshare, nsenter and setpriv"), arguments: cases)
    func shapeLive(_ test: Case) throws {
        let python = try Self.python()
        var executable = python
        var scratch: URL?
        if test.asMagaya {
            let directory = try HostCheckRunner.temporaryDirectory()
            scratch = directory
            executable = directory.appendingPathComponent("magaya-server").path
            if test.renamed {
                try FileManager.default.createSymbolicLink(atPath: executable, withDestinationPath: python)
            } else {
                try FileManager.default.copyItem(atPath: python, toPath: executable)
            }
        }
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }

        let listener = try NamespacedListener.start(test.sockets, executable: executable)
        defer { listener.stop() }
        var arguments = ["check", test.shape.pack, "--rule", test.shape.rule(windows: false), "--format", "json", "--live"]
        if test.pythonIsSSHD { arguments += ["--var", "required-service.sshd_paths=\(python)"] }
        let run = try listener.hostcheck(arguments, asNobody: test.asNobody)
        let result = ShapeResult(run)
        #expect(result.outcome == test.outcome, "message: \(result.message) stderr: \(run.stderr)")
        #expect(result.status == ShapeResult.exitStatus(for: test.outcome))
        #expect(result.message.contains(test.message), "message: \(result.message)")
        if test.outcome == "fail", !test.sockets.isEmpty {
            // python3 is PID 1 of its namespace.
            #expect(result.message.contains("(pid 1)"), "message: \(result.message)")
        }
    }

    @Test func everyShapeHasALivePassAndFail() {
        for shape in Shape.allCases {
            let outcomes = Set(Self.cases.filter { $0.shape == shape }.map(\.outcome))
            #expect(outcomes.isSuperset(of: ["pass", "fail"]), "\(shape.rawValue): \(outcomes.sorted())")
        }
    }

    /// The real path of python3 (not a pyenv shim), so that `path` and `name` are python's.
    static func python() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import os, sys; print(os.path.realpath(sys.executable))"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let path = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        guard process.terminationStatus == 0, path.hasPrefix("/") else { try skipShapeCase("python3 is not available") }
        return path
    }
}

// MARK: - Examples of the shipped packs

/// Every rule in `rules/` (built-in packs and the allowlist template) carries a pass, a fail and
/// an unknown example, so that `hostcheck test rules` shows all three outcomes of every rule.
@Suite struct PackShapesExampleCoverageTests {
    @Test func everyShippedRuleHasPassFailAndUnknownExamples() throws {
        let directory = HostCheckRunner.packageRoot.appendingPathComponent("rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 6)
        for file in files {
            let listed = try HostCheckRunner.run(["list", "rules", "rules/\(file)"])
            #expect(listed.status == 0, "stderr: \(listed.stderr)")
            let ids = listed.stdout.split(separator: "\n").compactMap { line in
                line.split(separator: " ").first?.split(separator: "/").last.map(String.init)
            }
            #expect(!ids.isEmpty, "\(file) lists no rules")
            let outcomes = Self.exampleOutcomes(try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
            for id in ids {
                let found = outcomes[id, default: []]
                #expect(found.isSuperset(of: ["pass", "fail", "unknown"]), "\(file): rule \(id) has examples \(found.sorted())")
            }
        }
    }

    /// The `outcome:` of the examples under each `  - id:` rule entry: a line scan of the
    /// block-style packs in `rules/` (a rule it cannot find has no outcomes and fails the test).
    static func exampleOutcomes(_ text: String) -> [String: Set<String>] {
        var outcomes: [String: Set<String>] = [:]
        var rule: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("  - id: ") {
                rule = String(line.dropFirst("  - id: ".count)).trimmingCharacters(in: .whitespaces)
            } else if let rule, line.trimmingCharacters(in: .whitespaces).hasPrefix("outcome: ") {
                let value = line.trimmingCharacters(in: .whitespaces).dropFirst("outcome: ".count)
                outcomes[rule, default: []].insert(String(value))
            }
        }
        return outcomes
    }
}
