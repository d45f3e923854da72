import Foundation
import Testing

/// End-to-end: the built-in rules against Unix captures whose coverage comes from the variant
/// (docs/captures.md, "Coverage", "Linux and other Unix"). Honest captures of an IPv4-only
/// host pass what they satisfy; listening-only captures cannot prove rules about connected
/// sockets; a non-root `lsof` and damaged copies never pass what they cannot prove.
@Suite struct UnixCoverageCheckTests {
    static func fixture(_ name: String) -> String {
        HostCheckRunner.fixture("unix-coverage/\(name)")
    }

    /// A rule about connected sockets (the issue's "no established session to port 2323") and
    /// one about listeners, written beside the results.
    static func connectedPack() throws -> String {
        let directory = try HostCheckRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("sessions.yaml").path
        try """
        hostcheck: 1
        pack:
          id: sessions
          version: 1.0.0
          title: Sessions
        rules:
          - id: no-session-2323
            title: No established session to port 2323
            severity: high
            select: { protocol: tcp, remote_port: 2323, state: established }
            expect: none
          - id: no-telnet-listener
            title: Nothing listens on 23/tcp
            severity: high
            select: { protocol: tcp, local_port: 23, state: listening }
            expect: none

        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The results of one run: rule id → (outcome, message).
    static func results(_ json: String) -> [String: (outcome: String, message: String)] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let results = object["results"] as? [[String: Any]] else { return [:] }
        var found: [String: (outcome: String, message: String)] = [:]
        for result in results {
            guard let rule = result["rule"] as? String else { continue }
            found[rule] = (result["outcome"] as? String ?? "?", result["message"] as? String ?? "")
        }
        return found
    }

    /// An honest, complete capture of a compliant IPv4-only host: every built-in rule that
    /// applies passes (the Windows rules are skipped), exit 0.
    /// `lsof` output does not tell Linux from macOS: the Linux host's bundle says so in
    /// `host.json`, as a capture script writes it (else the Windows rules are `unknown`).
    static func linuxBundle(_ capture: String) throws -> String {
        let directory = try HostCheckRunner.temporaryDirectory().appendingPathComponent("db-7")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture(capture), toPath: directory.appendingPathComponent(capture).path)
        try #"{ "hostcheck_bundle": 1, "platform": "linux" }"#
            .write(to: directory.appendingPathComponent("host.json"), atomically: true, encoding: .utf8)
        return directory.path
    }

    @Test(arguments: ["ss-tulpn-ipv4.txt", "ss-tuanp-ipv4.txt", "netstat-tulpn-ipv4.txt", "lsof-i-root-ipv4.txt"])
    func honestCaptureOfAnIPv4OnlyHostPasses(capture: String) throws {
        let input = capture.hasPrefix("lsof") ? try Self.linuxBundle(capture) : Self.fixture(capture)
        let run = try HostCheckRunner.run(["check", "--capture", input, "--format", "json"])
        let results = Self.results(run.stdout)
        #expect(!results.isEmpty, "stdout: \(run.stdout) stderr: \(run.stderr)")
        let notPassed = results.filter { $0.value.outcome != "pass" && $0.value.outcome != "skip" }
        #expect(notPassed.isEmpty, "\(notPassed)")
        #expect(results.values.contains { $0.outcome == "pass" })
        #expect(results["magaya-3691-owner"]?.outcome == "pass")
        #expect(results["no-telnet"]?.outcome == "pass")
        #expect(run.status == 0, "stderr: \(run.stderr)")
    }

    /// `ss -tlpn` covers TCP only: the TCP rules pass, the rules that select UDP are unknown.
    @Test func tcpOnlyCapturePassesTCPRulesOnly() throws {
        let run = try HostCheckRunner.run(["check", "--capture", Self.fixture("ss-tlpn-ipv4.txt"), "--format", "json"])
        let results = Self.results(run.stdout)
        #expect(results["no-telnet"]?.outcome == "pass")
        #expect(results["postgresql-loopback"]?.outcome == "pass")
        for rule in ["no-tftp", "memcached-loopback", "no-simple-services", "magaya-3691-owner"] {
            #expect(results[rule]?.outcome == "unknown", "\(rule): \(String(describing: results[rule]))")
            #expect(results[rule]?.message.contains("udp") == true, "\(rule): \(String(describing: results[rule]))")
        }
        #expect(run.status == 2)
    }

    /// A listening-only capture cannot prove that no session is established: the rule is
    /// unknown and names the capture to take; the complete capture passes it.
    @Test(arguments: [
        ("ss-tulpn-ipv4.txt", "unknown", "ss -tuanp"), ("ss-tlpn-ipv4.txt", "unknown", "ss -tuanp"),
        ("netstat-tulpn-ipv4.txt", "unknown", "netstat -tuanp"), ("ss-tuanp-ipv4.txt", "pass", ""),
        ("lsof-i-root-ipv4.txt", "pass", ""),
    ])
    func connectedRulesNeedACaptureOfEveryState(capture: String, outcome: String, named: String) throws {
        let run = try HostCheckRunner.run([
            "check", Self.connectedPack(), "--capture", Self.fixture(capture), "--format", "json",
        ])
        let results = Self.results(run.stdout)
        let session = try #require(results["no-session-2323"], "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(session.outcome == outcome, "\(session)")
        if !named.isEmpty { #expect(session.message.contains(named), "\(session.message)") }
        #expect(results["no-telnet-listener"]?.outcome == "pass")
        #expect(run.status == (outcome == "pass" ? 0 : 2))
    }

    /// `lsof -i -P -n` as a non-root user lists only that user's sockets: no built-in rule
    /// passes on it, while the root capture of the same host fails four.
    @Test func nonRootLsofProvesNothingAboutOtherUsers() throws {
        let root = try HostCheckRunner.run(["check", "--capture", Self.fixture("lsof-i-root-rogue.txt"), "--format", "json"])
        let rootResults = Self.results(root.stdout)
        #expect(Set(rootResults.filter { $0.value.outcome == "fail" }.keys)
            == ["no-telnet", "no-ftp", "redis-loopback", "mongodb-loopback"])
        #expect(root.status == 1)
        let alice = try HostCheckRunner.run(["check", "--capture", Self.fixture("lsof-i-alice.txt"), "--format", "json"])
        let aliceResults = Self.results(alice.stdout)
        #expect(!aliceResults.isEmpty, "stdout: \(alice.stdout) stderr: \(alice.stderr)")
        let passed = aliceResults.filter { $0.value.outcome == "pass" }
        #expect(passed.isEmpty, "\(passed)")
        #expect(aliceResults["no-telnet"]?.outcome == "unknown")
        #expect(aliceResults["no-telnet"]?.message.contains("alice") == true, "\(String(describing: aliceResults["no-telnet"]))")
        #expect(alice.status == 2)
    }

    /// Damaged copies never pass what they cannot prove: a cut last row, a port above 65535
    /// and a lower-case state (each hides a telnet listener) leave no pass, exit non-zero.
    @Test(arguments: ["ss-tulpn-cut.txt", "ss-tulpn-huge-port.txt", "ss-tulpn-lowercase-state.txt"])
    func damagedCaptureNeverPassesWhatItCannotProve(capture: String) throws {
        let run = try HostCheckRunner.run(["check", "--capture", Self.fixture(capture), "--format", "json"])
        let results = Self.results(run.stdout)
        #expect(!results.isEmpty, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(results["no-telnet"].map { $0.outcome == "unknown" || $0.outcome == "fail" } == true)
        // An unknown says why, naming the line that could not be read or shows the cut.
        #expect(results["no-ftp"]?.message.contains("\(capture):4") == true, "\(String(describing: results["no-ftp"]))")
        let passed = results.filter { $0.value.outcome == "pass" }
        #expect(passed.isEmpty, "\(passed)")
        #expect(run.status != 0)
    }

    /// A NUL run and a `^C` in a copy: the host is an error or every rule unknown, never a pass.
    @Test(arguments: ["nul", "interrupted"])
    func incompleteCopyNeverPasses(kind: String) throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("ss.txt").path
        let rows = try String(contentsOfFile: Self.fixture("ss-tulpn-ipv4.txt"), encoding: .utf8)
        let damaged = kind == "nul" ? rows + "\0\0\0\0\0\0\0\0\n" : rows + "^C\n"
        try damaged.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try HostCheckRunner.run(["check", "--capture", path, "--format", "json"])
        #expect(!run.stdout.contains("\"outcome\":\"pass\""), "\(run.stdout)")
        #expect(run.status == 2, "stdout: \(run.stdout) stderr: \(run.stderr)")
    }
}
