import Foundation
import Testing
import HostCheckCore
@testable import HostCheckReporters

/// Hand-built runs for the Prometheus reporter tests.
private enum PrometheusFixture {
    static let hostile = "evil\"\\host\nhostcheck_rules{outcome=\"pass\"} 99\u{1B}[2J"

    static let run = RunInfo(packs: Samples.run.packs, rules: [], startedAt: "2026-11-27T10:00:00Z")

    static func result(_ host: String, _ rule: String, _ outcome: Outcome, severity: Severity = .high) -> RuleResult {
        RuleResult(host: host, pack: "magaya-network", rule: rule, severity: severity, outcome: outcome, message: "m")
    }

    static func host(_ name: String, _ results: [RuleResult]) -> HostResults {
        HostResults(host: HostInfo(name: name, platform: .linux, coverage: .full), results: results)
    }

    static var fleet: [HostResults] {
        [
            host("wh-berlin-02", [result("wh-berlin-02", "magaya-3691-owner", .fail), result("wh-berlin-02", "no-telnet", .pass, severity: .critical)]),
            host(hostile, [result(hostile, "magaya-3691-owner", .unknown), result(hostile, "no-telnet", .waived)]),
            host("db-01", [result("db-01", "magaya-3691-owner", .skip), result("db-01", "no-telnet", .error)]),
        ]
    }

    static func render(_ hosts: [HostResults], run: RunInfo = run, duration: Double = 1.5) throws -> String {
        var reporter = PrometheusReporter(options: ReporterOptions())
        var out = ""
        var counts = OutcomeCounts()
        for host in hosts { for result in host.results { counts.add(result.outcome) } }
        try reporter.begin(run, to: &out)
        for host in hosts { try reporter.host(host, to: &out) }
        try reporter.end(Summary(hosts: hosts.count, rules: 2, counts: counts, durationSeconds: duration), to: &out)
        return out
    }

    /// The metric name of each sample line, in order.
    static func sampleNames(_ text: String) -> [String] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            String(line.prefix { $0 != "{" && $0 != " " })
        }
    }
}

@Suite struct PrometheusReporterTests {
    @Test(arguments: [
        ("wh-berlin-02", "wh-berlin-02"),
        ("a\\b", "a\\\\b"),
        ("say \"hi\"", "say \\\"hi\\\""),
        ("two\nlines", "two\\nlines"),
        ("esc\u{1B}[31m\r", "esc\\\\u{1b}[31m\\\\u{d}"),
        ("Grüße 日本", "Grüße 日本"),
    ])
    func escapesLabelValues(input: String, expected: String) {
        #expect(PrometheusExposition.labelValue(input) == expected)
    }

    @Test(arguments: [
        (1.0, "1"), (0.25, "0.25"), (1795773600.0, "1795773600"), (Double.nan, "NaN"),
        (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"), (-3.0, "-3"),
    ])
    func formatsValues(number: Double, expected: String) {
        #expect(PrometheusExposition.value(number) == expected)
    }

    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0 as Double?),
        ("2026-11-27T10:00:00Z", 1795773600),
        ("2000-02-29T12:30:15.5+02:00", 951820215.5),
        ("1969-12-31T23:00:00-01:30", 1800),
        ("2026-11-27 10:00:00z", 1795773600),
        ("2026-02-30T00:00:00Z", nil),
        ("2026-11-27T10:00:00", nil),
        ("2026-11-27T10:00:00Zjunk", nil),
        ("not a time at all, no", nil),
    ])
    func parsesRunStart(text: String, expected: Double?) {
        #expect(PrometheusTimestamp.unixSeconds(text) == expected)
    }

    @Test func familiesAreContiguousWithHelpAndType() throws {
        let text = try PrometheusFixture.render(PrometheusFixture.fleet)
        let names = PrometheusFixture.sampleNames(text)
        var finished = Set<String>()
        var current = ""
        for name in names where name != current {
            #expect(!finished.contains(name), "samples of \(name) are split")
            finished.insert(current)
            current = name
        }
        for family in ["hostcheck_pack_info", "hostcheck_rule_result", "hostcheck_rules", "hostcheck_hosts",
                       "hostcheck_last_run_timestamp_seconds", "hostcheck_run_duration_seconds"] {
            let help = try #require(text.range(of: "# HELP \(family) "))
            let type = try #require(text.range(of: "# TYPE \(family) gauge\n"))
            let first = try #require(text.range(of: "\n\(family)") ?? text.range(of: "\n\(family) "))
            #expect(help.lowerBound < type.lowerBound && type.lowerBound < first.lowerBound, "\(family) header first")
        }
    }

    @Test func oneSeriesPerResultAndTotalsPerOutcome() throws {
        let text = try PrometheusFixture.render(PrometheusFixture.fleet)
        let names = PrometheusFixture.sampleNames(text)
        #expect(names.filter { $0 == "hostcheck_rule_result" }.count == 6)
        #expect(names.filter { $0 == "hostcheck_pack_info" }.count == 1)
        #expect(text.contains("hostcheck_pack_info{pack=\"magaya-network\",version=\"1.0.0\",source=\"path\","
            + "file=\"rules/magaya-network.yaml\",sha256=\"\(String(repeating: "ab", count: 32))\"} 1\n"))
        #expect(text.contains("hostcheck_rule_result{host=\"wh-berlin-02\",pack=\"magaya-network\",rule=\"magaya-3691-owner\",severity=\"high\",outcome=\"fail\"} 1\n"))
        for (outcome, count) in [("pass", 1), ("fail", 1), ("unknown", 1), ("error", 1), ("skip", 1), ("waived", 1)] {
            #expect(text.contains("hostcheck_rules{outcome=\"\(outcome)\"} \(count)\n"))
        }
        #expect(text.contains("\nhostcheck_hosts 3\n"))
        #expect(text.contains("\nhostcheck_last_run_timestamp_seconds 1795773600\n"))
        #expect(text.hasSuffix("\nhostcheck_run_duration_seconds 1.5\n"))
    }

    @Test func hostileHostNameCannotForgeSamples() throws {
        let text = try PrometheusFixture.render(PrometheusFixture.fleet)
        #expect(!text.contains("\u{1B}"))
        #expect(text.components(separatedBy: "hostcheck_rules{outcome=\"pass\"}").count == 2, "only the real total")
        #expect(text.contains("host=\"evil\\\"\\\\host\\nhostcheck_rules{outcome=\\\"pass\\\"} 99\\\\u{1b}[2J\""))
    }

    @Test func repeatedHostIsReportedNotDuplicated() throws {
        var hosts = PrometheusFixture.fleet
        hosts.append(PrometheusFixture.host("DB-01", [PrometheusFixture.result("DB-01", "no-telnet", .error)]))
        let text = try PrometheusFixture.render(hosts)
        #expect(PrometheusFixture.sampleNames(text).filter { $0 == "hostcheck_rule_result" }.count == 6)
        #expect(text.contains("# hostcheck: host \"DB-01\" appears again; its 1 results are not exported"))
    }

    @Test func unparsableStartIsReported() throws {
        let text = try PrometheusFixture.render([], run: RunInfo(packs: [], rules: [], startedAt: "yesterday\n"))
        #expect(!text.contains("\nhostcheck_last_run_timestamp_seconds "))
        #expect(!text.contains("# TYPE hostcheck_last_run_timestamp_seconds"))
        #expect(text.contains("# hostcheck: run start \"yesterday\\n\" is not an ISO 8601 time"))
    }

    /// With `HOSTCHECK_REPORT_SAMPLES=DIR`, writes `DIR/sample.prom` for `scripts/check-prometheus.sh`.
    @Test func writesSampleWhenAsked() throws {
        guard let directory = ProcessInfo.processInfo.environment["HOSTCHECK_REPORT_SAMPLES"] else { return }
        var hosts = PrometheusFixture.fleet
        hosts.append(PrometheusFixture.host("DB-01", [PrometheusFixture.result("DB-01", "no-telnet", .error)]))
        try PrometheusFixture.render(hosts, duration: 0.0123).write(toFile: directory + "/sample.prom", atomically: true, encoding: .utf8)
    }
}
