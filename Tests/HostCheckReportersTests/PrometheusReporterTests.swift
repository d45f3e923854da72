import Testing
import Foundation
import HostCheckCore
@testable import HostCheckReporters

@Suite struct PrometheusReporterTests {
    @Test func exposesResultsTotalsAndRunTimes() throws {
        let text = try Samples.render(PrometheusReporter(options: ReporterOptions()), hosts: [Samples.hostResults])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "# HELP hostcheck_rule_result Outcome of a rule on a host: 1 for the current outcome, 0 for the others.")
        let samples = lines.filter { $0.hasPrefix("hostcheck_rule_result{") }
        #expect(samples.count == Samples.hostResults.results.count * Outcome.allCases.count)
        #expect(samples.contains(#"hostcheck_rule_result{host="wh-berlin-02",pack="magaya-network",rule="magaya-3691-owner",severity="high",outcome="fail"} 1"#))
        #expect(samples.contains(#"hostcheck_rule_result{host="wh-berlin-02",pack="magaya-network",rule="magaya-3691-owner",severity="high",outcome="pass"} 0"#))
        #expect(samples.filter { $0.hasSuffix(" 1") }.count == Samples.hostResults.results.count)
        #expect(lines.contains(#"hostcheck_rules{outcome="fail"} 1"#))
        #expect(lines.contains("hostcheck_hosts 1"))
        #expect(lines.contains("hostcheck_last_run_timestamp_seconds 1795773600.25"))
        #expect(lines.contains("hostcheck_run_duration_seconds 0.25"))
    }

    @Test func labelValuesAreEscaped() {
        #expect(Prometheus.label("a\"b\\c\nd") == #""a\"b\\c\\u{a}d""#)
        #expect(Prometheus.label("plain") == "\"plain\"")
    }

    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0),
        ("2026-11-27T10:00:00Z", 1_795_773_600.0),
        ("2026-11-27T11:00:00+01:00", 1_795_773_600.0),
        ("2026-11-27T10:00:00.5Z", 1_795_773_600.5),
        ("2000-02-29T00:00:00-00:30", 951_784_200.0),
    ])
    func parsesTimestamps(text: String, seconds: Double) {
        #expect(ISO8601.unixSeconds(text) == seconds)
    }

    @Test(arguments: ["", "2026-11-27", "2026-13-01T00:00:00Z", "2026-11-27T10:00:00", "2026-11-27T10:00:00Zjunk", "２０２６-11-27T10:00:00Z"])
    func rejectsOtherTimestamps(text: String) {
        #expect(ISO8601.unixSeconds(text) == nil)
    }

    @Test func atomicFileAppearsOnlyOnCommit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostcheck-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("hostcheck.prom").path
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        var file = try AtomicFileOutput(path: path)
        var reporter = PrometheusReporter(options: ReporterOptions())
        try reporter.begin(Samples.run, to: &file)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        try reporter.host(Samples.hostResults, to: &file)
        try reporter.end(Samples.summary([Samples.hostResults]), to: &file)
        try file.commit()
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix("# HELP hostcheck_rule_result"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["hostcheck.prom"])
        var discarded = try AtomicFileOutput(path: path)
        discarded.write("partial")
        discarded.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == written)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["hostcheck.prom"])
        #expect(throws: AtomicFileOutput.WriteError.self) { try AtomicFileOutput(path: directory.path + "/missing/x.prom") }
    }
}
