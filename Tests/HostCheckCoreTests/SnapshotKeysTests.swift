import Foundation
import Testing
@testable import HostCheckCore

/// ``SnapshotKeys`` is the one list of snapshot members: the schema, the writer and the reader
/// are held to it (the pack examples' decoder takes it as its allowed keys).
@Suite struct SnapshotKeysTests {
    static let schemaURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/schema/snapshot-1.json")

    static func schemaProperties(_ path: [String]) throws -> [String] {
        let root = try JSONParser().parse(Array(try Data(contentsOf: schemaURL)), file: "snapshot-1.json")
        var node = root
        for key in path {
            guard case .object(let object) = node.value, let next = object[key] else {
                throw JSONReadError(.invalidDocument, "no \(key)", at: SourceLocation(file: "snapshot-1.json"))
            }
            node = next
        }
        guard case .object(let properties) = node.value else { return [] }
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
