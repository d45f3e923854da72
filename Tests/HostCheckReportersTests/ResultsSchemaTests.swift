import Foundation
import Testing
import HostCheckCore
@testable import HostCheckReporters

/// The results JSON and `docs/schema/results-3.json` name the same keys in the same order, each
/// host carries the whole coverage of the snapshot-2 shape, and the evidence shapes are
/// snapshot-2's socket and process without their `null` members.
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

    /// Whether `keys` are some of `all`, in the order of `all`.
    static func inOrder(_ keys: [String], of all: [String]) -> Bool {
        var rest = all[...]
        for key in keys {
            guard let at = rest.firstIndex(of: key) else { return false }
            rest = rest[(at + 1)...]
        }
        return true
    }

    @Test func writerAndSchemaNameTheSameKeys() throws {
        let schema = try Self.schema("results-3.json")
        let root = try parseJSON(try Samples.renderJSON([Self.coveredHost]))
        #expect(root.keys == schema["properties"]?.keys)
        #expect(root["hostcheck_results"]?.int == schema["properties"]?["hostcheck_results"]?["const"]?.int)
        #expect(root["hostcheck_results"]?.int == JSONReporter.formatVersion)
        let results = try #require(root["results"]?.items)
        #expect(results.allSatisfy { $0.keys == schema["$defs"]?["result"]?["properties"]?.keys })
        #expect(schema["$defs"]?["result"]?["required"]?.items.compactMap(\.string) == schema["$defs"]?["result"]?["properties"]?.keys)
        #expect(root["hosts"]?.items.first?.keys == schema["$defs"]?["host"]?["properties"]?.keys)
        let evidenceKeys = try #require(schema["$defs"]?["evidence"]?["properties"]?.keys)
        let evidence = results.flatMap { $0["evidence"]?.items ?? [] }
        #expect(!evidence.isEmpty)
        #expect(evidence.allSatisfy { Self.inOrder($0.keys, of: evidenceKeys) && $0["processes"] != nil })
        #expect(schema["title"]?.string?.contains("draft") == true)
    }

    /// The evidence socket and process of results-3 are snapshot-2's, key for key in the same
    /// order and with the same types, without `null`: a key that can be null there is optional
    /// here, and only those.
    @Test(arguments: [("evidence_socket", "socket"), ("evidence_process", "process"), ("evidence_source_location", "source_location")])
    func evidenceShapesAreTheSnapshotsWithoutNull(evidence: String, snapshot: String) throws {
        let results = try #require(try Self.schema("results-3.json")["$defs"]?[evidence])
        let facts = try #require(try Self.schema("snapshot-2.json")["$defs"]?[snapshot])
        let keys = try #require(facts["properties"]?.keys)
        #expect(results["properties"]?.keys == keys)
        #expect(results["additionalProperties"]?.value == .bool(false))
        var nonNull: [String] = []
        for key in keys {
            let written = try #require(results["properties"]?[key])
            let types = Self.types(facts["properties"]?[key])
            #expect(Self.types(written) == types.filter { $0 != "null" }, "\(evidence).\(key)")
            #expect(written["description"]?.string?.lowercased().contains("null") == false, "\(evidence).\(key) still speaks of null")
            let required = facts["required"]?.items.contains { $0.string == key } == true
            if required && !types.contains("null") { nonNull.append(key) }
        }
        #expect(results["required"]?.items.compactMap(\.string) == nonNull)
    }

    private static func types(_ node: JSONNode?) -> [String] {
        if let single = node?["type"]?.string { return [single] }
        if let types = node?["type"]?.items, !types.isEmpty { return types.compactMap(\.string) }
        return node?["$ref"] == nil ? [] : ["object"]
    }

    @Test func hostsCarryTheWholeCoverageAndItsLine() throws {
        let root = try parseJSON(try Samples.renderJSON([Self.coveredHost]))
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
        let root = try parseJSON(try Samples.renderJSON([host]))
        let results = try #require(root["results"]?.items)
        #expect(results[0]["missing_coverage"]?.items.map(\.string) == ["states", "ports"])
        #expect(results.dropFirst().allSatisfy { $0["missing_coverage"]?.items.isEmpty == true })
        let schema = try Self.schema("results-3.json")
        let names = schema["$defs"]?["result"]?["properties"]?["missing_coverage"]?["items"]?["enum"]?.items.compactMap(\.string)
        // `processes` (is every process listed?) is derived from the sources, not a snapshot key.
        #expect(names.map(Set.init) == Set(SnapshotKeys.coverage).subtracting(["assumed", "full_capture"]).union(["processes"]))
    }

    /// Results-2 stays in docs/schema, as the shape of the NDJSON result lines, and says that
    /// `--format json` writes version 3.
    @Test func results2SaysHostcheckWritesVersion3() throws {
        let old = try Self.schema("results-2.json")
        #expect(old["description"]?.string?.contains("results-3.json") == true)
        #expect(old["properties"]?["hostcheck_results"]?["const"]?.int == 2)
    }
}
