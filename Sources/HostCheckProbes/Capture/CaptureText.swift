import Foundation
import HostCheckCore

/// The decoded text of one capture file, with its lines numbered as a text editor counts them.
///
/// A line ends at CRLF, LF or a lone CR; line 1 is index 0. A final line terminator does not
/// start another line. Lines are kept as byte ranges of the text, so that the hot paths can
/// read them without creating a `Substring` per line.
struct CaptureText: Sendable {
    /// The file as given by the user, used in every source location.
    var file: String
    var encoding: CaptureEncoding
    let text: String
    /// The UTF-8 byte range of each line, terminator excluded.
    let lineRanges: [Range<Int>]

    init(file: String, encoding: CaptureEncoding, text: String) {
        var contiguous = text
        contiguous.makeContiguousUTF8()
        self.file = file
        self.encoding = encoding
        self.text = contiguous
        self.lineRanges = CaptureText.lineRanges(contiguous)
    }

    var lineCount: Int { lineRanges.count }

    /// The line at a 0-based index.
    func line(_ index: Int) -> Substring {
        let utf8 = text.utf8
        let range = lineRanges[index]
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return text[start..<end]
    }

    /// The first `count` lines.
    func lines(upTo count: Int) -> [Substring] { (0..<min(count, lineCount)).map(line) }

    /// Every line (for the parsers of small formats).
    var lines: [Substring] { (0..<lineCount).map(line) }

    /// Calls `body` with the text's UTF-8 bytes.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Splits on CRLF, LF and lone CR, keeping exact line numbers.
    static func splitLines(_ text: String) -> [Substring] {
        CaptureText(file: "", encoding: .utf8, text: text).lines
    }

    static func lineRanges(_ text: String) -> [Range<Int>] {
        if let ranges = text.utf8.withContiguousStorageIfAvailable(scanLines) { return ranges }
        return Array(text.utf8).withUnsafeBufferPointer(scanLines)
    }

    /// The line ranges of UTF-8 bytes: LFs are found with `memchr`, then lone CRs before each.
    static func scanLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        guard let base = bytes.baseAddress else { return ranges }
        let count = bytes.count
        var start = 0
        while start < count {
            let lineFeed = memchr(base + start, 0x0A, count - start)
                .map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
            var segmentStart = start
            var endedByCarriageReturn = false
            while segmentStart < lineFeed, let found = memchr(base + segmentStart, 0x0D, lineFeed - segmentStart) {
                let position = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
                ranges.append(segmentStart..<position)
                segmentStart = position + 1
                endedByCarriageReturn = segmentStart == lineFeed
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
