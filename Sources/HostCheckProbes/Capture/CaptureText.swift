import HostCheckCore

/// The decoded text of one capture file, split into lines numbered as a text editor counts them.
///
/// A line ends at CRLF, LF or a lone CR; `lines[0]` is line 1. A final line terminator does not
/// start another line.
struct CaptureText: Sendable {
    /// The file as given by the user, used in every source location.
    var file: String
    var encoding: CaptureEncoding
    var lines: [Substring]

    init(file: String, encoding: CaptureEncoding, text: String) {
        self.file = file
        self.encoding = encoding
        self.lines = CaptureText.splitLines(text)
    }

    /// Splits on CRLF, LF and lone CR, keeping exact line numbers.
    static func splitLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(text[start..<index])
                var next = utf8.index(after: index)
                if byte == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A {
                    next = utf8.index(after: next)
                }
                start = next
                index = next
            } else {
                index = utf8.index(after: index)
            }
        }
        if start != utf8.endIndex {
            lines.append(text[start..<utf8.endIndex])
        }
        return lines
    }

    /// The location of a 1-based line of this file.
    func location(line: Int) -> SourceLocation {
        SourceLocation(file: file, line: line)
    }
}
