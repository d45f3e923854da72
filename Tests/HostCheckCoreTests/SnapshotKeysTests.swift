import Foundation
import Testing
@testable import HostCheckCore

/// ``SnapshotKeys`` is the one list of snapshot members: the schema, the writer and the reader
/// are held to it (the pack examples' decoder takes it as its allowed keys).
@Suite struct SnapshotKeysTests {
    static func schemaURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/schema/\(name)")
    }

    static func schemaNode(_ path: [String], in name: String = "snapshot-2.json") throws -> JSONNode {
        let root = try JSONParser().parse(Array(try Data(contentsOf: schemaURL(name))), file: name)
        var node = root
        for key in path {
            guard case .object(let object) = node.value, let next = object[key] else {
                throw JSONReadError(.invalidDocument, "no \(key)", at: SourceLocation(file: name))
            }
            node = next
        }
        return node
    }

    static func schemaProperties(_ path: [String], in name: String = "snapshot-2.json") throws -> [String] {
        guard case .object(let properties) = try schemaNode(path, in: name).value else { return [] }
        return properties.members.map(\.key)
    }

    @Test(arguments: [
        (["properties"], SnapshotKeys.document),
        (["$defs", "host_info", "properties"], SnapshotKeys.host),
        (["$defs", "coverage", "properties"], SnapshotKeys.coverage),
        (["$defs", "socket", "properties"], SnapshotKeys.socket),
        (["$defs", "process", "properties"], SnapshotKeys.process),
    ])
    func schemaNamesTheKeys(path: [String], keys: [String]) throws {
        #expect(try Self.schemaProperties(path) == keys)
    }

    /// Snapshot-1 (kept as it was, still read) differs from snapshot-2 only in `host.coverage`,
    /// which has the levels only.
    @Test(arguments: [
        (["properties"], SnapshotKeys.document),
        (["$defs", "host_info", "properties"], SnapshotKeys.host),
        (["$defs", "coverage", "properties"], SnapshotKeys.coverageLevels),
        (["$defs", "socket", "properties"], SnapshotKeys.socket),
        (["$defs", "process", "properties"], SnapshotKeys.processV1),
    ])
    func snapshot1SchemaNamesTheLevelsOnly(path: [String], keys: [String]) throws {
        #expect(try Self.schemaProperties(path, in: "snapshot-1.json") == keys)
    }

    /// Snapshot-2 is marked draft, its version is 2, and each object that snapshot-1 closes
    /// (`additionalProperties: false`) is closed too.
    @Test func snapshot2IsADraftOfVersion2() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL("snapshot-2.json"))) as? [String: Any])
        let old = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL("snapshot-1.json"))) as? [String: Any])
        #expect((schema["title"] as? String)?.contains("draft") == true)
        #expect((schema["description"] as? String)?.hasPrefix("DRAFT") == true)
        #expect(((schema["properties"] as? [String: Any])?["hostcheck_snapshot"] as? [String: Any])?["const"] as? Int == 2)
        let defs = try #require(schema["$defs"] as? [String: Any])
        let oldDefs = try #require(old["$defs"] as? [String: Any])
        for (name, definition) in oldDefs {
            guard let closed = (definition as? [String: Any])?["additionalProperties"] as? Bool, !closed else { continue }
            #expect((defs[name] as? [String: Any])?["additionalProperties"] as? Bool == false, "\(name)")
        }
    }

    /// The required coverage keys of snapshot-2 are ``SnapshotKeys/coverage``.
    @Test func snapshot2RequiresEveryCoverageKey() throws {
        let required = try Self.schemaNode(["$defs", "coverage", "required"])
        guard case .array(let items) = required.value else {
            Issue.record("no required list")
            return
        }
        #expect(items.compactMap { if case .string(let key) = $0.value { key } else { nil } } == SnapshotKeys.coverage)
    }

    /// The writer writes every key, in order, for a socket and a process whatever they hold.
    @Test func writerWritesEveryKeyInOrder() throws {
        let root = try JSONParser().parse(JSONSnapshotTests.sample.jsonBytes(pretty: false), file: "s.json")
        guard case .object(let document) = root.value else {
            Issue.record("not an object")
            return
        }
        #expect(document.members.map(\.key) == SnapshotKeys.document)
        func keys(_ key: String) -> [[String]] {
            guard case .array(let items)? = document[key]?.value else { return [] }
            return items.compactMap { item in
                if case .object(let object) = item.value { object.members.map(\.key) } else { nil }
            }
        }
        #expect(keys("sockets") == [SnapshotKeys.socket, SnapshotKeys.socket])
        #expect(keys("processes") == [SnapshotKeys.process, SnapshotKeys.process])
        guard case .object(let host)? = document["host"]?.value, case .object(let coverage)? = host["coverage"]?.value else {
            Issue.record("no host")
            return
        }
        #expect(host.members.map(\.key) == SnapshotKeys.host)
        #expect(coverage.members.map(\.key) == SnapshotKeys.coverage)
    }

    /// The reader reads every key back: a snapshot that sets every field round-trips.
    @Test func readerReadsEveryKey() throws {
        let sample = JSONSnapshotTests.sample
        let back = try Snapshot(jsonBytes: sample.jsonBytes(pretty: false), file: "s.json")
        #expect(back == sample)
        #expect(back.sockets[1].rawState == "ABHÖREN" && back.processes[1].ppid == 0)
    }
}
