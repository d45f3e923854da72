import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct NDJSONReporterTests {
    private func lines(_ hosts: [HostResults]) throws -> [JSONNode] {
        let text = try Samples.render(NDJSONReporter(options: ReporterOptions()), hosts: hosts)
        #expect(text.hasSuffix("\n"))
        return try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { try parseJSON(String($0)) }
    }

    @Test func aRunLineThenResultsAndHostPerHostThenTheSummary() throws {
        let second = HostResults(host: HostInfo(name: "db-01", platform: .linux, coverage: .full),
                                 results: [Samples.result("pass-a", .pass, host: "db-01")])
        let all = try lines([Samples.hostResults, second])
        let records = all.map { $0["record"]?.string ?? "" }
        #expect(records == ["run"] + Array(repeating: "result", count: 6) + ["host", "result", "host", "summary"])
        #expect(Set(all.compactMap { $0["started_at"]?.string }) == ["2026-11-27T10:00:00Z"])
        #expect(all.allSatisfy { $0["started_at"] != nil })
        let run = all[0]
        #expect(run["hostcheck_ndjson"]?.int == NDJSONReporter.formatVersion)
        #expect(run["packs"]?.items.first?["sha256"]?.string == String(repeating: "ab", count: 32))
        #expect(run["packs"]?.items.first?["file"]?.string == "rules/magaya-network.yaml")
        #expect(all[1]["result"]?["rule"]?.string == "pass-a")
        #expect(all[3]["result"]?["outcome"]?.string == "fail")
        #expect(all[7]["host"]?["name"]?.string == "wh-berlin-02")
        #expect(all[7]["host"]?["diagnostics_total"]?.int == 7)
        #expect(all[9]["host"]?["name"]?.string == "db-01")
        #expect(all[10]["summary"]?["hosts"]?.int == 2)
        #expect(all[10]["summary"]?["fail"]?.int == 1)
    }

    @Test func hostileTextStaysOnItsLine() throws {
        let all = try lines([Samples.hostileHost])
        #expect(all.count == 4)
        #expect(all[1]["result"]?["host"]?.string == Samples.hostile)
        #expect(all[2]["host"]?["name"]?.string == Samples.hostile)
    }

    @Test func noHostsIsARunAndASummary() throws {
        #expect(try lines([]).map { $0["record"]?.string } == ["run", "summary"])
    }

    @Test func theDescriptorAsksForAFlushAfterEveryHost() {
        #expect(NDJSONReporter.descriptor.flushesEachHost)
        #expect(!JSONReporter.descriptor.flushesEachHost)
        #expect(ReporterCatalog.builtin.filter(\.flushesEachHost).map(\.id) == ["ndjson"])
    }

    /// Each kind of line names exactly the keys of its definition in `docs/schema/ndjson-1.json`,
    /// in order, every one described; a host line has the keys of the results JSON's hosts.
    @Test func writerAndSchemaNameTheSameKeys() throws {
        let schema = try ResultsSchemaTests.schema("ndjson-1.json")
        let all = try lines([Samples.hostResults])
        for (record, definition) in [("run", "run_line"), ("result", "result_line"), ("host", "host_line"), ("summary", "summary_line")] {
            let line = try #require(all.first { $0["record"]?.string == record })
            let properties = schema["$defs"]?[definition]?["properties"]
            #expect(line.keys == properties?.keys, "\(record)")
            for key in properties?.keys ?? [] { #expect(properties?[key]?["description"]?.string != nil, "\(definition).\(key)") }
        }
        let host = try #require(all.first { $0["record"]?.string == "host" }?["host"])
        #expect(host.keys == schema["$defs"]?["host_line"]?["properties"]?["host"]?["properties"]?.keys)
        let results = try ResultsSchemaTests.schema("results-2.json")
        #expect(host.keys == results["$defs"]?["host"]?["properties"]?.keys)
        #expect(host.keys == (try ResultsSchemaTests.schema("results-3.json"))["$defs"]?["host"]?["properties"]?.keys)
        #expect(all.first?["hostcheck_ndjson"]?.int == schema["$defs"]?["run_line"]?["properties"]?["hostcheck_ndjson"]?["const"]?.int)
    }

    /// A result line stays self-contained, in the results-2 shape that ndjson-1.json refers to:
    /// its rule's title, severity, tags, remediation and compliance, and every evidence key,
    /// `null` when unknown (results-3 leaves those to `rules` and leaves the nulls out).
    @Test func resultLinesKeepTheSelfContainedShape() throws {
        let schema = try ResultsSchemaTests.schema("results-2.json")
        #expect(try ResultsSchemaTests.schema("ndjson-1.json")["$defs"]?["result_line"]?["properties"]?["result"]?["$ref"]?.string
            == "results-2.json#/$defs/result")
        let all = try lines([Samples.hostResults])
        let results = all.compactMap { $0["record"]?.string == "result" ? $0["result"] : nil }
        #expect(results.count == Samples.hostResults.results.count)
        #expect(results.allSatisfy { $0.keys == schema["$defs"]?["result"]?["properties"]?.keys })
        let failing = try #require(results.first { $0["rule"]?.string == "magaya-3691-owner" })
        #expect(failing["severity"]?.string == "high" && failing["remediation"]?.string == Samples.failing.remediation)
        let evidence = try #require(failing["evidence"]?.items.first)
        #expect(evidence.keys == ["socket", "processes", "source", "note"])
        #expect(evidence["note"]?.value == .null)
        #expect(evidence["socket"]?.keys == SnapshotKeys.socket)
        #expect(evidence["socket"]?["v6only"]?.value == .null)
        #expect(evidence["processes"]?.items.first?.keys == SnapshotKeys.process)
    }
}
