import Foundation
import Testing
import HostCheckCore
@testable import HostCheckReporters

/// Human reports over fleets: failing hosts first, per-rule totals, caps that say what they hide.
@Suite struct FleetOrderTests {
    static let rules = ["magaya-3691-owner", "no-telnet", "sshd-up"]

    /// `count` passing hosts `host-000`…, then the only failing host `zz-bad` (sorts last).
    static func fleet(passing count: Int, failing: [String] = ["zz-bad"]) -> [HostResults] {
        func host(_ name: String, fail: Bool) -> HostResults {
            HostResults(host: HostInfo(name: name, platform: .windows, coverage: .full), results: rules.enumerated().map { index, rule in
                let outcome: Outcome = fail && index == 0 ? .fail : .pass
                return RuleResult(host: name, pack: "magaya-network", rule: rule, severity: .high, outcome: outcome,
                                  message: outcome == .fail ? "tcp 0.0.0.0:3691 is owned by nc64.exe (pid 6120)" : "ok",
                                  evidence: outcome == .fail ? [Evidence(socket: Samples.netstatSocket, processes: [Samples.ncProcess])] : [])
            })
        }
        let names = (0..<count).map { "host-" + String(repeating: "0", count: max(0, 3 - String($0).count)) + String($0) }
        return names.map { host($0, fail: false) } + failing.map { host($0, fail: true) }
    }

    static let run = RunInfo(
        generator: Generator(name: "hostcheck", version: "0.1.0"),
        packs: [PackInfo(id: "magaya-network", version: "1.0.0", sha256: String(repeating: "ab", count: 32), file: "builtin:magaya-network"),
                PackInfo(id: "site", version: "2.0.0", sha256: String(repeating: "cd", count: 32), file: "packs/site.yaml")],
        rules: rules.map { RuleInfo(pack: "magaya-network", id: $0, severity: .high) },
        startedAt: "2026-11-27T10:00:00Z")

    static func tinySpool() -> HostSpool { HostSpool(memoryLimit: 64) }

    @Test(arguments: [false, true])
    func textNamesTheOnlyFailingHostEarly(tiny: Bool) throws {
        let reporter = tiny ? TextReporter(options: ReporterOptions(), spool: Self.tinySpool()) : TextReporter(options: ReporterOptions())
        let text = try Samples.render(reporter, hosts: Self.fleet(passing: 150), run: Self.run)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(30).contains { $0.contains("zz-bad") })
        #expect(lines[0] == "hostcheck 0.1.0, 2 packs:")
        #expect(lines[1] == "  magaya-network 1.0.0  built-in  sha256 " + String(repeating: "ab", count: 32))
        #expect(lines[2] == "  site 2.0.0  packs/site.yaml  sha256 " + String(repeating: "cd", count: 32))
        #expect(text.contains("FAIL: 151 hosts: 1 failing, 0 error, 0 unknown, 150 passing\n  failing  zz-bad\n"))
        #expect(text.contains("  FAIL    high     magaya-network/magaya-3691-owner  1 fail: zz-bad\n"))
        let block = try #require(text.range(of: "zz-bad (windows)"))
        let firstPassing = try #require(text.range(of: "host-000 (windows)"))
        #expect(block.lowerBound < firstPassing.lowerBound, "the failing host's section comes first")
        #expect(text.hasSuffix("151 hosts, 3 rules: 452 pass, 1 fail, 0 unknown, 0 error, 0 skip, 0 waived\n"))
    }

    @Test func textVerboseListsEveryRule() throws {
        let text = try Samples.render(TextReporter(options: ReporterOptions(verbose: true)), hosts: Self.fleet(passing: 3), run: Self.run)
        #expect(text.contains("rules, by hosts:\n"))
        #expect(text.contains("  PASS    high     magaya-network/sshd-up  4 pass\n"))
        let quiet = try Samples.render(TextReporter(options: ReporterOptions()), hosts: Self.fleet(passing: 3), run: Self.run)
        #expect(!quiet.contains("magaya-network/sshd-up  4 pass"))
    }

    @Test func textCapsNamedHostsAndSaysWhereTheRestAre() throws {
        let failing = (0..<25).map { "bad-\($0)" }
        let text = try Samples.render(TextReporter(options: ReporterOptions()), hosts: Self.fleet(passing: 5, failing: failing), run: Self.run)
        #expect(text.contains("bad-9, … and 15 more (each has its section below)"))
        for name in failing { #expect(text.contains("\(name) (windows)")) }
    }

    @Test(arguments: [false, true])
    func markdownVerdictFirstAndNamesTheFailingHost(tiny: Bool) throws {
        let reporter = tiny ? MarkdownReporter(options: ReporterOptions(), spool: Self.tinySpool()) : MarkdownReporter(options: ReporterOptions())
        let markdown = try Samples.render(reporter, hosts: Self.fleet(passing: 150), run: Self.run)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "# ❌ hostcheck: FAIL — 1 of 151 hosts failing")
        #expect(lines.prefix(30).contains { $0.contains("`zz-bad`") })
        #expect(markdown.contains("- ❌ failing (1): `zz-bad`\n"))
        #expect(markdown.contains("| ❌ `magaya-network/magaya-3691-owner` | high | 1 | 0 | 0 | 0 | `zz-bad` |\n"))
        #expect(markdown.contains("- `magaya-network 1.0.0` `built-in`, sha256 `\(String(repeating: "ab", count: 32))`\n"))
        let table = try #require(markdown.range(of: "## Hosts, failing first"))
        let firstRow = try #require(markdown[table.upperBound...].range(of: "| ❌ `zz-bad` |"))
        let secondRow = try #require(markdown[table.upperBound...].range(of: "| ✅ `host-000` |"))
        #expect(firstRow.lowerBound < secondRow.lowerBound)
        #expect(markdown.contains("## ❌ `zz-bad` (windows)"))
        #expect(markdown.contains("| … 51 more: 0 failing, 0 error, 0 unknown, 51 passing |"))
        #expect(markdown.contains("Details of 131 more hosts (0 failing, 0 error, 0 unknown, 131 passing) are left out here"))
    }

    @Test func markdownSaysHowManyFailingHostsAreLeftOut() throws {
        let failing = (0..<130).map { "bad-\($0)" }
        let markdown = try Samples.render(MarkdownReporter(options: ReporterOptions()), hosts: Self.fleet(passing: 10, failing: failing), run: Self.run)
        #expect(markdown.contains("- ❌ failing (130): `bad-0`"))
        #expect(markdown.contains("… and 120 more (every host is in the text, HTML, JSON and CSV reports"))
        #expect(markdown.contains("| … 40 more: 30 failing, 0 error, 0 unknown, 10 passing |"))
        #expect(markdown.contains("Details of 120 more hosts (110 failing, 0 error, 0 unknown, 10 passing)"))
    }

    @Test(arguments: [1, 10, 25])
    func githubAnnotationsAreCapped(cap: Int) throws {
        let failing = (0..<2_000).map { "bad-\($0)" }
        var hosts = Self.fleet(passing: 0, failing: failing)
        for index in hosts.indices where index % 3 == 0 {
            hosts[index].results[2].outcome = .unknown
        }
        let text = try Samples.render(GitHubReporter(options: ReporterOptions(maxAnnotations: cap)), hosts: hosts, run: Self.run)
        let lines = text.split(separator: "\n")
        let annotations = lines.filter { $0.hasPrefix("::error") || $0.hasPrefix("::warning") }
        #expect(annotations.count <= cap)
        #expect(lines.filter { $0.hasPrefix("::notice") }.count == 1)
        let notice = try #require(lines.last)
        #expect(notice.contains("2667 findings as \(annotations.count) annotation"))
        if cap >= 2 {
            #expect(annotations.first?.hasPrefix("::error title=magaya-network/magaya-3691-owner on 2000 hosts::magaya-network/magaya-3691-owner: 2000 fail (hosts); fail on bad-0, bad-1, bad-2, …") == true)
        } else {
            #expect(annotations.first?.contains("more rules or diagnostics need attention") == true)
        }
    }

    @Test func githubWithinTheCapAnnotatesEachFinding() throws {
        let text = try Samples.render(GitHubReporter(options: ReporterOptions()), hosts: Self.fleet(passing: 3, failing: ["x", "y"]), run: Self.run)
        let lines = text.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("::error file=netstat.txt,line=8,title=magaya-network/magaya-3691-owner on ") }.count == 2)
        #expect(lines.last == "::notice title=hostcheck::5 hosts, 3 rules: 13 pass, 2 fail, 0 unknown, 0 error, 0 skip, 0 waived; 2 annotations")
    }

    @Test(arguments: [false, true])
    func htmlPutsTheFailingHostFirstAndCollapsesPassingHosts(tiny: Bool) throws {
        let reporter = tiny ? HTMLReporter(options: ReporterOptions(), spool: Self.tinySpool()) : HTMLReporter(options: ReporterOptions())
        let html = try Samples.render(reporter, hosts: Self.fleet(passing: 150), run: Self.run)
        #expect(html.contains("<title>hostcheck: FAIL — 1 of 151 hosts failing</title>"))
        let named = try #require(html.range(of: "<a href=\"#h150\">zz-bad</a>"))
        let rules = try #require(html.range(of: "id=\"rules\""))
        #expect(named.lowerBound < rules.lowerBound, "the failing host is named before the chart")
        #expect(html.contains("<section class=\"host\" id=\"h150\" data-host=\"zz-bad\""))
        #expect(!html.contains("<section class=\"host\" id=\"h0\""), "passing hosts get no section")
        #expect(html.contains("<tr id=\"h0\" data-host=\"host-000\"><th scope=\"row\">host-000</th>"))
        #expect(html.contains("<tr id=\"h1\" data-host=\"host-001\"><th scope=\"row\">host-001</th><td>windows</td><td class=\"num\">3</td><td class=\"num\">0</td><td>same as above</td></tr>"))
        #expect(html.components(separatedBy: "<td><code>tcp=full").count - 1 == 1, "the coverage line is written once for identical rows")
        #expect(html.contains("<h2 id=\"passing-title\">Passing hosts (150)</h2>"))
        #expect(html.contains("<tr data-host=\"zz-bad\"><th scope=\"row\"><a href=\"#h150\""))
        #expect(html.components(separatedBy: "<tr data-host=").count - 1 == 1, "only hosts needing attention are in the matrix")
        // The chart draws with presentation attributes alone.
        let svg = try #require(html.range(of: "<svg class=\"chart\"")).lowerBound
        let svgEnd = try #require(html.range(of: "</svg>")).upperBound
        let chart = html[svg..<svgEnd]
        #expect(!chart.contains("style="))
        #expect(chart.contains("fill=\"#c62828\""))
        #expect(!html.contains(" style=\""), "nothing depends on inline style attributes")
        let ids = HTMLIDs.values("id", in: html)
        #expect(Set(ids).count == ids.count)
        for link in HTMLIDs.values("href", in: html) { #expect(ids.contains(String(link.dropFirst())), "dangling \(link)") }
    }

    @Test func htmlListsHostsPastTheSectionLimitByRow() throws {
        let failing = (0..<(HTMLReporter.sectionLimit + 5)).map { "bad-\($0)" }
        let html = try Samples.render(HTMLReporter(options: ReporterOptions(), spool: Self.tinySpool()), hosts: Self.fleet(passing: 2, failing: failing), run: Self.run)
        #expect(html.components(separatedBy: "<section class=\"host\"").count - 1 == HTMLReporter.sectionLimit)
        #expect(html.contains("<h3 id=\"more-hosts\">5 more hosts needing attention (5 failing), one row each</h3>"))
        let last = HTMLReporter.sectionLimit + 4
        #expect(html.contains("<tr id=\"h\(last + 2)\" data-host=\"bad-\(last)\"><th scope=\"row\">bad-\(last)</th><td>windows</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td><td>FAIL magaya-network/magaya-3691-owner</td></tr>"))
        #expect(html.contains("5 more hosts needing attention (5 failing) are not in the matrix"))
        let ids = HTMLIDs.values("id", in: html)
        #expect(Set(ids).count == ids.count)
        let known = Set(ids)
        for link in HTMLIDs.values("href", in: html) { #expect(known.contains(String(link.dropFirst())), "dangling \(link)") }
    }

    @Test func htmlStaysSmallAtTenThousandHosts() throws {
        let html = try Samples.render(HTMLReporter(options: ReporterOptions()), hosts: Self.fleet(passing: 9_990, failing: (0..<10).map { "bad-\($0)" }), run: Self.run)
        #expect(html.utf8.count < 3_000_000, "\(html.utf8.count) bytes")
        #expect(html.contains("Passing hosts (9990)"))
    }
}

/// Attribute values of an HTML text.
enum HTMLIDs {
    static func values(_ name: String, in html: String) -> [String] {
        html.components(separatedBy: " \(name)=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
    }
}
