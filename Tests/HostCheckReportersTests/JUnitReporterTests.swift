import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct JUnitReporterTests {
    private func render(_ hosts: [HostResults]) throws -> String {
        try Samples.render(JUnitReporter(options: ReporterOptions()), hosts: hosts)
    }

    @Test func suitePerHostCasePerRuleWithCounts() throws {
        let xml = try render([Samples.hostResults])
        let check = try #require(XMLCheck.parse(xml))
        let suite = try #require(check.named("testsuite").first)
        #expect(suite.attributes["name"] == "wh-berlin-02")
        #expect(suite.attributes["tests"] == "6")
        #expect(suite.attributes["failures"] == "1")
        #expect(suite.attributes["errors"] == "1")
        #expect(suite.attributes["skipped"] == "2")
        let cases = check.named("testcase")
        #expect(cases.count == 6)
        #expect(Set(cases.compactMap { $0.attributes["classname"] }) == ["wh-berlin-02.magaya-network", "wh-berlin-02.base"])
        let packs = check.named("property").filter { $0.attributes["name"] == "pack" }.compactMap { $0.attributes["value"] }
        #expect(packs == ["magaya-network 1.0.0 rules/magaya-network.yaml sha256:" + String(repeating: "ab", count: 32)])
        let failure = try #require(check.named("failure").first)
        #expect(failure.attributes["type"] == "high")
        #expect(failure.attributes["message"] == Samples.failing.message)
        #expect(failure.text.contains("tcp 0.0.0.0:3691  pid 6120 nc64.exe  netstat.txt:8"))
        #expect(check.named("error").first?.attributes["type"] == "unknown")
        let skipped = check.named("skipped").map { $0.attributes["message"] ?? "" }
        #expect(skipped.contains("waived fail: migration, ticket SEC-1234 (expires 2027-01-31)"))
        #expect(check.named("system-err").first?.text.contains("netstat.txt:21:1: warning: line not understood") == true)
    }

    @Test(arguments: [0, 1, 4])
    func wellFormedForAnyNumberOfHosts(count: Int) throws {
        let xml = try render(Array(repeating: Samples.hostResults, count: count))
        let check = try #require(XMLCheck.parse(xml))
        #expect(check.named("testsuites").count == 1)
        #expect(check.named("testsuite").count == count)
    }

    /// Jenkins and GitLab key a case by (classname, name): every host's cases stay apart, a
    /// repeated host name (compared case-insensitively) included.
    @Test func classnameCarriesTheHostSoCasesOfAFleetStayApart() throws {
        func host(_ name: String) -> HostResults {
            var results = Samples.hostResults
            results.host.name = name
            results.results = results.results.map { var r = $0; r.host = name; return r }
            return results
        }
        let names = ["web-1", "web-2", "db.example.com", "WEB-1", "web-1"]
        let xml = try render(names.map(host))
        let check = try #require(XMLCheck.parse(xml))
        let cases = check.named("testcase")
        let pairs = cases.map { "\($0.attributes["classname"] ?? "")|\($0.attributes["name"] ?? "")" }
        #expect(cases.count == 30)
        #expect(Set(pairs).count == 30)
        let classnames = Set(cases.compactMap { $0.attributes["classname"] })
        #expect(classnames.isSuperset(of: [
            "web-1.magaya-network", "web-2.base", "db.example.com.base", "WEB-1 (2).base", "web-1 (3).magaya-network",
        ]))
    }

    @Test func hostileTextIsEscaped() throws {
        let xml = try render([Samples.hostileHost])
        #expect(!xml.contains("<script>"))
        #expect(!xml.contains("]]>"))
        #expect(!xml.unicodeScalars.contains { $0.value == 0x1B })
        let check = try #require(XMLCheck.parse(xml))
        #expect(check.named("testsuite").first?.attributes["name"] == TerminalText.neutralised(Samples.hostile))
        #expect(check.named("failure").first?.attributes["message"] == TerminalText.neutralised("owned by " + Samples.hostile))
        #expect(check.named("script").isEmpty)
    }
}
