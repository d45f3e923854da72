import HostCheckCore
import Testing
@testable import HostCheckProbes

@Suite("utf-8 validation")
struct UTF8ValidationTests {
    /// Unicode Table 3-7, its edges, and the ill-formed sequences around them.
    static let sequences: [([UInt8], Bool)] = [
        ([], true), (Array("plain ascii, longer than thirty-two bytes in a row".utf8), true),
        ([0x7F], true), ([0x80], false), ([0xBF], false), ([0xC0, 0x80], false), ([0xC1, 0xBF], false),
        ([0xC2, 0x80], true), ([0xDF, 0xBF], true), ([0xC2], false), ([0xC2, 0x7F], false), ([0xC2, 0xC0], false),
        ([0xE0, 0xA0, 0x80], true), ([0xE0, 0x9F, 0xBF], false), ([0xE1, 0x80, 0x80], true), ([0xEC, 0xBF, 0xBF], true),
        ([0xED, 0x9F, 0xBF], true), ([0xED, 0xA0, 0x80], false), ([0xEE, 0x80, 0x80], true), ([0xEF, 0xBF, 0xBF], true),
        ([0xE1, 0x80], false), ([0xE1, 0x80, 0x7F], false),
        ([0xF0, 0x90, 0x80, 0x80], true), ([0xF0, 0x8F, 0xBF, 0xBF], false), ([0xF1, 0x80, 0x80, 0x80], true),
        ([0xF3, 0xBF, 0xBF, 0xBF], true), ([0xF4, 0x8F, 0xBF, 0xBF], true), ([0xF4, 0x90, 0x80, 0x80], false),
        ([0xF5, 0x80, 0x80, 0x80], false), ([0xFF], false), ([0xF0, 0x90, 0x80], false),
        (Array("ABHÖREN 活动连接 🙂".utf8), true),
    ]

    @Test func everySequenceOfTable3_7() {
        for (bytes, valid) in Self.sequences {
            #expect(UTF8Validation.isValid(FileBytes(bytes)) == valid, "\(bytes)")
            // After 40 bytes of ASCII (the 32-byte fast path), and before more.
            let padded = Array(repeating: UInt8(ascii: "a"), count: 40) + bytes + Array(repeating: UInt8(ascii: "b"), count: 40)
            #expect(UTF8Validation.isValid(FileBytes(padded)) == valid, "padded \(bytes)")
        }
    }

    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        var generator = CaptureRobustnessTests.Generator(state: 3691)
        let alphabet: [UInt8] = [0x41, 0x0A, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5]
        for _ in 0..<3000 {
            let bytes = (0..<generator.below(13)).map { _ in alphabet[generator.below(alphabet.count)] }
            #expect(UTF8Validation.isValid(FileBytes(bytes)) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }

    /// A text checked in two halves gives what one pass gives, wherever its middle falls
    /// (inside a multi-byte sequence, on an invalid byte).
    @Test func halvesCheckedAtOnceAgreeWithOnePass() {
        let unit = Array("Proto ABHÖREN 活动 🙂\r\n".utf8)
        for length in 1...unit.count * 2 {
            let text = Array((unit + unit).prefix(length))
            for broken in [nil, length / 2, length - 1] as [Int?] {
                var bytes = text
                if let broken { bytes[broken] = 0xFF }
                #expect(UTF8Validation.isValid(FileBytes(bytes), parallelFrom: 1)
                        == UTF8Validation.isValid(FileBytes(bytes), parallelFrom: .max), "\(bytes)")
            }
        }
    }
}
