/// The UTF-8 byte range of each line of a text, terminator excluded, as the lines of one or
/// two consecutive parts of the text.
///
/// A large text's halves are scanned on two threads at once (``CaptureText/scanLines(_:parallelFrom:)``);
/// keeping their two parts, instead of appending the second to the first, saves a serial copy
/// into fresh memory before parsing can start. A line takes eight bytes (its start and end as
/// 32-bit offsets) in a text under 4 GiB: 11 MB for the 1.37 million lines of a 60 MB capture.
///
/// A line longer than ``CaptureText/maximumLineBytes`` is not read: its range is empty (at its
/// start), so every reader sees a blank line, and it is listed in ``longLines`` to be reported.
struct LineTable: RandomAccessCollection, Sendable, Equatable {
    /// A line too long to be read: its 0-based index and its length in bytes.
    struct LongLine: Sendable, Equatable {
        var index: Int
        var byteCount: Int
    }

    /// The lines of one part of a text.
    enum Part: Sendable {
        /// Start and end offsets packed as `start << 32 | end`.
        case packed([UInt64])
        /// Ranges, for offsets beyond 32 bits.
        case wide([Range<Int>])

        var count: Int {
            switch self {
            case .packed(let lines): lines.count
            case .wide(let lines): lines.count
            }
        }

        @inline(__always)
        subscript(index: Int) -> Range<Int> {
            switch self {
            case .packed(let lines):
                let line = lines[index]
                return Int(line >> 32)..<Int(line & 0xFFFF_FFFF)
            case .wide(let lines):
                return lines[index]
            }
        }
    }

    private let first: Part
    private let second: Part
    private let firstCount: Int
    /// The lines too long to be read, in order (their ranges here are empty).
    let longLines: [LongLine]

    /// The lines of the first part, then those of the second (which follow it in the text);
    /// `longLines` are those blanked in either, indexed in the whole table.
    init(_ first: Part, then second: Part = .packed([]), longLines: [LongLine] = []) {
        self.first = first
        self.second = second
        firstCount = first.count
        self.longLines = longLines
    }

    var startIndex: Int { 0 }
    var endIndex: Int { firstCount + second.count }

    /// The byte range of the line at a 0-based index.
    @inline(__always)
    subscript(index: Int) -> Range<Int> {
        index < firstCount ? first[index] : second[index - firstCount]
    }

    static func == (lhs: LineTable, rhs: LineTable) -> Bool {
        lhs.longLines == rhs.longLines && lhs.elementsEqual(rhs)
    }
}
