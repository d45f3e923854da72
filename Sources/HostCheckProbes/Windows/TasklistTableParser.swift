import HostCheckCore

/// Parses the `tasklist` table (default, `/v`, `/svc`; docs/captures.md, "Formats read").
///
/// Columns are cut by the widths of the `=====` ruler of the same output, by display width;
/// the line before the ruler is the (localized) header. An image name as wide as its column
/// may have been cut and is marked `nameTruncated`. A `/svc` line with an empty image and PID
/// continues the previous service list.
enum TasklistTableParser {
    /// The column ranges of a ruler line (`==== ======= ...`), nil when the line is not one.
    static func rulerColumns(_ line: Substring) -> [(start: Int, end: Int?)]? {
        var runs: [(start: Int, width: Int)] = []
        var column = 0
        var runStart: Int?
        for character in line {
            if character == "=" {
                if runStart == nil { runStart = column }
            } else if character == " " || character == "\t" {
                if let start = runStart { runs.append((start, column - start)) }
                runStart = nil
            } else {
                return nil
            }
            column += 1
        }
        if let start = runStart { runs.append((start, column - start)) }
        guard runs.count >= 2, runs[0].width >= 3 else { return nil }
        var columns: [(start: Int, end: Int?)] = []
        for (index, run) in runs.enumerated() {
            let end = index + 1 < runs.count ? runs[index + 1].start : nil
            columns.append((index == 0 ? 0 : run.start, end))
        }
        return columns
    }

    /// A `tasklist` message such as `INFO: No tasks are running ...` in any language: an
    /// upper-case word and a colon, then text, as `tasklist` prints it.
    static func isMessage(_ line: Substring) -> Bool {
        guard let first = Tokens.split(line).first, first.count >= 3, first.hasSuffix(":") else { return false }
        let word = first.dropLast()
        return word.allSatisfy { $0.isLetter && $0.isUppercase }
    }

    /// The columns of the default table (ruler widths 25, 8, 16, 11, 12), used for rows pasted
    /// without their header and ruler; the rest of a `/v` row stays in the last column.
    static let defaultColumns: [(start: Int, end: Int?)] = [(0, 26), (26, 35), (35, 52), (52, 64), (64, 77), (77, nil)]

    /// True when a line has the default table's shape: an image name in the first 25 columns,
    /// then a right-aligned PID ending in column 34.
    static func hasDefaultShape(_ line: Substring) -> Bool {
        let characters = Array(line.prefix(36))
        guard characters.count >= 35, characters[25] == " ", characters[34] == " ",
              characters[0] != " " else { return false }
        let pid = DisplayWidth.trimmed(String(characters[26..<34]))
        return Tokens.isDigits(Substring(pid))
    }

    static func parse(_ text: CaptureText) -> ProcessCapture {
        var result = ProcessCapture()
        var columns: [(start: Int, end: Int?)]?
        var nameWidth = 0
        var unexplained: [Int] = []
        var lastNonBlank: Int?
        for (index, line) in text.lines.enumerated() where !Tokens.isBlank(line) {
            defer { lastNonBlank = index }
            if let ruler = rulerColumns(line) {
                columns = ruler
                nameWidth = (ruler.count > 1 ? ruler[1].start : 0) - 1
                if let header = lastNonBlank, unexplained.last == header {
                    unexplained.removeLast()
                    result.decorationLines += 1
                }
                result.decorationLines += 1
                continue
            }
            if PastedNoise.classify(line) != nil {
                result.decorationLines += 1
                continue
            }
            if isMessage(line) {
                result.diagnostics.append(Diagnostic(
                    .note, "tasklist printed a message instead of a process list", at: text.location(line: index + 1)))
                continue
            }
            if columns == nil, hasDefaultShape(line) {
                columns = defaultColumns
                nameWidth = 25
                result.diagnostics.append(Diagnostic(
                    .note, "tasklist rows without header and ruler: image name and pid read at the default widths",
                    at: text.location(line: index + 1)))
            }
            guard let columns else {
                unexplained.append(index)
                continue
            }
            let fields = DisplayWidth.slice(line, columns: columns)
            let location = text.location(line: index + 1)
            if fields.count == 3, fields[0].isEmpty, fields[1].isEmpty, !fields[2].isEmpty,
               let previous = result.processes.indices.last {
                result.processes[previous].services += TasklistColumns.services(fields[2])
                continue
            }
            if let process = TasklistColumns.process(fields: fields, nameWidth: nameWidth, source: location) {
                result.processes.append(process)
            } else {
                unexplained.append(index)
            }
        }
        for index in unexplained {
            result.diagnostics.append(Diagnostic(
                .warning, "line not understood as part of a tasklist table", at: text.location(line: index + 1)))
        }
        return result
    }
}

extension TasklistTableParser {
    /// Windows `tasklist` default table (columns cut by the `=====` ruler).
    static let descriptor = CaptureFormatDescriptor(
        id: "windows-tasklist-table", summary: "Windows tasklist table (default, /v, /svc)", platform: .windows,
        coverage: .processList,
        recognise: { lines in
            if lines.contains(where: { rulerColumns($0) != nil }) { return .certain }
            return WindowsLineClass.count(.tasklistTableRow, in: lines)
        },
        reading: .parsed(parse: { CaptureFacts(processes: parse($0.text)) }))
}
