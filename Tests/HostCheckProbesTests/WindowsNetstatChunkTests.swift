import HostCheckCore
import Testing
@testable import HostCheckProbes

/// A capture read in chunks (on several tasks) gives the facts of one sequential pass: the
/// same sockets, processes (services merged per PID in order), diagnostics and line numbers,
/// wherever the chunks start.
@Suite("windows netstat in chunks")
struct WindowsNetstatChunkTests {
    /// Owner blocks of several lines, a PID whose blocks name different services (its first
    /// block twice the same one), rows without owners, pasted noise, an elision, a malformed
    /// row, a state contradicting its endpoints, states of one and several words.
    static let capture = """

        Active Connections

          Proto  Local Address          Foreign Address        State           PID
          TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1024
          RpcSs
          RpcSs
         [svchost.exe]
          TCP    10.0.0.5:3691          0.0.0.0:0              LISTENING       6120
         [Magaya Server.exe]
          TCP    10.0.0.5:52011         93.184.216.34:443      TIME_WAIT       0
          UDP    [fe80::1%11]:546       *:*                                    1024
          Dnscache
          RpcSs
         [svchost.exe]
        some pasted line that is not netstat
          TCP    [::]:445               [::]:0                 LISTENING       4
         Can not obtain ownership information
          TCP    10.0.0.5:49700         10.0.0.9:445           ESTABLISHED     7000
          CryptSvc
         [svchost.exe]
          TCP    10.0.0.5:49701         10.0.0.9:445           LISTENING       7001
          TCP    bad:row                1.2.3.4:99999          ESTABLISHED     5
        ...
          TCP    10.0.0.5:49702         10.0.0.9:80            FIN WAIT 2      7001
          TCP    10.0.0.5:49703         10.0.0.9:80            SOME STATE WORDS 7001
          TCP    10.0.0.5:49704         10.0.0.9:80            TWO WORDS
          UDP    0.0.0.0:500            *:*                                    1024
          W32Time
          CryptSvc
          RpcSs
         [svchost.exe]
          TCP    127.0.0.1:8080         127.0.0.1:52000        ESTABLISHED     7000
          LanmanServer
         [svchost.exe]
          UDP    0.0.0.0:5353           *:*                                    99999999999999999999

        """

    static func text() -> CaptureText {
        CaptureText(file: "chunks.txt", encoding: .utf8, text: capture)
    }

    /// The indices of the lines that start a chunk when they are rows after the first row.
    static func rowStarts(_ text: CaptureText) -> [Int] {
        text.withBytes { all in
            var tokens: [Range<Int>] = []
            let rows = (0..<text.lineCount).filter { index in
                NetstatRowSpan(bytes: UnsafeBufferPointer(rebasing: all[text.lineRanges[index]]), tokens: &tokens) != nil
            }
            return Array(rows.dropFirst())
        }
    }

    /// The chunks starting at `starts` (after line 0), parsed apart and joined as the
    /// parallel parser joins them.
    static func chunked(_ text: CaptureText, starts: [Int]) -> SocketCapture {
        let bounds = zip([0] + starts, starts + [text.lineCount]).map { $0..<$1 }
        var first = NetstatChunk.parse(text, lines: bounds[0])
        for range in bounds.dropFirst() {
            var next = NetstatChunk.parse(text, lines: range)
            next.reverseSockets()
            first.absorb(reversed: next)
        }
        return NetstatParser.finish(first, text: text)
    }

    static func expectSame(_ chunked: SocketCapture, _ sequential: SocketCapture, _ comment: Comment) {
        #expect(chunked.sockets == sequential.sockets, comment)
        #expect(chunked.diagnostics == sequential.diagnostics, comment)
        #expect(chunked.ownerProcesses == sequential.ownerProcesses, comment)
        #expect(chunked.decorationLines == sequential.decorationLines, comment)
        #expect(chunked.hasPIDs == sequential.hasPIDs, comment)
        #expect(chunked.elided == sequential.elided, comment)
    }

    @Test func theCaptureHasWhatTheSplitsMustKeep() {
        let sequential = NetstatParser.parse(Self.text())
        // 13: the UDP row whose PID overflows (line 36) is kept, its owner unknown, not dropped.
        #expect(sequential.sockets.count == 13)
        let svchost = sequential.ownerProcesses.first { $0.pid == 1024 }
        #expect(svchost?.services == ["RpcSs", "RpcSs", "Dnscache", "W32Time", "CryptSvc"])
        #expect(sequential.ownerProcesses.map(\.pid) == [1024, 6120, 7000])
        #expect(sequential.ownerProcesses.first { $0.pid == 7000 }?.services == ["CryptSvc", "LanmanServer"])
        let messages = sequential.diagnostics.map { "\($0.location?.line ?? 0): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("16: line not understood") })
        #expect(messages.contains { $0.hasPrefix("23: malformed netstat row") })
        #expect(messages.contains { $0.hasPrefix("24: rows elided") })
        #expect(messages.contains { $0.hasPrefix("22: state word says listening") })
        #expect(messages.contains { $0.hasPrefix("36: the pid is no Windows process id") })
        #expect(sequential.sockets.first { $0.source.line == 36 }?.ownershipReason == .ownerUnreadable)
        // A row without its PID in a capture with a PID column: its owner field is unreadable.
        #expect(messages.contains { $0.hasPrefix("27: row without a readable pid") })
        #expect(sequential.sockets.map(\.rawState).contains("FIN WAIT 2"))
        #expect(sequential.sockets.map(\.rawState).contains("SOME STATE WORDS"))
        #expect(sequential.sockets.map(\.rawState).contains("TWO WORDS"))
        #expect(sequential.sockets.first { $0.localPort == 445 }?.ownershipReason == nil)
    }

    /// Every split in two, and every split in three, at rows.
    @Test func everySplitAtRowsGivesTheSequentialFacts() {
        let text = Self.text()
        let sequential = NetstatParser.parse(text)
        let starts = Self.rowStarts(text)
        #expect(starts.count >= 10)
        for start in starts {
            Self.expectSame(Self.chunked(text, starts: [start]), sequential, "split at line \(start + 1)")
        }
        for (position, first) in starts.enumerated() {
            for second in starts[(position + 1)...] {
                Self.expectSame(
                    Self.chunked(text, starts: [first, second]), sequential, "split at lines \(first + 1), \(second + 1)")
            }
        }
    }

    /// The targets of the split fall on owner lines, noise and blank lines: each chunk after the
    /// first starts at the next row, never inside an owner block.
    @Test(arguments: [2, 3, 4, 5, 8], [0.0, 0.1, 0.25, 0.4, 0.5, 0.7])
    func boundsStartAtRows(count: Int, firstShare: Double) {
        let text = Self.text()
        let rows = Set(Self.rowStarts(text))
        let bounds = NetstatChunk.bounds(text, count: count, firstShare: firstShare)
        #expect(bounds.first?.lowerBound == 0)
        #expect(bounds.last?.upperBound == text.lineCount)
        for (left, right) in zip(bounds, bounds.dropFirst()) {
            #expect(left.upperBound == right.lowerBound)
            #expect(rows.contains(right.lowerBound), "chunk starts at line \(right.lowerBound + 1)")
        }
        let starts = bounds.dropFirst().map(\.lowerBound)
        Self.expectSame(Self.chunked(text, starts: starts), NetstatParser.parse(text), "bounds \(bounds)")
    }

    @Test(arguments: [1, 2, 3, 4, 7])
    func parallelParseGivesTheSequentialFacts(tasks: Int) async {
        let text = Self.text()
        let parallel = await NetstatParser.parse(text, tasks: tasks, minimumLines: 1)
        Self.expectSame(parallel, NetstatParser.parse(text), "\(tasks) tasks")
    }

    /// A capture of fewer lines than the threshold, or with no row, is read in one pass.
    @Test func smallOrRowlessCapturesAreReadInOnePass() async {
        let rowless = CaptureText(file: "x.txt", encoding: .utf8, text: "Active Connections\n\n  Proto  Local\n")
        let parallel = await NetstatParser.parse(rowless, tasks: 4, minimumLines: 1)
        Self.expectSame(parallel, NetstatParser.parse(rowless), "rowless")
        #expect(NetstatChunk.bounds(rowless, count: 4).count == 1)
        let small = Self.text()
        let unchunked = await NetstatParser.parse(small, tasks: 4)
        Self.expectSame(unchunked, NetstatParser.parse(small), "below the threshold")
    }

    /// The `-b` lines above the first row, and an unknown language's title and header, are
    /// read in the first chunk wherever the others start.
    @Test func preambleStaysWithTheFirstChunk() async {
        let body = Self.capture.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(4)
        let unknown = (["Verbindungen irgendwo", "  Proto  Lokal  Remote  Zustand", "  RpcSs", " [x.exe]"] + body.map(String.init))
            .joined(separator: "\n")
        let text = CaptureText(file: "u.txt", encoding: .utf8, text: unknown)
        let sequential = NetstatParser.parse(text)
        #expect(sequential.decorationLines >= 2)
        for start in Self.rowStarts(text) {
            Self.expectSame(Self.chunked(text, starts: [start]), sequential, "split at line \(start + 1)")
        }
        let parallel = await NetstatParser.parse(text, tasks: 3, minimumLines: 1)
        Self.expectSame(parallel, sequential, "3 tasks")
    }
}
