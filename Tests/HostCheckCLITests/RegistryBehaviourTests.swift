import Foundation
import HostCheckCore
import Testing
@testable import HostCheckCLI

/// What the registry decides at the command line: probe options, the reporters' exit codes and
/// options, and a capture format added through it, failing closed where evidence is missing.
@Suite struct RegistryBehaviourTests {
    static let failing = [
        "check", "rules/magaya-network.yaml",
        "--capture", HostCheckRunner.fixture("windows/netstat-ano-3691.txt"),
        "--capture", HostCheckRunner.fixture("windows/tasklist-nc64.csv"),
    ]

    /// A value the live probe refuses is a usage error, before anything is read.
    @Test(arguments: [["--socket-source", "bogus"], ["--netns", "0"], ["--netns", "x1"]])
    func badProbeOptionIsAUsageError(options: [String]) throws {
        let run = try HostCheckRunner.run(["facts"] + options)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    /// A build without a live probe for its platform says so (64) rather than reading nothing.
    @Test func noLiveProbeIsAUsageError() async throws {
        var registry = Registry.builtin
        registry.probes.removeAll { $0.source == .live }
        await #expect(throws: CLIError.self) {
            _ = try await HostInputs(source: .live(options: [:]), hostName: nil, registry: registry).jobs()
        }
    }

    /// Nagios decides the exit code only when it is the only format, on standard output.
    static let nagiosCases: [(formats: [String], status: Int32)] = [
        (["--format", "nagios"], 2),
        (["--format", "nagios:-"], 2),
        (["--format", "text", "--format", "nagios:NAGIOS"], 1),
        (["--format", "json"], 1),
    ]

    @Test(arguments: nagiosCases)
    func nagiosOwnsTheExitCodeAloneOnStandardOutput(formats: [String], status: Int32) throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let resolved = formats.map { $0.replacingOccurrences(of: "NAGIOS", with: directory.appendingPathComponent("n.txt").path) }
        let run = try HostCheckRunner.run(Self.failing + resolved)
        #expect(run.status == status, "\(run.stdout)\(run.stderr)")
    }

    @Test func jsonIsOneLineUnlessPretty() throws {
        let compact = try HostCheckRunner.run(Self.failing + ["--format", "json"])
        let pretty = try HostCheckRunner.run(Self.failing + ["--format", "json", "--pretty"])
        #expect(compact.stdout.split(separator: "\n").count == 1)
        #expect(pretty.stdout.split(separator: "\n").count > 20)
        let a = try JSONSerialization.jsonObject(with: Data(compact.stdout.utf8)) as? [String: Any]
        let b = try JSONSerialization.jsonObject(with: Data(pretty.stdout.utf8)) as? [String: Any]
        #expect((a?["results"] as? [Any])?.count == (b?["results"] as? [Any])?.count)
    }

    static let sshPack = """
        hostcheck: 1
        pack: { id: bsd, version: '1' }
        rules:
          - id: ssh-owner
            severity: high
            select: { protocol: tcp, local_port: 22, state: listening }
            expect: { owner: { name: sshd } }
        """

    static func sockstat(_ name: String) -> String {
        HostCheckRunner.packageRoot.appendingPathComponent("Tests/HostCheckProbesTests/Fixtures/sockstat/\(name)").path
    }

    /// The registered sockstat format: a root capture whose sshd owns port 22 passes; one whose
    /// port 22 has `??` owners (not root, or hidden processes) is never a pass.
    static let sockstatCases: [(name: String, status: Int32, outcome: String)] = [
        ("sockstat-46l-root.txt", 0, "pass"),
        ("sockstat-46l-unknown-owner.txt", 2, "unknown"),
    ]

    @Test(arguments: sockstatCases)
    func sockstatCaptureFailsClosed(name: String, status: Int32, outcome: String) throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let pack = directory.appendingPathComponent("bsd.yaml")
        try Self.sshPack.write(to: pack, atomically: true, encoding: .utf8)
        let run = try HostCheckRunner.run(["check", pack.path, "--capture", Self.sockstat(name), "--format", "json"])
        #expect(run.status == status, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("\"outcome\":\"\(outcome)\""), "\(run.stdout)")
    }
}
