import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct NagiosReporterTests {
    @Test func statusLineLongOutputAndPerfdata() throws {
        let text = try Samples.render(NagiosReporter(options: ReporterOptions()), hosts: [Samples.hostResults])
        #expect(text == """
        HOSTCHECK CRITICAL - 1 failed, 1 unknown | fail=1;;; unknown=1;;; pass=2;;; error=0;;; skip=1;;; waived=1;;;
        [fail] high magaya-network/magaya-3691-owner on wh-berlin-02: tcp 0.0.0.0:3691 is owned by nc64.exe (pid 6120), expected magaya*
        [unknown] low base/sshd-up on wh-berlin-02: owner of tcp 0.0.0.0:22 is unknown
        1 host, 6 rules: 2 pass, 1 fail, 1 unknown, 0 error, 1 skip, 1 waived | hosts=1;;; duration=0.25s;;;

        """)
    }

    private static func results(_ outcomes: [(Outcome, Severity)]) -> [RuleResult] {
        outcomes.enumerated().map { Samples.result("r\($0.offset)", $0.element.0, severity: $0.element.1) }
    }

    @Test(arguments: [
        ([], NagiosStatus.ok),
        ([(Outcome.pass, Severity.critical), (.skip, .high), (.waived, .critical)], .ok),
        ([(.unknown, .low)], .unknown),
        ([(.error, .info), (.pass, .low)], .unknown),
        ([(.fail, .medium), (.unknown, .critical)], .warning),
        ([(.fail, .low), (.fail, .high)], .critical),
        ([(.fail, .critical)], .critical),
    ] as [([(Outcome, Severity)], NagiosStatus)])
    func statusMapping(outcomes: [(Outcome, Severity)], expected: NagiosStatus) throws {
        var tally = NagiosTally()
        for result in Self.results(outcomes) { tally.add(result) }
        #expect(tally.status == expected)
        let host = HostResults(host: Samples.windowsHost, results: Self.results(outcomes))
        let text = try Samples.render(NagiosReporter(options: ReporterOptions()), hosts: [host])
        #expect(text.hasPrefix("HOSTCHECK \(expected.label) - "))
    }

    @Test func exitCodes() {
        #expect(NagiosStatus.allCases.map(\.exitCode) == [0, 1, 2, 3])
        #expect(NagiosStatus.of(worstFailure: nil, unknownOrError: false) == .ok)
        #expect(NagiosStatus.of(worstFailure: .high, unknownOrError: true) == .critical)
    }

    @Test func longOutputIsCappedAndHostileTextNeutralised() throws {
        var host = Samples.hostileHost
        host.results[0].message = "x | evil=1;;;\n\u{1B}[31m"
        host.results += (0..<60).map { Samples.result("many\($0)", .unknown) }
        let text = try Samples.render(NagiosReporter(options: ReporterOptions()), hosts: [host])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 1 + NagiosReporter.longOutputLimit + 1 + 1 + 1)
        #expect(text.contains("… and 11 more\n"))
        #expect(lines[1].contains("x ¦ evil=1;;;\\u{a}\\u{1b}[31m"))
        #expect(text.split(separator: "|").count == 3)
    }
}
