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
        #expect(Set(cases.compactMap { $0.attributes["classname"] }) == ["magaya-network", "base"])
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
