import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct TAPReporterTests {
    private func render(_ hosts: [HostResults]) throws -> String {
        try Samples.render(TAPReporter(options: ReporterOptions()), hosts: hosts)
    }

    @Test func testPointPerResultWithTrailingPlan() throws {
        let tap = try render([Samples.hostResults])
        let lines = tap.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "TAP version 13")
        #expect(lines[1] == "# pack magaya-network 1.0.0 rules/magaya-network.yaml sha256:" + String(repeating: "ab", count: 32))
        #expect(lines.dropLast().last == "1..6")
        let points = lines.filter { $0.hasPrefix("ok ") || $0.hasPrefix("not ok ") }
        #expect(points.count == 6)
        #expect(points.filter { $0.hasPrefix("not ok") }.count == 2)
        #expect(points.filter { $0.contains(" # SKIP ") }.count == 2)
        #expect(points.contains("ok 2 - base/no-telnet on wh-berlin-02: No telnet # SKIP waived fail: migration, ticket SEC-1234 (expires 2027-01-31)"))
        #expect(tap.contains("""
        not ok 3 - magaya-network/magaya-3691-owner on wh-berlin-02: Only Magaya may listen on port 3691
          ---
          outcome: fail
          severity: high
          message: "tcp 0.0.0.0:3691 is owned by nc64.exe (pid 6120), expected magaya*"
          evidence:
            - "tcp 0.0.0.0:3691  pid 6120 nc64.exe  netstat.txt:8"
          remediation: "Find the process with `hostcheck facts --port 3691` and stop it."
          ...
        """))
        #expect(tap.contains("# netstat.txt:21:1: warning: line not understood\n"))
    }

    @Test func numbersContinueAcrossHosts() throws {
        let tap = try render([Samples.hostResults, Samples.hostResults])
        #expect(tap.contains("\nok 12 - magaya-network/pass-b on wh-berlin-02"))
        #expect(tap.hasSuffix("1..12\n"))
    }

    @Test func emptyRunSkipsThePlan() throws {
        #expect(try render([]).hasSuffix("1..0 # SKIP no rule was evaluated\n"))
    }

    @Test func hostileTextCannotForgeLinesOrDirectives() throws {
        var hostile = Samples.hostileHost
        hostile.results[0].title = "x\nok 99 - forged # TODO"
        let tap = try render([hostile])
        #expect(!tap.contains("\nok 99"))
        #expect(tap.contains("\\u{23} TODO"))
        #expect(!tap.unicodeScalars.contains { $0.value == 0x1B })
        for line in tap.split(separator: "\n") where line.hasPrefix("not ok") {
            #expect(!line.contains("#"))
        }
    }

    /// A `#` anywhere in a description or reason would start a directive for tappy (which reads
    /// even `\#` as one), so it is written as the visible `\u{23}`; a title or skip reason with
    /// `# TODO` cannot turn a failure into a TODO or a pass into a skip.
    @Test(arguments: ["x # TODO later", "x \\# SKIP", "#", "a#b"])
    func hashSignsNeverReachTheLine(title: String) throws {
        var host = Samples.hostResults
        host.results = host.results.map { result in
            var changed = result
            changed.title = title
            if changed.outcome == .skip { changed.message = title }
            return changed
        }
        let tap = try render([host])
        for line in tap.split(separator: "\n") where line.hasPrefix("ok") || line.hasPrefix("not ok") {
            let directive = line.range(of: " # SKIP ").map { line[..<$0.lowerBound] } ?? line[...]
            #expect(!directive.contains("#"), "\(line)")
            #expect(line.components(separatedBy: " # ").count <= 2, "\(line)")
        }
        #expect(tap.contains("\\u{23}"))
    }
}
