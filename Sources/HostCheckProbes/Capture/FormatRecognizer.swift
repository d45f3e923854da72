/// Recognises the format of a capture from its content, never from its file name: every
/// format's recogniser looks at the first non-blank lines, and the strongest
/// ``Recognition`` wins (equal ones go to the format listed first).
///
/// Windows formats are identified structurally (a `tasklist` ruler, `netstat` rows, quoted
/// `tasklist` CSV rows), so a localized capture is recognised too; other formats by their
/// fixed (not localized) headers or row shapes.
enum FormatRecognizer {
    /// How many lines are examined at most.
    static let scanLimit = 400
    /// How many bytes of lines are examined at most: lines are taken while fewer have been
    /// (so a text of long lines is recognised from its first few, not 400 of a megabyte each).
    static let scanBytes = 1 << 20

    /// The lines examined: the first ``scanLimit``, up to the line that reaches ``scanBytes``.
    static func lines(of text: CaptureText) -> [Substring] {
        var lines: [Substring] = []
        var bytes = 0
        var index = 0
        while index < min(scanLimit, text.lineCount), bytes < scanBytes {
            bytes += text.lineRanges[index].count
            lines.append(text.line(index))
            index += 1
        }
        return lines
    }

    /// The format of the text among `formats`, or nil when none recognises it.
    static func recognise(_ lines: [Substring], among formats: [CaptureFormatDescriptor]) -> CaptureFormatDescriptor? {
        let nonBlank = lines.prefix(scanLimit).filter { !Tokens.isBlank($0) }
        var best: (recognition: Recognition, format: CaptureFormatDescriptor)?
        for format in formats {
            guard let recognition = format.recognise(nonBlank) else { continue }
            if let current = best, recognition <= current.recognition { continue }
            best = (recognition, format)
        }
        return best?.format
    }

    /// A line without leading blanks and byte-order mark.
    static func head(_ line: Substring) -> Substring {
        line.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
    }

    /// Whether the first non-blank line opens a JSON document.
    static func startsJSON(_ lines: [Substring]) -> Bool {
        guard let first = lines.first else { return false }
        let start = head(first)
        return start.hasPrefix("{") || start.hasPrefix("[")
    }
}

/// The class of a line of a Windows capture, each line in exactly one class: the Windows
/// formats have no fixed header, so the one with the most lines of its class wins.
enum WindowsLineClass {
    case netstat, tasklistCSV, tasklistList, tasklistTableRow

    /// Each line's class (nil: none), in the order of `lines`.
    static func classes(_ lines: [Substring]) -> [WindowsLineClass?] {
        var previous: Substring?
        return lines.map { line in
            defer { previous = line }
            if NetstatRow(line: line) != nil || NetstatDecoration.isKnown(line)
                || WindowsLanguages.elevationMessages.contains(DisplayWidth.trimmed(String(line))) {
                return .netstat
            }
            if TasklistCSVParser.isDataRow(line) { return .tasklistCSV }
            if TasklistListParser.isPIDLine(line), let previous, TasklistListParser.labelled(previous) != nil {
                return .tasklistList
            }
            if TasklistTableParser.hasDefaultShape(line) { return .tasklistTableRow }
            return nil
        }
    }

    /// How many lines are of `kind`, as a recognition; nil for none.
    static func count(_ kind: WindowsLineClass, in lines: [Substring]) -> Recognition? {
        let count = classes(lines).count { $0 == kind }
        return count > 0 ? .rows(count) : nil
    }
}
