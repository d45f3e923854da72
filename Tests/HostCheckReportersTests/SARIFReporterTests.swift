import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct SARIFReporterTests {
    /// A repository rooted at `/repo` that holds exactly `files`.
    static func repository(_ files: Set<String>) -> RepositoryFiles {
        RepositoryFiles(root: "/repo") { files.contains($0) }
    }

    static let sampleRepository = repository(["netstat.txt", "tasklist.csv", "rules/magaya-network.yaml", "waivers.yaml"])

    private func render(
        _ hosts: [HostResults], run: RunInfo = Samples.run, repository: RepositoryFiles = sampleRepository,
        options: ReporterOptions = ReporterOptions()
    ) throws -> JSONNode {
        try parseJSON(try Samples.render(SARIFReporter(options: options, repository: repository), hosts: hosts, run: run))
    }

    /// Every `uri` anywhere in the document.
    private func uris(_ node: JSONNode) -> [String] {
        var found: [String] = []
        if let uri = node["uri"]?.string { found.append(uri) }
        for key in node.keys { if let child = node[key] { found += uris(child) } }
        for item in node.items { found += uris(item) }
        return found
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
        let logical = failing["locations"]?.items.first?["logicalLocations"]?.items ?? []
        #expect(logical.map { $0["kind"]?.string } == ["host", "socket"])
        #expect(logical.map { $0["name"]?.string } == ["wh-berlin-02", "tcp 0.0.0.0:3691"])
        #expect(logical.last?["fullyQualifiedName"]?.string == "wh-berlin-02/tcp 0.0.0.0:3691")
        #expect(waivedLocation(results)?["physicalLocation"]?["artifactLocation"]?["uri"]?.string == "waivers.yaml")
        let waived = try #require(results.first { $0["ruleId"]?.string == "base/no-telnet" })
        #expect(waived["suppressions"]?.items.first?["status"]?.string == "accepted")
        #expect(waived["message"]?["text"]?.string == "[wh-berlin-02] waived fail: tcp 0.0.0.0:23 is listening")
        let unknown = try #require(results.first { $0["ruleId"]?.string == "base/sshd-up" })
        #expect(unknown["level"]?.string == "warning")
    }

    private func waivedLocation(_ results: [JSONNode]) -> JSONNode? {
        results.first { $0["ruleId"]?.string == "base/no-telnet" }?["suppressions"]?.items.first?["location"]
    }

    /// A live result: evidence at `NETLINK_SOCK_DIAG/tcp` and `/proc/net/tcp6`, a built-in pack.
    static let liveHost: HostResults = {
        let socket = { (port: Int, file: String) in
            SocketFact(protocol: .tcp, family: .ipv4, localAddress: "0.0.0.0", localPort: port, state: .listening,
                       ownership: .owned, pids: [7], source: SourceLocation(file: file, line: file.hasPrefix("/proc") ? 3 : nil))
        }
        let result = RuleResult(
            host: "vm", pack: "legacy-cleartext", rule: "no-telnet", severity: .critical, outcome: .fail, message: "telnet listens",
            evidence: [Evidence(socket: socket(23, "NETLINK_SOCK_DIAG/tcp")), Evidence(socket: socket(2323, "/proc/net/tcp6"))])
        let host = HostInfo(name: "vm", platform: .linux,
                            sources: [CaptureSource(file: "/proc", format: "linux-proc"),
                                      CaptureSource(file: "NETLINK_SOCK_DIAG", format: "linux-sock-diag")],
                            coverage: .full)
        return HostResults(host: host, results: [result])
    }()

    static let builtinRun = RunInfo(
        packs: [PackInfo(id: "legacy-cleartext", version: "1.1.0", sha256: String(repeating: "cd", count: 32),
                         file: "builtin:legacy-cleartext.yaml")],
        rules: [RuleInfo(pack: "legacy-cleartext", id: "no-telnet", severity: .critical,
                         location: SourceLocation(file: "builtin:legacy-cleartext.yaml", line: 26, column: 5))],
        startedAt: "2026-11-27T10:00:00Z",
        diagnostics: [Diagnostic(.warning, "could not read 1 fd directory", at: SourceLocation(file: "/proc"))])

    @Test func liveFactsAndBuiltinPacksPointAtARepositoryFileNeverAtAPseudoFile() throws {
        let root = try render([Self.liveHost], run: Self.builtinRun)
        let all = uris(root)
        #expect(!all.isEmpty)
        for uri in all {
            #expect(!uri.contains("NETLINK") && !uri.contains("builtin") && !uri.contains("proc"), "\(uri)")
        }
        let run = try #require(root["runs"]?.items.first)
        let result = try #require(run["results"]?.items.first)
        let locations = result["locations"]?.items ?? []
        #expect(locations.count == 1)
        #expect(locations.first?["physicalLocation"]?["artifactLocation"]?["uri"]?.string == SARIFReporter.defaultArtifact)
        #expect(locations.first?["logicalLocations"]?.items.map { $0["name"]?.string } == ["vm", "tcp 0.0.0.0:23"])
        #expect(locations.first?["message"]?["text"]?.string?.contains("NETLINK_SOCK_DIAG/tcp") == true)
        let related = result["relatedLocations"]?.items ?? []
        #expect(related.map { $0["logicalLocations"]?.items.last?["name"]?.string } == ["tcp 0.0.0.0:2323"])
        let notices = (run["invocations"]?.items.first?["toolExecutionNotifications"]?.items ?? []).compactMap { $0["message"]?["text"]?.string }
        #expect(notices.contains("/proc: could not read 1 fd directory"))
        #expect(notices.contains { $0.hasPrefix("1 result(s) point at README.md") && $0.contains("--sarif-artifact") })
    }

    @Test func theNamedArtifactReplacesTheDefault() throws {
        let root = try render([Self.liveHost], run: Self.builtinRun, options: ReporterOptions(sarifArtifact: "./.github/workflows/hostcheck.yml"))
        let run = try #require(root["runs"]?.items.first)
        let physical = run["results"]?.items.first?["locations"]?.items.first?["physicalLocation"]
        #expect(physical?["artifactLocation"]?["uri"]?.string == ".github/workflows/hostcheck.yml")
        #expect(physical?["region"] == nil)
        let notices = (run["invocations"]?.items.first?["toolExecutionNotifications"]?.items ?? []).compactMap { $0["message"]?["text"]?.string }
        #expect(!notices.contains { $0.contains("point at README.md") })
    }

    @Test func aRuleInARepositoryPackComesBeforeTheFallback() throws {
        var run = Self.builtinRun
        run.rules[0].location = SourceLocation(file: "./packs/base.yaml", line: 12, column: 3)
        let root = try render([Self.liveHost], run: run, repository: Self.repository(["packs/base.yaml"]))
        let physical = root["runs"]?.items.first?["results"]?.items.first?["locations"]?.items.first?["physicalLocation"]
        #expect(physical?["artifactLocation"]?["uri"]?.string == "packs/base.yaml")
        #expect(physical?["region"]?["startLine"]?.int == 12)
    }

    @Test func packsAreToolExtensionsWithTheirDigest() throws {
        let root = try render([Self.liveHost], run: Self.builtinRun)
        let extensions = root["runs"]?.items.first?["tool"]?["extensions"]?.items ?? []
        #expect(extensions.map { $0["name"]?.string } == ["legacy-cleartext"])
        #expect(extensions.first?["version"]?.string == "1.1.0")
        #expect(extensions.first?["properties"]?["source"]?.string == "built-in")
        #expect(extensions.first?["properties"]?["file"]?.string == "builtin:legacy-cleartext.yaml")
        #expect(extensions.first?["properties"]?["sha256"]?.string == String(repeating: "cd", count: 32))
        #expect(extensions.first?["locations"] == nil)
        let fromPath = try render([Samples.hostResults])["runs"]?.items.first?["tool"]?["extensions"]?.items.first
        #expect(fromPath?["properties"]?["source"]?.string == "path")
        #expect(fromPath?["locations"]?.items.first?["uri"]?.string == "rules/magaya-network.yaml")
    }

    @Test(arguments: [
        ("netstat.txt", "netstat.txt"),
        ("./captures/x/../a.txt", "captures/a.txt"),
        ("captures//a.txt", "captures/a.txt"),
        ("/repo/captures/a.txt", "captures/a.txt"),
        ("/repository/captures/a.txt", nil),
        ("../outside.txt", nil),
        ("captures/../../outside.txt", nil),
        ("/etc/passwd", nil),
        ("/proc/net/tcp", nil),
        ("NETLINK_SOCK_DIAG/tcp", nil),
        ("builtin:base.yaml", nil),
        ("C:\\caps\\a.txt", nil),
        ("https://example.com/a.txt", nil),
        ("", nil),
        ("captures/a.txt\u{0}", nil),
    ] as [(String, String?)])
    func repositoryPaths(file: String, expected: String?) {
        let repository = Self.repository(["netstat.txt", "captures/a.txt", "outside.txt", "etc/passwd"])
        #expect(repository.path(file) == expected)
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
        let text = try Samples.render(SARIFReporter(options: ReporterOptions(), repository: Self.sampleRepository), hosts: [Samples.hostileHost])
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
