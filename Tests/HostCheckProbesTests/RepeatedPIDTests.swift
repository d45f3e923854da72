import HostCheckCore
@testable import HostCheckProbes
import Testing

/// ``SnapshotAssembler/hasRepeatedPID(_:)``, pair by pair in a short list and through a set in a
/// long one, and ``SnapshotAssembler/deduplicated(_:diagnostics:sockets:)`` returning a list
/// without one as it is.
@Suite struct RepeatedPIDTests {
    static func records(_ pids: [Int]) -> [ProcessFact] {
        pids.enumerated().map { line, pid in
            ProcessFact(pid: pid, name: "p\(pid).exe", source: SourceLocation(file: "tasklist.csv", line: line + 1))
        }
    }

    @Test(arguments: [
        ([], false), ([4], false), ([4, 8], false), ([4, 4], true), ([0, 4, 8, 12, 8], true),
        (Array(0..<32), false), (Array(0..<32) + [31], true), (Array(0..<33), false), (Array(0..<100) + [0], true),
        ([7] + Array(100..<200) + [7], true),
    ])
    func repeatedPIDsAreFound(pids: [Int], repeated: Bool) {
        #expect(SnapshotAssembler.hasRepeatedPID(Self.records(pids)) == repeated)
        #expect(SnapshotAssembler.hasRepeatedPID(Self.records(pids)) == (Set(pids).count != pids.count))
    }

    @Test func aListWithoutARepeatedPIDIsKeptAsItIs() {
        let processes = Self.records([0, 4, 3268, 2312, 11136, 7652, 5780])
        var diagnostics: [Diagnostic] = []
        var sockets: [SocketFact] = []
        #expect(SnapshotAssembler.deduplicated(processes, diagnostics: &diagnostics, sockets: &sockets) == processes)
        #expect(diagnostics.isEmpty)
        let repeated = Self.records([4, 8, 4])
        #expect(SnapshotAssembler.deduplicated(repeated, diagnostics: &diagnostics, sockets: &sockets).map(\.pid) == [4, 8])
    }
}
