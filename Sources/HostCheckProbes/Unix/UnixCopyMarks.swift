import HostCheckCore

/// Signs in a Unix capture that the copy is incomplete (docs/captures.md, "Coverage"): an
/// interrupted command (`^C`), a pager prompt (`--More--`, `-- More --`, `(END)`), an
/// elision (`...`), or a last row cut mid-field.
enum UnixCopyMarks {
    /// Why `line` shows that rows are missing from the copy, or nil.
    static func interruption(_ line: Substring) -> String? {
        // Pager and elision lines are short; a long line can only end in `^C`.
        let end = line.utf8.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        guard line.utf8.count <= 64 || end.starts(with: [0x43, 0x5E]) || end.starts(with: [0x5A, 0x5E]) else { return nil }
        let body = DisplayWidth.trimmed(String(line))
        if body.hasSuffix("^C") || body.hasSuffix("^Z") {
            return "the command was interrupted here (\(body.suffix(2))): the listing is incomplete"
        }
        if body.hasPrefix("--More--") || body == "(END)" || PastedNoise.classify(line) == .pager {
            return "a pager prompt: the copy was taken from a paged console and may miss rows"
        }
        if PastedNoise.classify(line) == .elision {
            return "rows elided here ('\(body)'): the listing is incomplete"
        }
        return nil
    }

    /// True when the text's last line has no line end: command output always ends with one, so
    /// the copy may have been cut in the middle of that line.
    static func endsMidLine(_ text: CaptureText) -> Bool {
        text.withBytes { bytes in
            guard let last = bytes.last else { return false }
            return last != 0x0A && last != 0x0D
        }
    }

    /// Whether the row read from line `index` (0-based) is the text's last line, cut mid-field:
    /// the text ends without a line end and the row is not whole.
    static func isCutLastRow(_ text: CaptureText, index: Int, whole: Bool) -> Bool {
        !whole && index == text.lineCount - 1 && endsMidLine(text)
    }

    /// The diagnostic for a cut last row.
    static func cutLastRow(at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .warning, "the last row is cut (the file ends in the middle of it): the listing is incomplete",
            at: location)
    }
}
