import Foundation
import Testing
import HostCheckCore
@testable import HostCheckReporters

/// A noncharacter such as U+FFFE, which Swift string literals refuse.
private func nonCharacter(_ value: UInt32) -> String {
    Unicode.Scalar(value).map { String(Character($0)) } ?? ""
}

/// Hand-built runs for the HTML reporter tests.
private enum HTMLFixture {
    static let hostile = "<script>alert('x')</script>\"&\u{1B}[31m\n\u{202E}evil" + nonCharacter(0xFFFE) + "\u{0}"

    static let run = RunInfo(
        packs: [PackInfo(id: "magaya-network", version: "1.0.0", sha256: String(repeating: "ab", count: 32), file: "rules/magaya.yaml")],
        rules: [
            RuleInfo(pack: "magaya-network", id: "magaya-3691-owner", title: "Only Magaya may listen on 3691", severity: .high),
            RuleInfo(pack: "magaya-network", id: "no-telnet", severity: .critical),
        ],
        startedAt: "2026-11-27T10:00:00Z")

    static func socket(port: Int, line: Int, pids: [Int] = [6120], ownership: Ownership = .owned) -> SocketFact {
        SocketFact(protocol: .tcp, family: .ipv4, localAddress: "0.0.0.0", localPort: port, state: .listening,
                   ownership: ownership, pids: pids, source: SourceLocation(file: "netstat.txt", line: line))
    }

    static func failing(host: String, processName: String) -> RuleResult {
        let process = ProcessFact(pid: 6120, name: processName, cmdline: processName + " -l -p 3691",
                                  source: SourceLocation(file: "tasklist.csv", line: 9))
        return RuleResult(
            host: host, pack: "magaya-network", rule: "magaya-3691-owner", title: "Only Magaya may listen on 3691",
            severity: .high, tags: ["iana"], outcome: .fail,
            message: "tcp 0.0.0.0:3691 is owned by \(processName) (pid 6120), expected magaya*",
            evidence: [Evidence(socket: socket(port: 3691, line: 8), processes: [process], note: "owner name does not match")],
            evidenceTotal: 3, remediation: "Stop the process")
    }

    static func waived(host: String) -> RuleResult {
        RuleResult(host: host, pack: "magaya-network", rule: "no-telnet", severity: .critical, outcome: .waived,
                   message: "tcp 0.0.0.0:23 is listening", waivedOutcome: .fail,
                   waiver: AppliedWaiver(reason: "migration SEC-1234", expires: "2027-01-31",
                                         location: SourceLocation(file: "waivers.yaml", line: 3)),
                   evidence: [Evidence(socket: socket(port: 23, line: 5, pids: [], ownership: .unknown))])
    }

    static func passing(host: String, rule: String) -> RuleResult {
        RuleResult(host: host, pack: "magaya-network", rule: rule, severity: .critical, outcome: .pass, message: "nothing selected")
    }

    static func host(_ name: String, _ results: [RuleResult]) -> HostResults {
        HostResults(host: HostInfo(name: name, platform: .windows, coverage: .full), results: results,
                    diagnostics: [Diagnostic(.warning, "line not understood", at: SourceLocation(file: "netstat.txt", line: 2))])
    }

    static func render(_ hosts: [HostResults], run: RunInfo = run, verbose: Bool = false) throws -> String {
        var reporter = HTMLReporter(options: ReporterOptions(verbose: verbose))
        var out = ""
        var counts = OutcomeCounts()
        for host in hosts { for result in host.results { counts.add(result.outcome) } }
        try reporter.begin(run, to: &out)
        for host in hosts { try reporter.host(host, to: &out) }
        try reporter.end(Summary(hosts: hosts.count, rules: run.rules.count, counts: counts, durationSeconds: 0.25), to: &out)
        return out
    }

    static var fleet: [HostResults] {
        [
            host("wh-berlin-02", [failing(host: "wh-berlin-02", processName: "nc64.exe"), waived(host: "wh-berlin-02")]),
            host(hostile, [failing(host: hostile, processName: hostile), passing(host: hostile, rule: "no-telnet")]),
            host("db-01", [passing(host: "db-01", rule: "magaya-3691-owner")]),
        ]
    }

    /// Every `attribute="value"` in `html`.
    static func attributeValues(_ name: String, in html: String) -> [String] {
        html.components(separatedBy: " \(name)=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
    }
}

@Suite struct HTMLReporterTests {
    @Test(arguments: [
        ("plain nc64.exe", "plain nc64.exe"),
        ("<script>", "&lt;script&gt;"),
        ("a&b \"q\" 'r'", "a&amp;b &quot;q&quot; &#39;r&#39;"),
        ("line\nbreak\u{1B}[2J", "line\\u{a}break\\u{1b}[2J"),
        ("\u{202E}exe.txt", "\\u{202e}exe.txt"),
        ("nul\u{0}del\u{7F}c1\u{85}", "nul\\u{0}del\\u{7f}c1\\u{85}"),
        ("non" + nonCharacter(0xFFFE) + "char" + nonCharacter(0xFDD0), "non\\u{fffe}char\\u{fdd0}"),
        ("Grüße 日本 \u{FFFD}", "Grüße 日本 \u{FFFD}"),
    ])
    func escapesText(input: String, expected: String) {
        #expect(Markup.escape(input) == expected)
    }

    @Test func hostileNamesComeOutEscaped() throws {
        let html = try HTMLFixture.render(HTMLFixture.fleet)
        #expect(html.components(separatedBy: "<script").count == 2, "only the report's own script element")
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;\\u{1b}[31m\\u{a}\\u{202e}evil\\u{fffe}\\u{0}"))
        for scalar in html.unicodeScalars {
            #expect(!TerminalText.isControl(scalar) || scalar == "\n", "raw U+\(String(scalar.value, radix: 16)) in output")
        }
    }

    @Test func selfContainedWithoutFetches() throws {
        let html = try HTMLFixture.render(HTMLFixture.fleet)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        #expect(!html.contains(" src="))
        #expect(HTMLFixture.attributeValues("href", in: html).allSatisfy { $0.hasPrefix("#") })
        for tag in ["section", "details", "table", "main", "ul"] {
            #expect(html.components(separatedBy: "<\(tag)").count == html.components(separatedBy: "</\(tag)>").count, "balanced <\(tag)>")
        }
    }

    @Test func multiHostMatrixLinksToExistingResults() throws {
        let html = try HTMLFixture.render(HTMLFixture.fleet)
        #expect(html.contains("id=\"matrix\""))
        let ids = Set(HTMLFixture.attributeValues("id", in: html))
        let links = HTMLFixture.attributeValues("href", in: html).map { String($0.dropFirst()) }
        #expect(links.count >= 6)
        for link in links { #expect(ids.contains(link), "dangling link #\(link)") }
        #expect(ids.count == HTMLFixture.attributeValues("id", in: html).count, "ids are unique")
        // db-01 passes everything: it is in the passing hosts' table, not the matrix.
        #expect(html.contains("<tr id=\"h2\" data-host=\"db-01\"><th scope=\"row\">db-01</th><td>windows</td><td class=\"num\">1</td>"))
        #expect(!html.contains("<tr data-host=\"db-01\">"))
        #expect(html.contains(">FAIL</a>") && html.contains(">WAIV</a>") && html.contains(">PASS</a>"))
    }

    @Test func matrixGrowsForUnlistedRulesAndKeepsIdsUnique() throws {
        let extra = RuleResult(host: "a", pack: "other", rule: "extra-rule", severity: .low, outcome: .unknown, message: "u")
        let html = try HTMLFixture.render([
            HTMLFixture.host("a", [HTMLFixture.failing(host: "a", processName: "x"), extra, extra]),
            HTMLFixture.host("b", [RuleResult(host: "b", pack: "magaya-network", rule: "no-telnet", severity: .low, outcome: .unknown, message: "u")]),
        ])
        #expect(html.contains("title=\"other/extra-rule\"><span>extra-rule</span></th>"))
        #expect(html.contains("href=\"#r0-2\" title=\"a · other/extra-rule: unknown\">UNKN</a>"))
        let afterRowB = try #require(html.components(separatedBy: "<tr data-host=\"b\"><th scope=\"row\"><a href=\"#h1\"").last)
        let rowB = try #require(afterRowB.components(separatedBy: "</tr>").first)
        #expect(rowB.components(separatedBy: "not evaluated").count - 1 == 2, "b has no result for rules 0 and 2")
        let ids = HTMLFixture.attributeValues("id", in: html)
        #expect(Set(ids).count == ids.count, "the repeated result gets no second id")
        #expect(html.components(separatedBy: "<details class=\"result o-unknown\"").count == 4, "both repeats of a, and b's, are shown")
    }

    @Test func singleHostHasNoMatrix() throws {
        let html = try HTMLFixture.render([HTMLFixture.fleet[0]])
        #expect(!html.contains("id=\"matrix\""))
        #expect(html.contains("id=\"summary\""))
    }

    @Test func showsEvidenceWaiverAndCounts() throws {
        let html = try HTMLFixture.render(HTMLFixture.fleet)
        #expect(html.contains("<code>tcp 0.0.0.0:3691</code>"))
        #expect(html.contains("<strong>nc64.exe</strong> <span class=\"pid\">pid 6120</span>"))
        #expect(html.contains("netstat.txt:8"))
        #expect(html.contains("tasklist.csv:9"))
        #expect(html.contains("… and 2 more pieces of evidence not shown"))
        #expect(html.contains("Waived (was fail):</strong> migration SEC-1234"))
        #expect(html.contains("expires 2027-01-31"))
        #expect(html.contains("<em>unknown owner</em>"))
        #expect(html.contains("netstat.txt:2: warning: line not understood"))
        #expect(html.contains("<span class=\"n\">2</span> <span class=\"w\">failed</span>"))
        #expect(html.contains("<span class=\"n\">1</span> <span class=\"w\">waived</span>"))
        #expect(html.contains("<span class=\"verdict-word\">FAIL</span>"))
    }

    @Test func passesFoldUnlessVerbose() throws {
        let quiet = try HTMLFixture.render(HTMLFixture.fleet)
        #expect(quiet.contains("<details class=\"folded\"><summary>1 passed</summary>"))
        #expect(!quiet.contains("<details class=\"result o-pass\""), "folded passes are one line each")
        #expect(quiet.contains("<li id=\"r1-1\"><span class=\"badge o-pass\">PASS</span>"))
        let verbose = try HTMLFixture.render(HTMLFixture.fleet, verbose: true)
        #expect(!verbose.contains("class=\"folded\""))
        #expect(verbose.contains("<details class=\"result o-pass\""))
    }

    /// With `HOSTCHECK_REPORT_SAMPLES=DIR`, writes `DIR/sample.html` (a fleet of 24 hosts and
    /// 14 rules with every outcome) and `DIR/sample-single.html` for `scripts/check-html.sh`.
    @Test func writesSampleWhenAsked() throws {
        guard let directory = ProcessInfo.processInfo.environment["HOSTCHECK_REPORT_SAMPLES"] else { return }
        let extraRules = ["sshd-up", "no-rdp-exposed", "smb-is-kernel", "databases-loopback-only", "listener-allowlist",
                          "no-ftp", "no-vnc", "dns-resolver-local", "ntp-client-only", "no-x11", "snmp-read-only", "winrm-https-only"]
        var run = HTMLFixture.run
        run.rules += extraRules.map { RuleInfo(pack: "baseline", id: $0, severity: .medium) }
        let outcomes: [Outcome] = [.pass, .pass, .pass, .fail, .pass, .unknown, .pass, .skip, .pass, .error, .pass, .waived, .pass]
        var hosts = HTMLFixture.fleet
        for index in 0..<21 {
            let name = index % 2 == 0 ? "wh-\(index)-hamburg.example.internal" : "srv\(index)"
            var results = [
                index % 3 == 0 ? HTMLFixture.failing(host: name, processName: "svc\(index).exe") : HTMLFixture.passing(host: name, rule: "magaya-3691-owner"),
                index % 4 == 0 ? HTMLFixture.waived(host: name) : HTMLFixture.passing(host: name, rule: "no-telnet"),
            ]
            for (ruleIndex, rule) in extraRules.enumerated() where (index + ruleIndex) % 17 != 0 {
                let outcome = outcomes[(index * 7 + ruleIndex * 3) % outcomes.count]
                results.append(RuleResult(host: name, pack: "baseline", rule: rule, severity: .medium, outcome: outcome,
                                          message: "\(rule) is \(outcome.rawValue) on \(name)"))
            }
            hosts.append(HTMLFixture.host(name, results))
        }
        try HTMLFixture.render(hosts, run: run).write(toFile: directory + "/sample.html", atomically: true, encoding: .utf8)
        try HTMLFixture.render([hosts[0]]).write(toFile: directory + "/sample-single.html", atomically: true, encoding: .utf8)
    }
}
