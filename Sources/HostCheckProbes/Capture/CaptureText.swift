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
struct CaptureText: Sendable {
    /// The file as given by the user, used in every source location.
    var file: String
    var encoding: CaptureEncoding
    /// The text, as valid UTF-8.
    let utf8: [UInt8]
    /// The UTF-8 byte range of each line, terminator excluded.
    let lineRanges: [Range<Int>]

    /// - Parameter utf8: valid UTF-8 (as ``CaptureDecoder`` returns it).
    init(file: String, encoding: CaptureEncoding, utf8: [UInt8]) {
        self.file = file
        self.encoding = encoding
        self.utf8 = utf8
        self.lineRanges = utf8.withUnsafeBufferPointer(CaptureText.scanLines)
    }

    init(file: String, encoding: CaptureEncoding, text: String) {
        self.init(file: file, encoding: encoding, utf8: Array(text.utf8))
    }

    var lineCount: Int { lineRanges.count }

    /// The line at a 0-based index.
    func line(_ index: Int) -> Substring {
        Substring(String(decoding: utf8[lineRanges[index]], as: UTF8.self))
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

    /// The line ranges of UTF-8 bytes: LFs are found with `memchr`, then lone CRs before each.
    static func scanLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        guard let base = bytes.baseAddress else { return ranges }
        let count = bytes.count
        // Room for lines of 24 bytes on average (only what is written is touched).
        ranges.reserveCapacity(count / 24 + 16)
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
                ranges.append(segmentStart..<position)
                segmentStart = position + 1
                endedByCarriageReturn = segmentStart == lineFeed
                nextCR = carriageReturn(from: segmentStart)
            }
            if segmentStart < lineFeed || !endedByCarriageReturn && segmentStart == lineFeed && lineFeed < count {
                ranges.append(segmentStart..<lineFeed)
            }
            start = lineFeed + 1
        }
        return ranges
    }

    /// The location of a 1-based line of this file.
    func location(line: Int) -> SourceLocation {
        SourceLocation(file: file, line: line)
    }
}
