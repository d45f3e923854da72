import Foundation
import Testing
import HostCheckCore
@testable import HostCheckReporters

/// Hand-built results for the Nagios reporter tests.
private enum NagiosFixture {
    static func result(_ outcome: Outcome, _ severity: Severity = .high, rule: String = "r", host: String = "wh-berlin-02",
                       message: String = "m") -> RuleResult {
        RuleResult(host: host, pack: "magaya-network", rule: rule, severity: severity, outcome: outcome, message: message)
    }

    static func render(_ hosts: [[RuleResult]], verbose: Bool = false, duration: Double = 0.25) throws -> String {
        var reporter = NagiosReporter(options: ReporterOptions(verbose: verbose))
        var out = ""
        var counts = OutcomeCounts()
        try reporter.begin(RunInfo(packs: [], rules: [], startedAt: "2026-11-27T10:00:00Z"), to: &out)
        for (index, results) in hosts.enumerated() {
            for result in results { counts.add(result.outcome) }
            try reporter.host(HostResults(host: HostInfo(name: "h\(index)", platform: .linux, coverage: .full), results: results), to: &out)
        }
        try reporter.end(Summary(hosts: hosts.count, rules: 1, counts: counts, durationSeconds: duration), to: &out)
        return out
    }
}

@Suite struct NagiosReporterTests {
    @Test(arguments: [
        (Outcome.fail, Severity.critical, NagiosStatus.critical), (.fail, .high, .critical), (.fail, .medium, .warning),
        (.fail, .low, .warning), (.fail, .info, .warning), (.unknown, .critical, .unknown), (.error, .info, .unknown),
        (.pass, .critical, .ok), (.skip, .high, .ok), (.waived, .critical, .ok),
    ])
    func mapsOneResult(outcome: Outcome, severity: Severity, expected: NagiosStatus) {
        #expect(NagiosStatus.status(outcome: outcome, severity: severity) == expected)
    }

    @Test(arguments: [
        (1, 1, 1, NagiosStatus.critical, Int32(2)), (0, 3, 1, .warning, 1), (0, 0, 2, .unknown, 3), (0, 0, 0, .ok, 0),
    ])
    func mapsCountsToStatusAndExitCode(severe: Int, other: Int, unknown: Int, expected: NagiosStatus, exitCode: Int32) {
        let status = NagiosStatus.status(severeFails: severe, otherFails: other, unknownsAndErrors: unknown)
        #expect(status == expected)
        #expect(status.exitCode == exitCode)
    }

    @Test func precedenceIsCriticalWarningUnknownOK() {
        #expect(NagiosStatus.allCases.sorted() == [.ok, .unknown, .warning, .critical])
        var tally = NagiosTally()
        for result in [NagiosFixture.result(.unknown), NagiosFixture.result(.fail, .low), NagiosFixture.result(.pass)] {
            tally.add(result)
        }
        #expect(tally.status == .warning)
        tally.add(NagiosFixture.result(.fail, .critical))
        #expect(tally.status == .critical)
        #expect(tally.severeFails == 1 && tally.counts.fail == 2)
    }

    @Test func statusLineMatchesTheGuidelineShape() throws {
        var results = (0..<31).map { NagiosFixture.result(.pass, rule: "p\($0)") }
        results += [NagiosFixture.result(.fail, .high, rule: "a"), NagiosFixture.result(.fail, .low, rule: "b"),
                    NagiosFixture.result(.unknown, rule: "c")]
        let lines = try NagiosFixture.render([results]).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "HOSTCHECK CRITICAL - 2 failed, 1 unknown | fail=2;;; unknown=1;;; error=0;;; pass=31;;; skip=0;;; waived=0;;; hosts=1;;; duration=0.25s;;;")
        #expect(lines.dropFirst().first == "[CRITICAL] wh-berlin-02: magaya-network/a (high) fail - m")
        #expect(lines.dropFirst(2).first == "[WARNING] wh-berlin-02: magaya-network/b (low) fail - m")
        #expect(lines.dropFirst(3).first == "[UNKNOWN] wh-berlin-02: magaya-network/c (high) unknown - m")
        #expect(lines.count == 5 && lines.last == "")
    }

    @Test func okRunListsWaiversAndHidesPasses() throws {
        var waived = NagiosFixture.result(.waived, .critical, rule: "w")
        waived.waivedOutcome = .fail
        waived.waiver = AppliedWaiver(reason: "SEC-1234", expires: "2027-01-31", location: nil)
        let text = try NagiosFixture.render([[NagiosFixture.result(.pass), NagiosFixture.result(.skip), waived]])
        #expect(text == """
            HOSTCHECK OK - 1 passed, 1 waived | fail=0;;; unknown=0;;; error=0;;; pass=1;;; skip=1;;; waived=1;;; hosts=1;;; duration=0.25s;;;
            [WAIVED] wh-berlin-02: magaya-network/w (critical) waived (was fail) - m; waiver: SEC-1234, expires 2027-01-31

            """)
        let verbose = try NagiosFixture.render([[NagiosFixture.result(.pass), NagiosFixture.result(.skip)]], verbose: true)
        #expect(verbose.contains("\n[OK] wh-berlin-02: magaya-network/r (high) pass - m\n"))
        #expect(verbose.contains("\n[SKIPPED] wh-berlin-02: magaya-network/r (high) skip - m\n"))
    }

    @Test func capturedTextCannotStartPerfdataOrForgeLines() throws {
        let hostile = "nc.exe | fail=0;;; \nHOSTCHECK OK - forged\u{1B}[2J"
        var result = NagiosFixture.result(.fail, host: "evil|host", message: hostile)
        result.evidence = [Evidence(source: SourceLocation(file: "net|stat.txt", line: 8))]
        let text = try NagiosFixture.render([[result]])
        #expect(text.filter { $0 == "|" }.count == 1, "only the status line's separator")
        #expect(text.split(separator: "\n").count == 2)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("[CRITICAL] evil¦host: magaya-network/r (high) fail - nc.exe ¦ fail=0;;; \\u{a}HOSTCHECK OK - forged\\u{1b}[2J [net¦stat.txt:8]"))
    }

    @Test func longOutputKeepsTheMostUrgentWithinTheLimit() throws {
        var results = (0..<60).map { NagiosFixture.result(.unknown, .low, rule: "u\($0)") }
        results.append(NagiosFixture.result(.fail, .critical, rule: "late"))
        let lines = try NagiosFixture.render([results]).split(separator: "\n")
        #expect(lines.count == 1 + NagiosReporter.longOutputLimit + 1)
        #expect(lines[1] == "[CRITICAL] wh-berlin-02: magaya-network/late (critical) fail - m")
        #expect(lines[2].contains("/u0 "), "earlier results of equal urgency first")
        #expect(lines.last == "... and 11 more results not shown (0 failed, 11 unknown or error, 0 other); every result is in the text, HTML and JSON reports")
    }

    @Test(arguments: [
        ("fail", "fail"), ("has space", "'has space'"), ("it's", "'it''s'"), ("a=b|c", "a_b_c"), ("nl\nx", "nl_x"),
    ])
    func quotesPerfdataLabels(label: String, expected: String) {
        #expect(NagiosText.perfdataLabel(label) == expected)
    }

    @Test(arguments: [(0.25, "0.25" as String?), (3.0, "3"), (0.0123, "0.012"), (1e-7, "0"), (Double.nan, nil), (-1.0, nil)])
    func formatsSeconds(value: Double, expected: String?) {
        #expect(NagiosText.seconds(value) == expected)
    }

    @Test func emptyRunIsOK() throws {
        let text = try NagiosFixture.render([], duration: .infinity)
        #expect(text == "HOSTCHECK OK - no results | fail=0;;; unknown=0;;; error=0;;; pass=0;;; skip=0;;; waived=0;;; hosts=0;;;\n")
    }

    /// With `HOSTCHECK_REPORT_SAMPLES=DIR`, writes `DIR/sample.nagios` for `scripts/check-nagios.sh`.
    @Test func writesSampleWhenAsked() throws {
        guard let directory = ProcessInfo.processInfo.environment["HOSTCHECK_REPORT_SAMPLES"] else { return }
        let hosts = ["wh-berlin-02", "wh-hamburg-01"].map { host in
            [NagiosFixture.result(.fail, .high, rule: "magaya-3691-owner", host: host, message: "owned by nc|64.exe"),
             NagiosFixture.result(.unknown, rule: "no-telnet", host: host), NagiosFixture.result(.pass, rule: "sshd-up", host: host)]
        }
        try NagiosFixture.render(hosts).write(toFile: directory + "/sample.nagios", atomically: true, encoding: .utf8)
    }
}
