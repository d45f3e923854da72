import Foundation
import Testing
@testable import HostCheckCLI

/// `--format NAME[:PATH]` with a report plugin (docs/plugins.md, "Report plugins"): it gets the
/// results JSON on its standard input and its standard output is the report; when it fails the
/// run exits 74 naming it and no report path is replaced.
@Suite struct ReportPluginTests {
    /// A run whose probe plugin shows a telnet listener: one rule, failed (exit 1).
    static func failingRun(_ fixtures: PluginFixtures) throws -> [String] {
        let snapshot = try fixtures.file("snapshot.json", PluginFixtures.snapshot(port: 23))
        try fixtures.plugin(.probe, "fake", "cat \(snapshot)")
        return ["check", try fixtures.telnetPack(), "--probe", "fake"]
    }

    @Test(arguments: [true, false])
    func pluginGetsTheResultsAndWritesTheReport(toPath: Bool) throws {
        let fixtures = try PluginFixtures()
        let received = fixtures.root.appendingPathComponent("received.json").path
        try fixtures.plugin(.report, "fancy", "cat > \(received)\necho 'fancy report'")
        let output = fixtures.root.appendingPathComponent("out/report.txt").path
        let format = toPath ? "fancy:\(output)" : "fancy"
        let run = try HostCheckRunner.run(try Self.failingRun(fixtures) + ["--format", format], environment: fixtures.environment)
        #expect(run.status == 1, "\(run.stderr)")
        let report = toPath ? try String(contentsOfFile: output, encoding: .utf8) : run.stdout
        #expect(report == "fancy report\n")
        let results = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: received))) as? [String: Any])
        #expect(results["hostcheck_results"] as? Int == 3)
        let first = try #require((results["results"] as? [[String: Any]])?.first)
        #expect(first["outcome"] as? String == "fail" && first["rule"] as? String == "no-telnet", "\(first)")
    }

    /// A report plugin that fails leaves the path as it was, and the run exits 74 naming it.
    @Test(arguments: [
        ("echo 'no template' >&2; exit 3", [String](), "exited with status 3; its standard error ends: no template"),
        ("cat > /dev/null; sleep 100", ["--plugin-timeout", "1"], "did not finish within 1 s"),
        ("kill -9 $$", [], "was killed by signal 9"),
    ])
    func failingPluginWritesNothing(body: String, options: [String], phrase: String) throws {
        let fixtures = try PluginFixtures()
        try fixtures.plugin(.report, "broken", body)
        let output = try fixtures.file("report.txt", "the previous report\n")
        let run = try BoundedRunner.run(
            try Self.failingRun(fixtures) + ["--format", "broken:\(output)", "--format", "text"] + options,
            environment: fixtures.environment)
        #expect(run.status == 74, "\(run.output)")
        #expect(run.output.contains("report plugin 'broken'") && run.output.contains(phrase), "\(run.output)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "the previous report\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixtures.root.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        #expect(run.seconds < 3)
    }

    /// An unknown format that no plugin provides stays a usage error.
    @Test func unknownFormatWithoutAPluginIsAUsageError() throws {
        let fixtures = try PluginFixtures()
        let run = try HostCheckRunner.run(try Self.failingRun(fixtures) + ["--format", "nothing"], environment: fixtures.environment)
        #expect(run.status == 64)
        #expect(run.stderr.contains("unknown format 'nothing'") && run.stderr.contains("hostcheck-report-NAME"), "\(run.stderr)")
    }
}
