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
        var ranges: [Range<Int>] = []
        let scan = { (bytes: UnsafeBufferPointer<UInt8>) in
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D {
                    ranges.append(start..<index)
                    index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                    start = index
                } else {
                    index += 1
                }
            }
            if start < bytes.count { ranges.append(start..<bytes.count) }
        }
        if text.utf8.withContiguousStorageIfAvailable(scan) == nil {
            Array(text.utf8).withUnsafeBufferPointer(scan)
        }
        return ranges
    }

    /// The location of a 1-based line of this file.
    func location(line: Int) -> SourceLocation {
        SourceLocation(file: file, line: line)
    }
}
