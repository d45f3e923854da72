import Testing
import HostCheckCore

/// The socket writer lays its object out in scratch memory; these tests hold it to the bytes
/// the writer's generic calls give, and the streamed snapshot to the whole document.
@Suite struct JSONSocketWriterTests {
    static let sockets: [SocketFact] = JSONSnapshotTests.sample.sockets + [
        SocketFact(
            protocol: .tcp, family: .ipv6, localAddress: "fe80::1", localPort: 0, localZone: "11",
            remoteAddress: "a\"b\\c", remotePort: 65535, state: .established,
            rawState: "ÉTABLI\u{1}\u{7F}\u{85}\u{2028}\u{2029}x", v6only: false, netns: 0,
            ownership: .owned, ownershipReason: .sourcesDisagree, pids: [1, 22, 333],
            source: SourceLocation(file: "C:\\captures\\\"netstat\".txt", line: nil, column: nil)),
    ]

    /// The socket written member by member with the generic calls.
    static func reference(_ socket: SocketFact, into json: inout JSONWriter) {
        json.beginObject()
        json.key("protocol"); json.string(socket.protocol.rawValue)
        json.key("family"); json.string(socket.family.rawValue)
        json.key("local_address"); json.string(socket.localAddress)
        json.key("local_port"); json.int(socket.localPort)
        json.key("local_port_name"); json.string(socket.localPortName)
        json.key("local_zone"); json.string(socket.localZone)
        json.key("remote_address"); json.string(socket.remoteAddress)
        json.key("remote_port"); json.int(socket.remotePort)
        json.key("remote_port_name"); json.string(socket.remotePortName)
        json.key("state"); json.string(socket.state.rawValue)
        json.key("state_raw"); json.string(socket.rawState)
        json.key("v6only"); json.bool(socket.v6only)
        json.key("netns"); json.uint(socket.netns)
        json.key("ownership"); json.string(socket.ownership.rawValue)
        json.key("ownership_reason"); json.string(socket.ownershipReason?.rawValue)
        json.key("pids"); json.ints(socket.pids)
        json.key("source")
        json.beginObject()
        json.key("file"); json.string(socket.source.file)
        json.key("line"); json.int(socket.source.line)
        if let column = socket.source.column {
            json.key("column"); json.int(column)
        }
        json.endObject()
        json.endObject()
    }

    /// Top level, in an array, and as a member value two levels down.
    static func document(_ pretty: Bool, writeSocket: (SocketFact, inout JSONWriter) -> Void) -> [UInt8] {
        var json = JSONWriter(pretty: pretty)
        writeSocket(sockets[0], &json)
        json.beginArray()
        for socket in sockets { writeSocket(socket, &json) }
        json.endArray()
        json.beginObject()
        json.key("outer")
        json.beginObject()
        json.key("socket")
        writeSocket(sockets[2], &json)
        json.endObject()
        json.endObject()
        return json.takeBytes()
    }

    @Test(arguments: [false, true])
    func socketMatchesGenericCalls(pretty: Bool) {
        let fast = Self.document(pretty) { socket, json in json.write(socket) }
        let generic = Self.document(pretty) { socket, json in Self.reference(socket, into: &json) }
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: generic, as: UTF8.self))
    }

    @Test(arguments: [false, true], [1, 200, 1 << 16])
    func streamedSnapshotIsTheWholeDocument(pretty: Bool, chunkSize: Int) {
        var streamed: [UInt8] = []
        var pieces = 0
        JSONSnapshotTests.sample.writeJSON(pretty: pretty, chunkSize: chunkSize) { piece in
            streamed += piece
            pieces += 1
        }
        #expect(streamed == JSONSnapshotTests.sample.jsonBytes(pretty: pretty))
        #expect(chunkSize > 1 || pieces > JSONSnapshotTests.sample.sockets.count)
    }
}

/// The snapshot JSON with its sockets laid out in batches on several tasks is the document of
/// one writer, byte for byte.
@Suite struct JSONParallelSocketWriterTests {
    /// More sockets than several batches hold, the last batch short, every shape of socket.
    static let snapshot: Snapshot = {
        var snapshot = JSONSnapshotTests.sample
        let shapes = JSONSocketWriterTests.sockets
        let count = 3 * 4096 + 17
        snapshot.sockets = (0..<count).map { index in
            var socket = shapes[index % shapes.count]
            socket.source.line = index + 1
            socket.localPort = index % 65536
            return socket
        }
        return snapshot
    }()

    @Test(arguments: [false, true], [1, 2, 3, 8])
    func batchesGiveTheWholeDocument(pretty: Bool, tasks: Int) async {
        var pieces: [[UInt8]] = []
        await Self.snapshot.writeJSON(pretty: pretty, tasks: tasks) { pieces.append($0) }
        let joined = pieces.flatMap { $0 }
        #expect(joined == Self.snapshot.jsonBytes(pretty: pretty))
        #expect(pieces.count > 3)
    }

    @Test(arguments: [false, true])
    func fewSocketsAreWrittenInOnePass(pretty: Bool) async {
        var streamed: [UInt8] = []
        await JSONSnapshotTests.sample.writeJSON(pretty: pretty, chunkSize: 200, tasks: 4) { streamed += $0 }
        #expect(streamed == JSONSnapshotTests.sample.jsonBytes(pretty: pretty))
    }
}
