import Testing
import HostCheckCore

/// Bidirectional controls in a snapshot: escaped in the JSON (the socket fast path and the
/// generic writer alike) and read back to the same strings.
@Suite struct BidiJSONTests {
    static let spoof = "x\u{202E}gpj.exe\u{2066}\u{2069}\u{200E}\u{200F}\u{061C}"

    static let snapshot: Snapshot = {
        var snapshot = JSONSnapshotTests.sample
        snapshot.host.name = "wh-" + spoof
        snapshot.processes[0].name = spoof
        snapshot.sockets[0].rawState = spoof
        snapshot.sockets[0].source.file = spoof + ".txt"
        return snapshot
    }()

    @Test(arguments: [false, true])
    func escapedAndReadBack(pretty: Bool) throws {
        let bytes = Self.snapshot.jsonBytes(pretty: pretty)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.unicodeScalars.contains { TerminalText.isBidirectionalControl($0) })
        #expect(text.contains(#""wh-x\u202egpj.exe\u2066\u2069\u200e\u200f\u061c""#))
        #expect(text.contains(#""x\u202egpj.exe\u2066\u2069\u200e\u200f\u061c.txt""#))
        #expect(try Snapshot(jsonBytes: bytes, file: "snap.json") == Self.snapshot)
    }
}
