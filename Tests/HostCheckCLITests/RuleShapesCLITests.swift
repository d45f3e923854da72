import Foundation
import Testing

/// Issue 15's rule language end to end: the `rule-shapes` pack (process rules, counts, `when`,
/// a negated label scope, a waiver policy) on captures written for it and on this machine. The
/// expected outcomes were written down before the first run (docs/rule-packs.md, "Rules beyond
/// one socket").
@Suite(.serialized) struct RuleShapesCLITests {
    static let directory = "rule-shapes"
    static let pack = HostCheckRunner.fixture("\(directory)/rule-shapes.yaml")
    static func capture(_ name: String) -> String { HostCheckRunner.fixture("\(directory)/\(name)") }

    /// One capture and the outcome of every rule of the pack on it.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var captures: [String]
        var expected: [String: String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "windows netstat -ano with tasklist (every process listed)", captures: ["netstat-ano.txt", "tasklist.csv"], expected: [
            "sshd-is-root": "fail",              // no sshd in a complete process list
            "no-nc64": "fail",                   // nc64.exe runs without a socket
            "one-listener-on-test-port": "pass", // one listener on 3691
            "nothing-on-idle-port": "pass",
            "idle-beside-test": "fail",          // 3691 listens, 3692 does not
            "https-if-http": "fail",             // 80 listens, 443 does not
            "kernel-holds-445": "pass",          // PID 4 (System)
            "svchost-runs": "pass",
            "no-telnet-outside-dev": "pass",
        ]),
        Case(name: "windows netstat -ano alone (socket owners only)", captures: ["netstat-ano.txt"], expected: [
            "sshd-is-root": "unknown",           // fail closed: the process list is not complete
            "no-nc64": "unknown",                // fail closed: nc64.exe may run without a socket
            "one-listener-on-test-port": "pass",
            "nothing-on-idle-port": "pass",
            "idle-beside-test": "fail",
            "https-if-http": "fail",
            "kernel-holds-445": "pass",          // PID 4 is the kernel on Windows, named or not
            "svchost-runs": "unknown",           // at least one cannot be proven from no process list
            "no-telnet-outside-dev": "pass",
        ]),
        Case(name: "linux ss -tulpn", captures: ["ss-tulpn.txt"], expected: [
            "sshd-is-root": "unknown",           // ss gives no user
            "no-nc64": "unknown",                // ss names socket owners only
            "one-listener-on-test-port": "pass",
            "nothing-on-idle-port": "pass",
            "idle-beside-test": "fail",
            "https-if-http": "pass",             // nginx on 80 and 443
            "kernel-holds-445": "skip",
            "svchost-runs": "skip",
            "no-telnet-outside-dev": "pass",
        ]),
    ]

    @Test func packLintsCleanAndItsExamplesPass() throws {
        let lint = try HostCheckRunner.run(["lint", Self.pack])
        #expect(lint.status == 0 && lint.stdout.contains("0 errors, 0 warnings"), "\(lint.stdout)\(lint.stderr)")
        let test = try HostCheckRunner.run(["test", Self.pack])
        #expect(test.status == 0 && test.stdout.contains("28 passed, 0 failed"), "\(test.stdout)\(test.stderr)")
    }

    @Test(arguments: cases)
    func captureGivesTheTabledOutcomes(_ testCase: Case) throws {
        let arguments = ["check", Self.pack, "--format", "json"] + testCase.captures.flatMap { ["--capture", Self.capture($0)] }
        let run = try HostCheckRunner.run(arguments)
        #expect(Self.outcomes(run.stdout) == testCase.expected, "\(run.stderr)")
    }

    @Test func aNegatedLabelScopeSkipsTheLabelledHostInAnyCase() throws {
        let run = try HostCheckRunner.run([
            "check", Self.pack, "--format", "json", "--capture", Self.capture("ss-tulpn.txt"), "--label", "env=DEV",
        ])
        #expect(Self.outcomes(run.stdout)["no-telnet-outside-dev"] == "skip", "\(run.stderr)")
    }

    @Test func waiverPolicyIsEnforcedByLintAndCheck() throws {
        let waivers = Self.capture("waivers-forever.yaml")
        let lint = try HostCheckRunner.run(["lint", Self.pack, "--waivers", waivers, "--now", "2026-12-05"])
        #expect(lint.status == 65)
        #expect(lint.stdout.contains("waivers-forever.yaml:3:5: error: waiver for 'https-if-http' has no expires"), "\(lint.stdout)")
        #expect(lint.stdout.contains("waivers-forever.yaml:5:5: error: waiver for 'idle-beside-test' expires 2099-12-31"), "\(lint.stdout)")
        #expect(!lint.stdout.contains("'no-nc64'"), "a waiver within the policy is no error: \(lint.stdout)")
        let check = try HostCheckRunner.run([
            "check", Self.pack, "--capture", Self.capture("ss-tulpn.txt"), "--waivers", waivers, "--now", "2026-12-05",
        ])
        #expect(check.status == 65, "a waiver that breaks the policy is an error, never applied: \(check.stdout)")
        #expect(check.stderr.contains("break the packs' waiver policy"), "\(check.stderr)")
    }

    @Test(.enabled(if: LiveCheckTests.canProbe, "needs /proc and root"))
    func liveGivesTheTabledOutcomes() throws {
        guard let (testPort, idlePort) = Self.freePorts() else {
            Issue.record("no two free ports found")
            return
        }
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listener.arguments = ["python3", "-c", """
            import socket, sys
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", \(testPort))); s.listen(); print("ready", flush=True); sys.stdin.read()
            """]
        let ready = Pipe()
        let control = Pipe()
        listener.standardOutput = ready
        listener.standardInput = control
        try listener.run()
        defer {
            try? control.fileHandleForWriting.close()
            listener.waitUntilExit()
        }
        _ = ready.fileHandleForReading.availableData
        let run = try HostCheckRunner.run([
            "check", Self.pack, "--format", "json",
            "--var", "rule-shapes.test_port=\(testPort)", "--var", "rule-shapes.idle_port=\(idlePort)",
        ])
        let outcomes = Self.outcomes(run.stdout)
        let expected: [String: String] = [
            "no-nc64": "pass",                   // the live probe lists every process it can see
            "one-listener-on-test-port": "pass", // the listener this test opened
            "nothing-on-idle-port": "pass",
            "idle-beside-test": "fail",          // the test port listens, the idle port does not
            "kernel-holds-445": "skip",
            "svchost-runs": "skip",
        ]
        for (rule, outcome) in expected {
            #expect(outcomes[rule] == outcome, "\(rule): \(run.stdout.prefix(2000))")
        }
        #expect(outcomes["https-if-http"] != nil && outcomes["no-telnet-outside-dev"] != nil)
        // Whether sshd runs depends on the host; as root the process list is complete, so the
        // rule is decided either way.
        #expect(outcomes["sshd-is-root"] == "pass" || outcomes["sshd-is-root"] == "fail", "\(outcomes)")
    }

    /// Two TCP ports with no listener here.
    static func freePorts() -> (Int, Int)? {
        let free = (39_000..<39_400).filter { !LiveCheckTests.portInUse($0) }
        guard let first = free.first(where: { free.contains($0 + 1) }) else { return nil }
        return (first, first + 1)
    }

    /// Rule id to outcome of the one host in a JSON report.
    static func outcomes(_ json: String) -> [String: String] {
        guard let data = json.data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let results = root["results"] as? [[String: Any]] else { return [:] }
        var outcomes: [String: String] = [:]
        for result in results {
            if let rule = result["rule"] as? String, let outcome = result["outcome"] as? String { outcomes[rule] = outcome }
        }
        return outcomes
    }
}
