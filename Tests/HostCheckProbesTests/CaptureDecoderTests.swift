import HostCheckCore
import Testing
@testable import HostCheckProbes

@Suite("capture decoder")
struct CaptureDecoderTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        var encoding: CaptureEncoding?
        var text: String?
        var description: String { name }
    }

    static let sample = "Active Connections\r\n  TCP    0.0.0.0:3691\r\n"

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    static let cases: [Case] = [
        Case(name: "utf-8", bytes: Array(sample.utf8), encoding: .utf8, text: sample),
        Case(name: "utf-8 bom", bytes: [0xEF, 0xBB, 0xBF] + Array("Ä:1".utf8), encoding: .utf8BOM, text: "Ä:1"),
        Case(name: "utf-16le bom", bytes: [0xFF, 0xFE] + utf16(sample, bigEndian: false), encoding: .utf16LEBOM, text: sample),
        Case(name: "utf-16be bom", bytes: [0xFE, 0xFF] + utf16("活动连接", bigEndian: true), encoding: .utf16BEBOM, text: "活动连接"),
        Case(name: "utf-16le without bom", bytes: utf16(sample, bigEndian: false), encoding: .utf16LE, text: sample),
        Case(name: "oem bytes choose the code page a known word decodes in",
             bytes: Array("  TCP  0.0.0.0:1  0.0.0.0:0  ABH".utf8) + [0x99] + Array("REN".utf8), encoding: .cp850,
             text: "  TCP  0.0.0.0:1  0.0.0.0:0  ABHÖREN"),
        Case(name: "oem bytes without a known word are read as cp437 (a guess)", bytes: [0x43, 0x61, 0x66, 0x82],
             encoding: .cp437, text: "Café"),
    ]

    @Test(arguments: cases)
    func decodes(_ testCase: Case) {
        let decoded = CaptureDecoder.decode(testCase.bytes)
        #expect(decoded?.encoding == testCase.encoding)
        #expect(decoded?.text == testCase.text)
    }

    @Test(arguments: [
        ("a\r\nb\nc\rd", ["a", "b", "c", "d"]),
        ("a\r\n\r\nb\r\n", ["a", "", "b"]),
        ("\r\n\n\r", ["", "", ""]),
        ("no terminator", ["no terminator"]),
        ("", []),
        ("a\r", ["a"]),
        ("a\r\r\nb", ["a", "", "b"]),
        ("\r\r", ["", ""]),
        ("x\n\n", ["x", ""]),
    ])
    func splitsLinesAsAnEditorCounts(_ text: String, _ lines: [String]) {
        #expect(CaptureText.splitLines(text).map(String.init) == lines)
    }

    /// A text cut in two after a line feed near its middle and scanned on two threads has the
    /// lines of one pass, whatever comes around the cut (CRLF, lone CRs, blank lines, no final
    /// terminator).
    @Test func linesScannedInTwoHalvesAreThoseOfOnePass() {
        let pieces = ["a\r\n", "\n", "\r", "bc\r\r\n", "", "d", "\r\n\r\n", "ef\n"]
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    for fourth in pieces {
                        let text = FileBytes(Array((first + second + third + fourth + "x\r\ny").utf8))
                        #expect(CaptureText.scanLines(text, parallelFrom: 1) == CaptureText.scanLines(text, parallelFrom: .max),
                                "\(first + second + third + fourth)")
                    }
                }
            }
        }
    }

    /// Lines as a plain byte-by-byte reading counts them (CRLF, LF or a lone CR ends one).
    static func plainLines(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case 0x0D:
                ranges.append(start..<index)
                index += index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                start = index
            case 0x0A:
                ranges.append(start..<index)
                index += 1
                start = index
            default:
                index += 1
            }
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    /// Random texts of CRs, LFs and other bytes, across the eight-byte steps of the scan.
    @Test func randomTextsSplitAsAPlainReadingDoes() {
        var generator = CaptureRobustnessTests.Generator(state: 1252)
        let alphabet: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A, 0x41, 0x20, 0xC3, 0x80, 0x09]
        for _ in 0..<4000 {
            let bytes = (0..<generator.below(40)).map { _ in alphabet[generator.below(alphabet.count)] }
            let expected = Self.plainLines(bytes)
            #expect(Array(CaptureText.scanLines(FileBytes(bytes), parallelFrom: .max)) == expected, "\(bytes)")
            #expect(Array(CaptureText.scanLines(FileBytes(bytes), parallelFrom: 1)) == expected, "\(bytes)")
        }
    }

    /// Offsets that do not fit in 32 bits are kept whole (the lines of a text of 4 GiB or more).
    @Test func linesBeyond32BitOffsetsKeepTheirRanges() {
        let bytes = Array("a\r\nbc\n\rd".utf8)
        let shift = Int(UInt32.max) - 4
        let far = bytes.withUnsafeBufferPointer { CaptureText.scanLines($0, offset: shift, reserving: 1) }
        let near = bytes.withUnsafeBufferPointer { CaptureText.scanLines($0, offset: 0, reserving: 1) }
        if case .wide = far {} else { Issue.record("expected 64-bit ranges") }
        if case .packed = near {} else { Issue.record("expected packed ranges") }
        #expect(Array(LineTable(near)) == [0..<1, 3..<5, 6..<6, 7..<8])
        #expect(Array(LineTable(far)) == Array(LineTable(near)).map { $0.lowerBound + shift..<$0.upperBound + shift })
    }
}
