import Testing
@testable import HostCheckProbes

@Suite("byte lines")
struct ByteLineTests {
    /// Tokens as a plain byte-by-byte split gives them.
    static func plainTokens(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        for (index, byte) in bytes.enumerated() {
            let blank = byte == 0x20 || byte == 0x09
            if blank, let begun = start {
                ranges.append(begun..<index)
                start = nil
            } else if !blank, start == nil {
                start = index
            }
        }
        if let start { ranges.append(start..<bytes.count) }
        return ranges
    }

    @Test(arguments: [
        "  TCP    192.168.31.221:52549   185.250.244.141:443    ESTABLISHED     6516",
        "\tUDP\t[fe80::1%11]:5353\t*:*\t\t4", "", "        ", "x", "12345678", "1234567 9", "ABHÖREN  活动连接",
        "                 [svchost.exe]", "a\t\t\t\t\t\t\t\t\t\tb",
    ])
    func tokensAreThoseOfAPlainSplit(line: String) {
        let bytes = Array(line.utf8)
        #expect(bytes.withUnsafeBufferPointer { ByteLine.tokens($0) } == Self.plainTokens(bytes))
    }

    /// Every placement of blanks around the eight-byte steps, on random lines.
    @Test func randomLinesSplitAsAPlainSplitDoes() {
        var generator = CaptureRobustnessTests.Generator(state: 3691)
        let alphabet: [UInt8] = [0x20, 0x20, 0x20, 0x09, 0x41, 0x3A, 0x2E, 0x80, 0xC3, 0x00, 0xFF, 0x21, 0x1F]
        for _ in 0..<4000 {
            let bytes = (0..<generator.below(41)).map { _ in alphabet[generator.below(alphabet.count)] }
            #expect(bytes.withUnsafeBufferPointer { ByteLine.tokens($0) } == Self.plainTokens(bytes), "\(bytes)")
        }
    }
}
