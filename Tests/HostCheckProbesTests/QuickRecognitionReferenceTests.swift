import Foundation
import HostCheckCore
@testable import HostCheckProbes
import Testing

/// The byte path of recognition (``QuickRecognition``) against the one it replaced
/// (``ReferenceQuickRecognition``): the same shape for every text and the same decision for
/// every line (fixture lines, each of them mutated byte by byte, and generated lines on the edge
/// of the quick shapes); and each row it keeps is the one the parser would read.
@Suite struct QuickRecognitionReferenceTests {
    /// The capture fixtures, and the captures corpus of the fuzz target.
    static let files: [String] = {
        let corpus = CaptureFixtures.testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Corpus/captures")
        let fuzz = ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? [])
            .map { corpus.appendingPathComponent($0).path }
        return QuickRecognitionTests.fixtureFiles + fuzz.sorted()
    }()

    /// The texts of the files: decoded when they decode, and as read.
    static func texts() throws -> [CaptureText] {
        try files.flatMap { file -> [CaptureText] in
            let bytes = try #require(FileManager.default.contents(atPath: file))
            var texts = [CaptureText(file: file, encoding: .utf8, utf8: Array(bytes))]
            if let decoded = try? CaptureDecoder.read(FileBytes(Array(bytes))) {
                texts.append(CaptureText(file: file, encoding: decoded.encoding, utf8: decoded.utf8))
            }
            return texts
        }
    }

    @Test func everyTextHasTheSameShapeAndItsKnownRowsAreThoseTheParserReads() throws {
        var netstat = 0
        for text in try Self.texts() {
            var rows = KnownRows()
            let shape = text.withBytes { QuickRecognition.shape(of: $0, lines: text.lineRanges, rows: &rows) }
            let reference = text.withBytes { ReferenceQuickRecognition.shape(of: $0, lines: text.lineRanges) }
            #expect(shape == reference, "\(text.file)")
            guard shape == .windowsNetstat else { continue }
            netstat += 1
            #expect(rows.count <= text.lineCount)
            text.withBytes { all in
                var tokens: [Range<Int>] = []
                for index in 0..<rows.count {
                    let line = UnsafeBufferPointer(rebasing: all[text.lineRanges[index]])
                    if ByteLine.isBlank(line) { continue }
                    #expect(rows[index] == NetstatRowSpan(bytes: line, tokens: &tokens), "\(text.file):\(index + 1)")
                }
            }
        }
        #expect(netstat >= 20)
    }

    @Test func everyFixtureLineAndItsMutationsAreDecidedAlike() throws {
        var lines: Set<[UInt8]> = []
        for text in try Self.texts() {
            text.withBytes { all in
                for index in 0..<min(text.lineCount, 400) {
                    let range = text.lineRanges[index]
                    if range.count <= 200 { lines.insert(Array(all[range])) }
                }
            }
        }
        let replacements: [UInt8] = Array(" \t\":,0A[]%*TPK".utf8) + [0x7F, 0x80, 0x01, 0x0D]
        var compared = 0
        for line in lines.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            compare(line)
            compared += 1
            // Lines of a quick shape, and those one byte away from one, are mutated byte by byte.
            guard isQuick(line) else { continue }
            // Each token dropped, doubled, and swapped with the next.
            let tokens = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map(Array.init)
            for index in tokens.indices {
                var dropped = tokens
                dropped.remove(at: index)
                var doubled = tokens
                doubled.insert(tokens[index], at: index)
                var swapped = tokens
                if index + 1 < tokens.count { swapped.swapAt(index, index + 1) }
                for variant in [dropped, doubled, swapped] { compare(Array(variant.joined(separator: Array("  ".utf8)))) }
            }
            for position in line.indices {
                var deleted = line
                deleted.remove(at: position)
                compare(deleted)
                for byte in replacements where byte != line[position] {
                    var replaced = line
                    replaced[position] = byte
                    compare(replaced)
                }
                compared += 1 + replacements.count
            }
        }
        #expect(compared > 10000)
    }

    @Test func generatedLinesAreDecidedAlike() {
        let netstatWords = [
            "TCP", "UDP", "TCPv6", "tcp", "Proto", "Local", "Address", "Foreign", "State", "PID", "Active", "Connections",
            "0.0.0.0:135", "0.0.0.0:0", "[::]:0", "[fe80::1%12]:1900", "*:*", "10.0.0.1:99999", ":80", "host:", "[::1]:x",
            "127.0.0.1:https", "a:b", "[1:2]", "LISTENING", "ESTABLISHED", "LISTEN", "BOUND", "Listening", "TIME_WAIT",
            "SYN_RCVD", "4", "0", "912", "12345678901", "4294967296", "x", "^C", "\"", "LocalAddress",
        ]
        let tasklistFields = [
            "System Idle Process", "svchost.exe", "Image Name", "PID", "Session Name", "Session#", "Mem Usage", "Services",
            "Console", "0", "4", "12345678901", "8 K", "1,536 K", "12 K ", "K", "", "Name", "processid", "a.b-c_(1)#",
            "Idle", "caf\u{E9}", "x\"y", "1 2",
        ]
        // Lines in the order of the title, the header and a row, a word sometimes left out,
        // changed or added.
        let ordered: [[String]] = [
            ["Active"], ["Connections"], ["Proto"], ["Local"], ["Address"], ["Foreign"], ["Address"], ["State"], ["PID"],
        ]
        let rowParts: [[String]] = [
            ["TCP", "UDP", "TCPv6", "UDPv6", "tcp"], netstatWords.filter { $0.contains(":") },
            netstatWords.filter { $0.contains(":") }, ["LISTENING", "ESTABLISHED", "LISTEN", "BOUND", "Listening", "TIME_WAIT", "SYN_RCVD"],
            ["4", "0", "912", "12345678901", "4294967296", "x"],
        ]
        var random = SplitMix(seed: 18)
        let separators = [" ", "  ", "\t", "   "]
        func line(_ words: [String]) -> [UInt8] {
            var text = random.below(4) == 0 ? "  " : ""
            for (index, word) in words.enumerated() {
                if index > 0 { text += separators[random.below(separators.count)] }
                text += word
            }
            return Array(text.utf8)
        }
        func pick(_ words: [String]) -> String { words[random.below(words.count)] }
        for _ in 0..<40000 {
            compare(line((0..<random.below(9)).map { _ in pick(netstatWords) }))
            let template = random.below(3) == 0 ? Array(ordered.prefix(2)) : random.below(2) == 0 ? Array(ordered.dropFirst(2)) : rowParts
            var words: [String] = []
            for part in template where random.below(8) != 0 {
                words.append(random.below(10) == 0 ? pick(netstatWords) : pick(part))
                if random.below(12) == 0 { words.append(pick(netstatWords)) }
            }
            compare(line(words))
            let fields = (0..<(3 + random.below(4))).map { _ in tasklistFields[random.below(tasklistFields.count)] }
            let quoted = "\"" + fields.joined(separator: random.below(6) == 0 ? "\", \"" : "\",\"") + "\""
            compare(Array(quoted.utf8))
            compare(Array((random.below(2) == 0 ? " " + quoted : quoted + "\t").utf8))
        }
    }

    /// Whether the reference decides the line by bytes.
    private func isQuick(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { bytes in
            var tokens: [Range<Int>] = []
            return !ByteLine.isBlank(bytes) && ReferenceQuickRecognition.kind(of: bytes, tokens: &tokens) != nil
        }
    }

    /// The line is decided alike, and a row kept is the one the parser reads.
    private func compare(_ line: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        line.withUnsafeBufferPointer { bytes in
            guard !ByteLine.isBlank(bytes) else { return }
            var tokens: [Range<Int>] = []
            let reference = ReferenceQuickRecognition.kind(of: bytes, tokens: &tokens)
            var rows = KnownRows()
            let kind = QuickRecognition.kind(of: bytes, index: 0, window: 1, rows: &rows)
            let shown = String(decoding: line, as: UTF8.self)
            #expect(kind?.shape == reference?.shape, "\(shown.debugDescription)", sourceLocation: sourceLocation)
            #expect(kind?.counts == reference?.counts, "\(shown.debugDescription)", sourceLocation: sourceLocation)
            // A row is recorded exactly when the line counts, and it is the row the parser reads.
            #expect(rows.count == (kind?.counts == true && kind?.shape == .windowsNetstat ? 1 : 0), "\(shown.debugDescription)",
                    sourceLocation: sourceLocation)
            if rows.count == 1 {
                #expect(rows[0] == NetstatRowSpan(bytes: bytes, tokens: &tokens), "\(shown.debugDescription)",
                        sourceLocation: sourceLocation)
            }
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failure is reproduced.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return Int(value % UInt64(bound))
    }
}
