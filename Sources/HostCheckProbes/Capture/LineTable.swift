/// The UTF-8 byte range of each line of a text, terminator excluded, as the lines of one or
/// two consecutive parts of the text.
///
/// A large text's halves are scanned on two threads at once (``CaptureText/scanLines(_:parallelFrom:)``);
/// keeping their two arrays, instead of appending the second to the first, saves a serial copy
/// into fresh memory (11 MB for a 60 MB capture) before parsing can start.
struct LineTable: RandomAccessCollection, Sendable, Equatable {
    private let first: [Range<Int>]
    private let second: [Range<Int>]

    /// The lines of the first part, then those of the second (which follow it in the text).
    init(_ first: [Range<Int>], then second: [Range<Int>] = []) {
        self.first = first
        self.second = second
    }

    var startIndex: Int { 0 }
    var endIndex: Int { first.count + second.count }

    /// The byte range of the line at a 0-based index.
    @inline(__always)
    subscript(index: Int) -> Range<Int> {
        index < first.count ? first[index] : second[index - first.count]
    }

    static func == (lhs: LineTable, rhs: LineTable) -> Bool {
        lhs.elementsEqual(rhs)
    }
}
