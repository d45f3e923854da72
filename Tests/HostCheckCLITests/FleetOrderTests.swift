import Foundation
import Testing
@testable import HostCheckCLI

/// A fleet's hosts are evaluated in parallel batches and reported in the order of their entry
/// names, each once, whatever `--jobs` is (docs/reports.md; docs/architecture.md, "Performance").
@Suite struct FleetOrderTests {
    /// Host names in an order that differs from their sorted one, so a report that kept the
    /// order of creation or of completion would show it.
    static let names = (0..<150).map { String(format: "host-%03d", ($0 * 37) % 150) }

    static let fleet: Result<URL, Error> = Result {
        try FleetEntryTests.fleet { directory in
            for name in names { try FleetEntryTests.bundle(name, in: directory) }
        }
    }

    /// The `host` lines of an NDJSON run, in order, and the hosts of its `result` lines in order
    /// of first appearance.
    static func hosts(ndjson: String) throws -> (hostLines: [String], resultHosts: [String]) {
        var hostLines: [String] = []
        var resultHosts: [String] = []
        for line in ndjson.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            switch object["record"] as? String {
            case "host":
                let host = try #require(object["host"] as? [String: Any])
                hostLines.append(try #require(host["name"] as? String))
            case "result":
                let result = try #require(object["result"] as? [String: Any])
                let host = try #require(result["host"] as? String)
                if resultHosts.last != host { resultHosts.append(host) }
            default:
                break
            }
        }
        return (hostLines, resultHosts)
    }

    @Test(arguments: [1, 2, 3, 8])
    func hostsAreReportedInNameOrderOnce(jobs: Int) throws {
        let fleet = try Self.fleet.get()
        let run = try FleetEntryTests.check(fleet, ["--format", "ndjson", "--jobs", "\(jobs)"])
        #expect(run.status == 0, "\(run.stderr)")
        let (hostLines, resultHosts) = try Self.hosts(ndjson: run.stdout)
        let expected = Self.names.sorted()
        #expect(hostLines == expected)
        #expect(resultHosts == expected, "each host's results are together, in host order")
    }

    /// The batch size keeps every worker busy on a short fleet and stays bounded on a long one.
    @Test(arguments: [
        (hosts: 0, parallelism: 2, size: 1), (hosts: 1, parallelism: 2, size: 1), (hosts: 15, parallelism: 2, size: 1),
        (hosts: 150, parallelism: 2, size: 9), (hosts: 150, parallelism: 8, size: 2), (hosts: 10_000, parallelism: 2, size: 32),
        (hosts: 100, parallelism: 0, size: 12),
    ])
    func batchSizeFollowsFleetAndCores(_ example: (hosts: Int, parallelism: Int, size: Int)) {
        #expect(HostEvaluation.batchSize(hosts: example.hosts, parallelism: example.parallelism) == example.size)
    }
}
