import Foundation
import HostCheckCore
import Testing
@testable import HostCheckProbes

/// Issue 13: junk captures (binary data, lines of megabytes) are refused or reported from a
/// bounded look, located, without their content, and the text around a long line is still read.
@Suite("capture junk")
struct CaptureJunkTests {
    static let header = "\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n"
    static let rows = [
        "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       988\r\n",
        "  TCP    0.0.0.0:3691           0.0.0.0:0              LISTENING       6120\r\n",
        "  UDP    0.0.0.0:500            *:*                                    3312\r\n",
        "  TCP    [::]:3691              [::]:0                 LISTENING       6120\r\n",
    ]

    /// `count` bytes of a seeded generator's output.
    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = CaptureRobustnessTests.Generator(state: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }

    /// Errors and warnings of a parsed file and of what its parser found.
    static func problems(_ parsed: ParsedCapture) -> [Diagnostic] {
        (parsed.diagnostics + (parsed.sockets?.diagnostics ?? []) + (parsed.processes?.diagnostics ?? []))
            .filter { $0.severity >= .warning }
    }

    // MARK: - Lines too long to read

    @Test func aLongLineIsReportedAndTheLinesAroundItAreRead() throws {
        let long = String(repeating: "Q", count: 2 << 20)
        let withLong = Self.header + Self.rows[0] + Self.rows[1] + long + "\r\n" + Self.rows[2] + Self.rows[3]
        let withBlank = Self.header + Self.rows[0] + Self.rows[1] + "\r\n" + Self.rows[2] + Self.rows[3]
        let parsed = CaptureFixtures.parse(withLong, name: "long.txt")
        let reference = CaptureFixtures.parse(withBlank, name: "long.txt")
        #expect(parsed.source.format == "windows-netstat")
        let sockets = try #require(parsed.sockets).sockets
        #expect(sockets.count == 4)
        #expect(sockets == reference.sockets?.sockets)
        let problems = Self.problems(parsed)
        #expect(problems.count == 1, "\(problems)")
        let error = try #require(problems.first)
        #expect(error.severity == .error)
        #expect(error.message == "line longer than 1 MiB (2097152 bytes); not read")
        #expect(error.location == SourceLocation(file: "long.txt", line: 7))
        #expect(!error.message.contains("QQQQ"))
    }

    @Test func aLineOfExactlyTheLimitIsRead() {
        let text = CaptureText(file: "t", encoding: .utf8, text: "a\n" + String(repeating: "b", count: 1 << 20) + "\nc\n")
        #expect(text.lineRanges.longLines.isEmpty)
        #expect(text.lineRanges[1].count == 1 << 20)
    }

    @Test func aFileOfOneGarbageLineIsOneLocatedErrorAndNoFacts() {
        let parsed = CaptureFixtures.parse(String(repeating: "x9+/", count: (1 << 20) / 2), name: "g.txt")
        #expect(parsed.sockets == nil && parsed.processes == nil)
        #expect(parsed.diagnostics.count == 1, "\(parsed.diagnostics)")
        #expect(parsed.diagnostics.first?.severity == .error)
        #expect(parsed.diagnostics.first?.message == "line longer than 1 MiB (2097152 bytes); not read")
        #expect(parsed.diagnostics.first?.location == SourceLocation(file: "g.txt", line: 1))
    }

    @Test func manyLongLinesAreCountedAfterTheFirstTen() {
        let long = String(repeating: "z", count: (1 << 20) + 1)
        let text = Array(repeating: long, count: 12).joined(separator: "\n")
        let parsed = CaptureFixtures.parse(text, name: "many.txt")
        let long12 = parsed.diagnostics.filter { $0.message.contains("longer than 1 MiB") }
        #expect(long12.count == 11)
        #expect(long12.last?.message == "2 more lines longer than 1 MiB; not read")
        #expect(long12.last?.location == SourceLocation(file: "many.txt", line: 11))
    }

    struct LineCase: Sendable, CustomStringConvertible {
        var text: String
        var maximum: Int
        var ranges: [Range<Int>]
        var long: [LineTable.LongLine]
        var description: String { text.debugDescription }
    }

    static let lineCases: [LineCase] = [
        LineCase(text: "ab\nabcd\nabc", maximum: 3, ranges: [0..<2, 3..<3, 8..<11], long: [.init(index: 1, byteCount: 4)]),
        LineCase(text: "abcd\r\nx\rabcdef", maximum: 3, ranges: [0..<0, 6..<7, 8..<8],
                 long: [.init(index: 0, byteCount: 4), .init(index: 2, byteCount: 6)]),
        LineCase(text: "abc\nabc\n", maximum: 3, ranges: [0..<3, 4..<7], long: []),
    ]

    /// Long lines are blanked and listed alike whether the text is scanned in one pass or in
    /// two halves at once.
    @Test(arguments: lineCases)
    func longLinesAreBlankedAndListed(_ testCase: LineCase) {
        for threshold in [Int.max, 1] {
            let table = CaptureText.scanLines(FileBytes(Array(testCase.text.utf8)), parallelFrom: threshold, maximumLength: testCase.maximum)
            #expect(Array(table) == testCase.ranges, "threshold \(threshold)")
            #expect(table.longLines == testCase.long, "threshold \(threshold)")
        }
    }

    @Test func aPowerShellDocumentWithALongLineIsNotRead() {
        let json = "[\n  {\n    \"LocalAddress\": \"0.0.0.0\",\n    \"LocalPort\": 3691,\n    \"OwningProcess\": 6120,\n"
            + "    \"Note\": \"" + String(repeating: "n", count: (1 << 20) + 10) + "\"\n  }\n]\n"
        let parsed = CaptureFixtures.parse(json, name: "ps.json")
        #expect(parsed.sockets?.sockets.isEmpty ?? true)
        let problems = Self.problems(parsed)
        #expect(problems.contains { $0.message.hasPrefix("line longer than 1 MiB") && $0.location?.line == 6 })
        #expect(problems.allSatisfy { $0.severity == .error && !$0.message.contains("nnnn") })
    }

    // MARK: - Binary data

    struct BinaryCase: Sendable, CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        /// The reasons the message may give (random bytes may show either first).
        var reasons: [String]
        var line: Int
        var description: String { name }
    }

    static let binaryCases: [BinaryCase] = {
        let text = Array((header + rows.joined()).utf8)
        let farText = Array(String(repeating: rows[0], count: 70 * 1024 / rows[0].utf8.count).utf8)
        var controls = [UInt8](repeating: 0x1B, count: 400)
        controls += [UInt8](repeating: 0xE9, count: 400) + [0x0A] + [UInt8](repeating: 0x41, count: 3000)
        return [
            BinaryCase(name: "NUL bytes", bytes: [UInt8](repeating: 0, count: 100_000), reasons: ["a NUL byte"], line: 1),
            BinaryCase(name: "random bytes", bytes: randomBytes(200_000, seed: 13), reasons: ["a NUL byte"], line: 0),
            BinaryCase(name: "a NUL after eight lines", bytes: text + [0] + text, reasons: ["a NUL byte"], line: 9),
            BinaryCase(name: "a NUL beyond the sniff window", bytes: farText + [0x41, 0x00, 0x0A],
                       reasons: ["a NUL byte"], line: farText.count / rows[0].utf8.count + 1),
            BinaryCase(name: "NUL bytes after a utf-8 byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + [UInt8](repeating: 0, count: 5000),
                       reasons: ["a NUL byte"], line: 1),
            BinaryCase(name: "random bytes after a utf-16 byte-order mark", bytes: [0xFF, 0xFE] + randomBytes(100_000, seed: 7),
                       reasons: ["unpaired utf-16 surrogates", "a NUL byte"], line: 0),
            BinaryCase(name: "control bytes", bytes: controls, reasons: ["control bytes"], line: 1),
        ]
    }()

    /// A NUL anywhere, too many control bytes, or UTF-16 noise: one located error, no facts.
    @Test(arguments: binaryCases)
    func binaryDataIsOneLocatedError(_ testCase: BinaryCase) throws {
        let parsed = ParsedCapture.parse(CaptureInput(file: "junk.bin", bytes: testCase.bytes))
        #expect(parsed.sockets == nil && parsed.processes == nil)
        #expect(parsed.source.format == ParsedCapture.unknownFormat)
        #expect(parsed.diagnostics.count == 1, "\(parsed.diagnostics)")
        let error = try #require(parsed.diagnostics.first)
        #expect(error.severity == .error)
        #expect(testCase.reasons.map { "binary file, not text (\($0)); not read" }.contains(error.message), "\(error.message)")
        #expect(error.location?.file == "junk.bin")
        let line = try #require(error.location?.line)
        if testCase.line > 0 { #expect(line == testCase.line) } else { #expect(line >= 1) }
    }

    /// Random bytes are refused from the sniff window: decoding never reaches the rest.
    @Test func theFirstWindowDecidesRandomBytes() {
        let head = Self.randomBytes(CaptureDecoder.sniffLimit, seed: 99)
        #expect(throws: CaptureDecodeError.self) { try CaptureDecoder.read(FileBytes(head)) }
    }

    // MARK: - Honest text still decodes

    static let honestFixtures = [
        ("netstat-ano-3691.utf16le.txt", CaptureEncoding.utf16LEBOM), ("tasklist-nc64.utf16le.csv", .utf16LEBOM),
        ("netstat-ano-3691.txt", .utf8), ("languages/netstat-ano-de.cp850.txt", .cp850),
        ("languages/netstat-ano-ja.cp932.txt", .cp932),
    ]

    @Test(arguments: honestFixtures)
    func realCapturesAreStillDecoded(_ name: String, _ encoding: CaptureEncoding) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: CaptureFixtures.windows(name))))
        let parsed = ParsedCapture.parse(CaptureInput(file: name, bytes: bytes))
        #expect(parsed.source.encoding == encoding.rawValue)
        #expect(parsed.source.format != ParsedCapture.unknownFormat)
        #expect(!parsed.diagnostics.contains { $0.message.contains("binary") })
    }

    @Test func utf16WithAccentsAndSurrogatePairsIsText() throws {
        let text = Self.header + "  TCP    0.0.0.0:1  0.0.0.0:0  ABHÖREN  4\r\n  [😀.exe]\r\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let decoded = try CaptureDecoder.read(FileBytes(bytes))
        #expect(decoded.encoding == .utf16LEBOM)
        #expect(decoded.text == text)
    }
}
