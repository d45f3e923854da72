import Foundation
import HostCheckCore
import Testing
@testable import HostCheckCLI
#if canImport(Glibc)
import Glibc
#endif

/// The machine formats on real runs: JUnit keeps the hosts of a fleet apart, NDJSON reaches a
/// reader host by host, SARIF points at the file `--sarif-artifact` names.
@Suite struct MachineReportCLITests {
    /// fleet6's five captured hosts and a snapshot of the live host: six hosts.
    static func sixHostFleet() throws -> URL {
        let fleet = try HostCheckRunner.temporaryDirectory()
        for host in ["db-1", "web-1", "web-2", "win-berlin", "win-hamburg"] {
            try FileManager.default.copyItem(
                atPath: HostCheckRunner.fixture("fleet6/\(host)"), toPath: fleet.appendingPathComponent(host).path)
        }
        let live = try HostCheckRunner.run(["facts", "--format", "json"])
        try #require(live.status == 0, "\(live.stderr)")
        try Data(live.stdout.utf8).write(to: fleet.appendingPathComponent("live-1.json"))
        return fleet
    }

    @Test func junitClassnamesKeepTheSixHostsApart() throws {
        let fleet = try Self.sixHostFleet()
        let run = try HostCheckRunner.run(["check", "rules", "--fleet", fleet.path, "--format", "junit"])
        #expect(run.status == 1, "\(run.stderr)")
        var suite = ""
        var pairs: [String] = []
        var suites: [String] = []
        var failing: [String] = []
        for line in run.stdout.split(separator: "\n") {
            if let name = Self.attribute("name", in: line), line.contains("<testsuite ") {
                suite = name
                suites.append(name)
            } else if line.contains("<testcase "), let classname = Self.attribute("classname", in: line),
                      let name = Self.attribute("name", in: line) {
                #expect(classname.hasPrefix(suite + "."), "\(classname) in suite \(suite)")
                pairs.append(classname + "|" + name)
            } else if line.contains("<failure ") {
                failing.append(pairs.last ?? "")
            }
        }
        #expect(suites == ["db-1", "live-1", "web-1", "web-2", "win-berlin", "win-hamburg"])
        #expect(pairs.count > 100)
        #expect(Set(pairs).count == pairs.count, "repeated (classname, name) pairs")
        #expect(failing.contains("win-berlin.magaya-network|magaya-3691-owner"))
        #expect(failing.contains("db-1.loopback-only-datastores|postgresql-loopback"))
    }

    private static func attribute(_ name: String, in line: Substring) -> String? {
        guard let start = line.range(of: " \(name)=\"") else { return nil }
        return line[start.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init)
    }

    /// What a FIFO holds now, without waiting.
    private static func available(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func host(_ name: String) -> HostResults {
        HostResults(host: HostInfo(name: name, platform: .linux, coverage: .full), results: [
            RuleResult(host: name, pack: "p", rule: "r", severity: .high, outcome: .pass, message: "ok"),
        ])
    }

    /// A reader of a FIFO gets each host's NDJSON lines as soon as the host is reported; the
    /// results JSON, which is not flushed per host, shows nothing until far more is written.
    @Test(arguments: [("ndjson", true), ("json", false)])
    func ndjsonIsFlushedAfterEveryHost(format: String, flushed: Bool) throws {
        let fifo = try HostCheckRunner.temporaryDirectory().appendingPathComponent("lines").path
        try #require(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        var channels = try ReportChannels(
            specs: [FormatSpec(parsing: "\(format):\(fifo)")], options: try ReportOptions.parse([]), registry: .builtin,
            pluginTimeout: 1)
        try channels.begin(RunInfo(packs: [], rules: [RuleInfo(pack: "p", id: "r", severity: .high)], startedAt: "2026-11-27T10:00:00Z"))
        try channels.host(Self.host("alpha"))
        let first = Self.available(reader)
        try channels.host(Self.host("beta"))
        let second = Self.available(reader)
        try channels.end(Summary(hosts: 2, rules: 1, counts: OutcomeCounts(), durationSeconds: 0))
        let rest = Self.available(reader)
        if flushed {
            #expect(first.split(separator: "\n").map { $0.contains("\"record\":\"host\"") } == [false, false, true])
            #expect(first.contains("alpha") && !first.contains("beta"))
            #expect(second.split(separator: "\n").count == 2 && second.contains("beta"))
            #expect(rest.hasPrefix("{\"record\":\"summary\""))
        } else {
            #expect(first.isEmpty && second.isEmpty)
            #expect(rest.contains("alpha") && rest.contains("beta"))
        }
    }

    /// Built-in packs and a capture outside the directory hostcheck runs in: no repository file
    /// holds the results, so they point at the file `--sarif-artifact` names.
    @Test func sarifPointsAtTheNamedArtifact() throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let capture = HostCheckRunner.fixture("fleet6/win-berlin/netstat.txt")
        let named = try HostCheckRunner.run(
            ["check", "--capture", capture, "--sarif-artifact", "ops/hosts.yaml", "--format", "sarif"], in: directory)
        #expect(named.status == 1 || named.status == 2, "\(named.stderr)")
        #expect(!named.stdout.contains("builtin%3A") && !named.stdout.contains("NETLINK"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [String: Any])
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            let locations = try #require(result["locations"] as? [[String: Any]])
            let artifact = (locations.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
            #expect(locations.count == 1)
            #expect(artifact?["uri"] as? String == "ops/hosts.yaml")
            let logical = locations.first?["logicalLocations"] as? [[String: Any]]
            #expect(logical?.first?["name"] as? String == "unknown" || logical?.first?["kind"] as? String == "host")
        }
        let extensions = try #require((run["tool"] as? [String: Any])?["extensions"] as? [[String: Any]])
        #expect(extensions.allSatisfy { ($0["properties"] as? [String: Any])?["source"] as? String == "built-in" })
    }

    @Test(arguments: ["/etc/passwd", "../outside.yml", "a/../../outside.yml", "builtin:base.yaml", "https://example.com/x", ".", ""])
    func sarifArtifactOutsideTheRepositoryIsAUsageError(_ value: String) throws {
        let run = try HostCheckRunner.run(["check", "--capture", HostCheckRunner.fixture("fleet6/web-1/ss.txt"), "--sarif-artifact", value])
        #expect(run.status == 64, "\(value): \(run.stderr)")
        #expect(run.stderr.contains("--sarif-artifact"))
    }

    /// A snapshot may claim any source for its facts: paths that leave the repository, URLs,
    /// `builtin:`, pseudo-files. None becomes a SARIF URI; the results point at the rule's pack.
    @Test func lyingSnapshotSourcesNeverBecomeURIs() throws {
        let facts = try HostCheckRunner.run(["facts", "--capture", HostCheckRunner.fixture("fleet6/win-berlin"), "--format", "json"])
        try #require(facts.status == 0, "\(facts.stderr)")
        var snapshot = try #require(try JSONSerialization.jsonObject(with: Data(facts.stdout.utf8)) as? [String: Any])
        let lies = ["../../../etc/passwd", "builtin:legacy-cleartext.yaml", "https://evil.example/x", "/etc/passwd",
                    "NETLINK_SOCK_DIAG/tcp", "C:\\caps\\netstat.txt", "rules/../../outside.txt"]
        let sockets = try #require(snapshot["sockets"] as? [[String: Any]])
        snapshot["sockets"] = sockets.enumerated().map { index, socket in
            var changed = socket
            changed["source"] = ["file": lies[index % lies.count], "line": 1]
            return changed
        }
        var host = try #require(snapshot["host"] as? [String: Any])
        host["sources"] = lies.map { ["file": $0, "format": "windows-netstat", "encoding": "utf-8"] }
        snapshot["host"] = host
        let file = try HostCheckRunner.temporaryDirectory().appendingPathComponent("lying.json")
        try JSONSerialization.data(withJSONObject: snapshot).write(to: file)
        let run = try HostCheckRunner.run(["check", "rules", "--snapshot", file.path, "--format", "sarif"])
        #expect(run.status == 1 || run.status == 2, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let results = try #require((document["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            for location in (result["locations"] as? [[String: Any]] ?? []) + (result["relatedLocations"] as? [[String: Any]] ?? []) {
                let artifact = (location["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
                let uri = try #require(artifact?["uri"] as? String)
                #expect(uri.hasPrefix("rules/") && uri.hasSuffix(".yaml"), "\(uri)")
            }
        }
    }
}
