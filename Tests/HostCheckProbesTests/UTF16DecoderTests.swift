import Testing
@testable import HostCheckProbes

@Suite("utf-16 decoder")
struct UTF16DecoderTests {
    /// The standard library's reading of the same code units (ill-formed ones as U+FFFD).
    static func reference(_ bytes: [UInt8], littleEndian: Bool) -> [UInt8] {
        let units = stride(from: 0, to: bytes.count / 2 * 2, by: 2).map { index in
            littleEndian ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8 : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
        }
        var utf8: [UInt8] = []
        _ = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) { utf8.append($0) }
        return utf8
    }

    static func decoded(_ bytes: [UInt8], littleEndian: Bool) -> [UInt8] {
        bytes.withUnsafeBufferPointer { UTF16Decoder.utf8($0, littleEndian: littleEndian) }
    }

    @Test(arguments: [true, false])
    func textsDecodeAsTheStandardLibraryDecodesThem(littleEndian: Bool) {
        for text in ["", "a", "  TCP    0.0.0.0:3691           0.0.0.0:0              ABHÖREN         6120\r\n",
                     "活动连接 Активные подключения 🙂 état", String(repeating: "ascii only, longer than four units ", count: 3)] {
            let bytes = text.utf16.flatMap { littleEndian ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            #expect(Self.decoded(bytes, littleEndian: littleEndian) == Array(text.utf8))
            #expect(Self.decoded(bytes + [0x41], littleEndian: littleEndian) == Array(text.utf8), "odd trailing byte")
        }
    }

    /// Random units around the four-unit steps: ASCII, other BMP characters, surrogates paired
    /// and unpaired, in both byte orders.
    @Test func randomUnitsDecodeAsTheStandardLibraryDecodesThem() {
        var generator = CaptureRobustnessTests.Generator(state: 1200)
        let units: [UInt16] = [0x41, 0x20, 0x0D, 0x7F, 0x80, 0xD6, 0x4E2D, 0xD83D, 0xDE42, 0xDC00, 0xDBFF, 0xFFFD, 0x100]
        for _ in 0..<4000 {
            let chosen = (0..<generator.below(14)).map { _ in units[generator.below(units.count)] }
            for littleEndian in [true, false] {
                let bytes = chosen.flatMap { littleEndian ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
                #expect(Self.decoded(bytes, littleEndian: littleEndian) == Self.reference(bytes, littleEndian: littleEndian), "\(chosen)")
            }
        }
    }
}
