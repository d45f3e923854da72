import Foundation
import Testing
import HostCheckCore
@testable import HostCheckReporters

/// The results JSON and `docs/schema/results-2.json` name the same keys in the same order, and
/// each host carries the whole coverage of the snapshot-2 shape.
@Suite struct ResultsSchemaTests {
    static func schema(_ name: String) throws -> JSONNode {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/schema/\(name)")
        return try JSONParser().parse(Array(try Data(contentsOf: url)), file: name)
    }

    static var coveredHost: HostResults {
        var host = Samples.hostResults
        host.host.coverage = Coverage(
            tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: .partial, states: .listening, ports: [3691],
            users: ["alice"], netns: .hostOnly, assumed: ["ports, states: assumed from the rows: every row contains :3691 (a findstr filter)"],
            fullCapture: "netstat -ano")
        return host
    }

    @Test func writerAndSchemaNameTheSameKeys() throws {
        let schema = try Self.schema("results-2.json")
        let root = try parseJSON(try Samples.render(JSONReporter(options: ReporterOptions()), hosts: [Self.coveredHost]))
        #expect(root.keys == schema["properties"]?.keys)
        #expect(root["hostcheck_results"]?.int == schema["properties"]?["hostcheck_results"]?["const"]?.int)
        #expect(root["results"]?.items.first?.keys == schema["$defs"]?["result"]?["properties"]?.keys)
        #expect(root["hosts"]?.items.first?.keys == schema["$defs"]?["host"]?["properties"]?.keys)
        let evidence = root["results"]?.items.compactMap { $0["evidence"]?.items.first }.first
        #expect(evidence?.keys == schema["$defs"]?["evidence"]?["properties"]?.keys)
        #expect(schema["title"]?.string?.contains("draft") == true)
    }

    @Test func hostsCarryTheWholeCoverageAndItsLine() throws {
        let root = try parseJSON(try Samples.render(JSONReporter(options: ReporterOptions()), hosts: [Self.coveredHost]))
        let host = try #require(root["hosts"]?.items.first)
        let coverage = try #require(host["coverage"])
        #expect(coverage.keys == SnapshotKeys.coverage)
        #expect(coverage["states"]?.string == "listening")
        #expect(coverage["ports"]?.items.map(\.int) == [3691])
        #expect(coverage["users"]?.items.map(\.string) == ["alice"])
        #expect(coverage["netns"]?.string == "host-only")
        #expect(coverage["full_capture"]?.string == "netstat -ano")
        #expect(host["coverage_line"]?.string == Self.coveredHost.host.coverage.line)
        #expect(host["coverage_line"]?.string?.contains("states=listening ports=3691 users=alice") == true)
    }

    /// A result `unknown` for lack of coverage names the dimensions, machine-readably; every
    /// other result has an empty list. The names are coverage keys.
    @Test func unknownForCoverageCarriesItsMissingDimensions() throws {
        var host = Self.coveredHost
        host.results[0].outcome = .unknown
        host.results[0].missingCoverage = ["states", "ports"]
        let root = try parseJSON(try Samples.render(JSONReporter(options: ReporterOptions()), hosts: [host]))
        let results = try #require(root["results"]?.items)
        #expect(results[0]["missing_coverage"]?.items.map(\.string) == ["states", "ports"])
        #expect(results.dropFirst().allSatisfy { $0["missing_coverage"]?.items.isEmpty == true })
        let schema = try Self.schema("results-2.json")
        let names = schema["$defs"]?["result"]?["properties"]?["missing_coverage"]?["items"]?["enum"]?.items.compactMap(\.string)
        // `processes` (is every process listed?) is derived from the sources, not a snapshot key.
        #expect(names.map(Set.init) == Set(SnapshotKeys.coverage).subtracting(["assumed", "full_capture"]).union(["processes"]))
    }
}
