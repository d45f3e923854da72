/// A few ASCII words searched for in a line at once, ignoring ASCII case, in one pass over its
/// bytes: two 256-entry tables say which words have a byte (either case) as their first and as
/// their second byte, so a line that holds none of them costs two loads and an AND per byte
/// (``LineShapeFilter``).
struct ByteNeedles: Sendable {
    /// The words, lower-case ASCII, each at least two bytes long.
    private let words: [[UInt8]]
    /// A bit per word that must stand alone: at the start of the line or after a blank, and at
    /// its end or before one (a command echoed as a token).
    private let whole: UInt32
    /// For each byte, a bit per word whose first byte it is, in either ASCII case.
    private let firsts: [UInt32]
    /// For each byte, a bit per word whose second byte it is, in either ASCII case.
    private let seconds: [UInt32]

    /// The needles `words` (lower-case ASCII), found anywhere, and `wholeWords`, found only as a
    /// blank-separated token (a blank being a byte up to space, or any non-ASCII byte, which
    /// may belong to a Unicode blank); words shorter than two bytes, and any past the 32nd
    /// needle, are left out.
    init(_ words: [[UInt8]], wholeWords: [[UInt8]] = []) {
        let kept = Array((words.map { ($0, false) } + wholeWords.map { ($0, true) }).filter { $0.0.count >= 2 }.prefix(32))
        var firsts = [UInt32](repeating: 0, count: 256)
        var seconds = [UInt32](repeating: 0, count: 256)
        var whole: UInt32 = 0
        for (bit, (word, isWhole)) in kept.enumerated() {
            for byte in UInt8.min...UInt8.max {
                if Self.lower(byte) == word[0] { firsts[Int(byte)] |= 1 << UInt32(bit) }
                if Self.lower(byte) == word[1] { seconds[Int(byte)] |= 1 << UInt32(bit) }
            }
            if isWhole { whole |= 1 << UInt32(bit) }
        }
        self.words = kept.map(\.0)
        self.whole = whole
        self.firsts = firsts
        self.seconds = seconds
    }

    /// A byte that may separate tokens: ASCII blanks and controls, or part of a non-ASCII character.
    @inline(__always)
    private static func separates(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte >= 0x80
    }

    /// An ASCII capital letter lowered; any other byte as it is.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Whether `bytes` holds one of the words, ignoring ASCII case.
    func occur(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2 else { return false }
        return firsts.withUnsafeBufferPointer { firsts in
            seconds.withUnsafeBufferPointer { seconds in occur(in: bytes, firsts: firsts, seconds: seconds) }
        }
    }

    private func occur(in bytes: UnsafeBufferPointer<UInt8>, firsts: UnsafeBufferPointer<UInt32>, seconds: UnsafeBufferPointer<UInt32>) -> Bool {
        var started = firsts[Int(bytes[0])]
        for index in 1..<bytes.count {
            let byte = bytes[index]
            var candidates = started & seconds[Int(byte)]
            started = firsts[Int(byte)]
            while candidates != 0 {
                let bit = candidates.trailingZeroBitCount
                candidates &= candidates - 1
                if found(words[bit], whole: whole & (1 << UInt32(bit)) != 0, in: bytes, at: index - 1) { return true }
            }
        }
        return false
    }

    /// Whether `word` is at `start` of `bytes`, ignoring ASCII case (its first two bytes are
    /// known to match), and stands alone there when `whole`.
    private func found(_ word: [UInt8], whole: Bool, in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let end = start + word.count
        guard end <= bytes.count else { return false }
        for offset in 2..<word.count where Self.lower(bytes[start + offset]) != word[offset] { return false }
        guard whole else { return true }
        return (start == 0 || Self.separates(bytes[start - 1])) && (end == bytes.count || Self.separates(bytes[end]))
    }
}
