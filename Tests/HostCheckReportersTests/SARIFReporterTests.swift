import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct SARIFReporterTests {
    private func render(_ hosts: [HostResults], run: RunInfo = Samples.run) throws -> JSONNode {
        try parseJSON(try Samples.render(SARIFReporter(options: ReporterOptions()), hosts: hosts, run: run))
    }

    @Test func oneRunWithRulesAndResultsForFindings() throws {
        let root = try render([Samples.hostResults])
        #expect(root["version"]?.string == "2.1.0")
        let run = try #require(root["runs"]?.items.first)
        let rules = run["tool"]?["driver"]?["rules"]?.items ?? []
        let ruleIDs = rules.compactMap { $0["id"]?.string }
        #expect(ruleIDs.first == "magaya-network/magaya-3691-owner")
        let results = run["results"]?.items ?? []
        #expect(results.count == 3)
        for result in results {
            let id = try #require(result["ruleId"]?.string)
            #expect(ruleIDs.contains(id), "ruleId \(id) missing from tool.driver.rules")
            #expect(result["ruleIndex"]?.int.map { ruleIDs[$0] } == id)
            #expect(!(result["locations"]?.items.isEmpty ?? true))
        }
        let magaya = try #require(rules.first)
        #expect(magaya["properties"]?["security-severity"]?.string == "8.0")
        #expect(magaya["help"]?["text"]?.string == "Stop it.")
        #expect(magaya["defaultConfiguration"]?["level"]?.string == "error")
        let failing = try #require(results.first { $0["ruleId"]?.string == "magaya-network/magaya-3691-owner" })
        #expect(failing["level"]?.string == "error")
        let physical = failing["locations"]?.items.first?["physicalLocation"]
        #expect(physical?["artifactLocation"]?["uri"]?.string == "netstat.txt")
        #expect(physical?["artifactLocation"]?["uriBaseId"]?.string == "%SRCROOT%")
        #expect(physical?["region"]?["startLine"]?.int == 8)
        let waived = try #require(results.first { $0["ruleId"]?.string == "base/no-telnet" })
        #expect(waived["suppressions"]?.items.first?["status"]?.string == "accepted")
        #expect(waived["message"]?["text"]?.string == "[wh-berlin-02] waived fail: tcp 0.0.0.0:23 is listening")
        let unknown = try #require(results.first { $0["ruleId"]?.string == "base/sshd-up" })
        #expect(unknown["level"]?.string == "warning")
    }

    @Test func rulesMissingFromTheRunAreAddedToTheDriver() throws {
        let root = try render([Samples.hostResults])
        let ruleIDs = root["runs"]?.items.first?["tool"]?["driver"]?["rules"]?.items.compactMap { $0["id"]?.string }
        #expect(ruleIDs == ["magaya-network/magaya-3691-owner", "base/no-telnet", "base/sshd-up"])
    }

    @Test func fingerprintsAreStableAndPerHost() throws {
        let first = try render([Samples.hostResults])
        let second = try render([Samples.hostResults])
        func prints(_ root: JSONNode) -> [String] {
            (root["runs"]?.items.first?["results"]?.items ?? []).compactMap { $0["partialFingerprints"]?["hostcheck/v1"]?.string }
        }
        #expect(prints(first) == prints(second))
        #expect(Set(prints(first)).count == 3)
        #expect(SARIF.fingerprint(host: "WH-Berlin-02", pack: "p", rule: "r") == SARIF.fingerprint(host: "wh-berlin-02", pack: "p", rule: "r"))
        #expect(SARIF.fingerprint(host: "a", pack: "p", rule: "r") != SARIF.fingerprint(host: "b", pack: "p", rule: "r"))
        #expect(SARIF.fingerprint(host: "a", pack: "p", rule: "r").count == 16)
    }

    @Test(arguments: [
        ("netstat.txt", "netstat.txt", "%SRCROOT%"),
        ("./captures/host 1/netstat.txt", "captures/host%201/netstat.txt", "%SRCROOT%"),
        ("/proc/net/tcp", "file:///proc/net/tcp", nil),
        ("C:\\caps\\ü#1.txt", "C%3A/caps/%C3%BC%231.txt", "%SRCROOT%"),
    ])
    func artifactURIs(file: String, uri: String, base: String?) {
        let (made, madeBase) = SARIF.uri(file)
        #expect(made == uri)
        #expect(madeBase == base)
    }

    @Test func hostileTextStaysInsideStrings() throws {
        let text = try Samples.render(SARIFReporter(options: ReporterOptions()), hosts: [Samples.hostileHost])
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        let root = try parseJSON(text)
        let result = try #require(root["runs"]?.items.first?["results"]?.items.first)
        #expect(result["message"]?["text"]?.string == "[\(Samples.hostile)] owned by \(Samples.hostile)")
    }

    @Test func validWithNoHosts() throws {
        let root = try render([])
        #expect(root["runs"]?.items.first?["results"]?.items.isEmpty == true)
        #expect(root["runs"]?.items.first?["tool"]?["driver"]?["rules"]?.items.count == 1)
    }
}
