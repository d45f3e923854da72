#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore

/// The decoded text of one capture file, with its lines numbered as a text editor counts them.
///
/// A line ends at CRLF, LF or a lone CR; line 1 is index 0. A final line terminator does not
/// start another line. The text is kept as UTF-8 bytes and lines as byte ranges, so that the
/// hot paths read them without creating a `String` per line.
package struct CaptureText: Sendable {
    /// The file as given by the user, used in every source location.
    var file: String
    var encoding: CaptureEncoding
    /// The text, as valid UTF-8.
    let utf8: FileBytes
    /// The UTF-8 byte range of each line, terminator excluded.
    let lineRanges: LineTable

    /// - Parameter utf8: valid UTF-8 (as ``CaptureDecoder`` returns it).
    init(file: String, encoding: CaptureEncoding, utf8: FileBytes) {
        self.file = file
        self.encoding = encoding
        self.utf8 = utf8
        self.lineRanges = CaptureText.scanLines(utf8)
    }

    init(file: String, encoding: CaptureEncoding, utf8: [UInt8]) {
        self.init(file: file, encoding: encoding, utf8: FileBytes(utf8))
    }

    init(file: String, encoding: CaptureEncoding, text: String) {
        self.init(file: file, encoding: encoding, utf8: Array(text.utf8))
    }

    var lineCount: Int { lineRanges.count }

    /// The line at a 0-based index.
    func line(_ index: Int) -> Substring {
        let range = lineRanges[index]
        return Substring(utf8.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) })
    }

    /// The first `count` lines.
    func lines(upTo count: Int) -> [Substring] { (0..<min(count, lineCount)).map(line) }

    /// Every line (for the parsers of small formats).
    var lines: [Substring] { (0..<lineCount).map(line) }

    /// Calls `body` with the text's UTF-8 bytes.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        utf8.withUnsafeBufferPointer(body)
    }

    /// Splits on CRLF, LF and lone CR, keeping exact line numbers.
    static func splitLines(_ text: String) -> [Substring] {
        CaptureText(file: "", encoding: .utf8, text: text).lines
    }

    /// From this many bytes, a text's lines are found on two threads at once.
    static let parallelScanThreshold = 8 << 20

    /// The longest line that is read, in bytes (docs/captures.md, "Binary data and long
    /// lines"): a longer one is blank to every reader and reported once
    /// (``LineTable/longLines``), never made a `String`.
    static let maximumLineBytes = 1 << 20

    /// The line ranges of the whole text. A large text is cut in two after a line feed near
    /// its middle, and the halves are scanned at once (a line feed ends a line wherever it is,
    /// so the lines are those of one pass). Lines longer than `maximumLength` are blanked.
    static func scanLines(
        _ text: FileBytes, parallelFrom threshold: Int = parallelScanThreshold, maximumLength: Int = maximumLineBytes
    ) -> LineTable {
        let count = text.count
        let middle: Int? = count < threshold ? nil : text.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress,
                  let found = memchr(base + count / 2, 0x0A, count - count / 2) else { return nil }
            return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
        guard let middle, middle < count else {
            var long: [LineTable.LongLine] = []
            let part = text.withUnsafeBufferPointer {
                scanLines($0, offset: 0, reserving: count / 24 + 16, maximumLength: maximumLength, long: &long)
            }
            return LineTable(part, longLines: long)
        }
        let (first, second) = BlockingThread.both({
            text.withUnsafeBufferPointer { all in
                var long: [LineTable.LongLine] = []
                let part = scanLines(
                    UnsafeBufferPointer(rebasing: all[..<middle]), offset: 0, reserving: middle / 24 + 16,
                    maximumLength: maximumLength, long: &long)
                return (part, long)
            }
        }, {
            text.withUnsafeBufferPointer { all in
                var long: [LineTable.LongLine] = []
                let part = scanLines(
                    UnsafeBufferPointer(rebasing: all[middle...]), offset: middle, reserving: (count - middle) / 24 + 16,
                    maximumLength: maximumLength, long: &long)
                return (part, long)
            }
        })
        let firstCount = first.0.count
        let long = first.1 + second.1.map { LineTable.LongLine(index: $0.index + firstCount, byteCount: $0.byteCount) }
        return LineTable(first.0, then: second.0, longLines: long)
    }

    /// The lines of UTF-8 bytes, as offsets into `bytes` plus `offset`: eight bytes a line
    /// (``LineTable/Part/packed(_:)``) when every offset fits in 32 bits, sixteen otherwise.
    /// `reserving` lines of room are reserved (only what is written is touched). No line is
    /// blanked.
    static func scanLines(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int, reserving: Int) -> LineTable.Part {
        var long: [LineTable.LongLine] = []
        return scanLines(bytes, offset: offset, reserving: reserving, maximumLength: .max, long: &long)
    }

    /// ``scanLines(_:offset:reserving:)``, a line longer than `maximumLength` bytes given an
    /// empty range at its start and appended to `long` (its index counted in this part).
    static func scanLines(
        _ bytes: UnsafeBufferPointer<UInt8>, offset: Int, reserving: Int, maximumLength: Int,
        long: inout [LineTable.LongLine]
    ) -> LineTable.Part {
        if offset + bytes.count <= Int(UInt32.max) {
            var packed: [UInt64] = []
            packed.reserveCapacity(reserving)
            HugePageAdvice.advise(packed)
            forEachLine(bytes) { start, end in
                var end = end
                if end - start > maximumLength {
                    long.append(LineTable.LongLine(index: packed.count, byteCount: end - start))
                    end = start
                }
                packed.append(UInt64(offset + start) << 32 | UInt64(offset + end))
            }
            return .packed(packed)
        }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(reserving)
        HugePageAdvice.advise(ranges)
        forEachLine(bytes) { start, end in
            var end = end
            if end - start > maximumLength {
                long.append(LineTable.LongLine(index: ranges.count, byteCount: end - start))
                end = start
            }
            ranges.append(offset + start..<offset + end)
        }
        return .wide(ranges)
    }

    /// Calls `body` with the start and end of each line of `bytes`, in order: LFs are found
    /// with `memchr`, then lone CRs before each.
    @inline(__always)
    private static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        // The next CR at or after the current position (count when none): most captures have
        // none, or one per line, so each is looked for once, not once per line.
        func carriageReturn(from position: Int) -> Int {
            guard position < count else { return count }
            return memchr(base + position, 0x0D, count - position)
                .map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
        }
        var nextCR = carriageReturn(from: 0)
        var start = 0
        while start < count {
            let lineFeed = memchr(base + start, 0x0A, count - start)
                .map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
            var segmentStart = start
            var endedByCarriageReturn = false
            if nextCR < segmentStart { nextCR = carriageReturn(from: segmentStart) }
            while segmentStart < lineFeed, nextCR < lineFeed {
                let position = nextCR
                body(segmentStart, position)
                segmentStart = position + 1
                endedByCarriageReturn = segmentStart == lineFeed
                nextCR = carriageReturn(from: segmentStart)
            }
            if segmentStart < lineFeed || !endedByCarriageReturn && segmentStart == lineFeed && lineFeed < count {
                body(segmentStart, lineFeed)
            }
            start = lineFeed + 1
        }
    }

    /// The location of a 1-based line of this file.
    func location(line: Int) -> SourceLocation {
        SourceLocation(file: file, line: line)
    }
}
