import Foundation
import Testing
@testable import HostCheckCLI

/// The examples in docs/plugins.md work as printed: each code block is written out as the
/// plugin its text names and run.
@Suite struct PluginDocumentationTests {
    static let hasPython = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
    static let hasJQ = FileManager.default.isExecutableFile(atPath: "/usr/bin/jq")
    static let hasProcNet = FileManager.default.fileExists(atPath: "/proc/net/tcp") && FileManager.default.fileExists(atPath: "/proc/net/tcp6")

    /// The fenced blocks of docs/plugins.md in `language`, in order.
    static func blocks(_ language: String) throws -> [String] {
        let text = try String(contentsOf: HostCheckRunner.packageRoot.appendingPathComponent("docs/plugins.md"), encoding: .utf8)
        return text.components(separatedBy: "```\(language)\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
    }

    @Test(.enabled(if: hasPython && hasProcNet, "needs python3 and /proc/net/tcp6"))
    func pythonExamplesWork() throws {
        let python = try Self.blocks("python")
        try #require(python.count == 2)
        let fixtures = try PluginFixtures()
        for (name, kind, source) in [("proctcp", PluginKind.probe, python[0]), ("digest", .report, python[1])] {
            let url = fixtures.directory.appendingPathComponent(kind.executableName(name))
            try Data(source.utf8).write(to: url)
            try PluginFixtures.setMode(0o755, url.path)
        }
        let environment = ["HOSTCHECK_PLUGIN_PATH": fixtures.directory.path, "PATH": "/usr/bin:/bin"]
        let facts = try HostCheckRunner.run(["facts", "--probe", "proctcp", "--format", "json"], environment: environment)
        #expect(facts.status == 0, "\(facts.stderr)")
        #expect(facts.stdout.contains(#""owners":"none""#), "\(facts.stdout)")
        let digest = fixtures.root.appendingPathComponent("digest.txt").path
        let check = try HostCheckRunner.run(["check", "--probe", "proctcp", "--format", "digest:\(digest)"], environment: environment)
        // No owners: owner rules cannot pass, so the run is 1 or 2, never 0 and never a plugin failure.
        #expect(check.status == 1 || check.status == 2, "\(check.stdout)\(check.stderr)")
        let text = try String(contentsOfFile: digest, encoding: .utf8)
        #expect(text.hasPrefix("hostcheck: 1 host(s), "), "\(text)")
        #expect(text.contains("- UNKNOWN ") || text.contains("- FAIL "), "\(text)")
        // The severity comes from the rule's entry in `rules` (results version 3).
        #expect(["info", "low", "medium", "high", "critical"].contains { text.contains("(\($0)) ") }, "\(text)")
    }

    @Test(.enabled(if: hasJQ, "needs jq"))
    func shellReportExampleWorks() throws {
        let shell = try #require(try Self.blocks("sh").first)
        let fixtures = try PluginFixtures()
        let url = fixtures.directory.appendingPathComponent(PluginKind.report.executableName("status"))
        try Data(shell.utf8).write(to: url)
        try PluginFixtures.setMode(0o755, url.path)
        let snapshot = try fixtures.file("snapshot.json", PluginFixtures.snapshot(port: 23))
        let run = try HostCheckRunner.run(
            ["check", try fixtures.telnetPack(), "--snapshot", snapshot, "--format", "status"], environment: fixtures.environment)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout == "hosts=1 fail=1 unknown=0 error=0\n")
    }
}
