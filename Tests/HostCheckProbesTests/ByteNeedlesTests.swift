import Testing
@testable import HostCheckProbes

/// ``ByteNeedles`` finds exactly what a plain case-insensitive search finds: words anywhere, whole
/// words as blank-separated tokens.
@Suite struct ByteNeedlesTests {
    static let words = [":\\"]
    static let wholeWords = ["netstat", "ss", "get-process"]
    static let needles = ByteNeedles(words.map { Array($0.utf8) }, wholeWords: wholeWords.map { Array($0.utf8) })

    static func occur(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { needles.occur(in: UnsafeBufferPointer($0)) }
    }

    @Test(arguments: [
        ("C:\\Users\\ops>netstat -ano", true),
        ("PS C:\\> Get-Process", true),
        ("$ SS -tlpn", true),
        ("  TCP    0.0.0.0:135    0.0.0.0:0    LISTENING    1044", false),
        ("s", false),
        ("", false),
        ("netsta", false),
        ("xxNETSTATxx", false),
        ("x NETSTAT", true),
        ("netstat\u{A0}-ano", true),
        ("a:\\b", true),
        ("class ss", true),
        ("class", false),
        ("get-proces", false),
        ("s s", false),
    ])
    func findsTheWordsIgnoringCase(text: String, expected: Bool) {
        #expect(Self.occur(text) == expected, "\(text)")
    }

    /// Random lines over a small alphabet (so the words occur often) agree with a plain search:
    /// `:\\` anywhere, a whole word as one of the blank-separated tokens.
    @Test func agreesWithAPlainSearch() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("nNeEtTsSaA:\\-gGpPrRoOc \t")
        for _ in 0..<5_000 {
            let line = String((0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? " " })
            let lowered = line.lowercased()
            let tokens = lowered.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let plain = Self.words.contains { lowered.contains($0) } || Self.wholeWords.contains { tokens.contains($0) }
            #expect(Self.occur(line) == plain, "\(line)")
        }
    }
}

/// ``Tokens/split(_:)`` splits on runs of ASCII spaces and tabs, by bytes.
@Suite struct TokenSplitTests {
    @Test(arguments: [
        ("  TCP    0.0.0.0:135\t\t0.0.0.0:0  LISTENING 1044  ", ["TCP", "0.0.0.0:135", "0.0.0.0:0", "LISTENING", "1044"]),
        ("", []),
        (" \t ", []),
        ("one", ["one"]),
        ("Größe  Ö", ["Größe", "Ö"]),
        ("a\u{A0}b c", ["a\u{A0}b", "c"]),
        ("a \u{301}b", ["a", "\u{301}b"]),
    ])
    func splitsOnASCIIBlanks(line: String, expected: [String]) {
        #expect(Tokens.split(Substring(line)).map(String.init) == expected)
    }
}
