import HostCheckCore

/// Parses `tasklist /fo csv`, with or without `/nh` (docs/captures.md, "Formats read").
///
/// Fields are bound by position, never by the localized header names; the header is the
/// first row when its PID field is not a number.
enum TasklistCSVParser {
    /// True when a line is a `tasklist` CSV data row: every field quoted, a known field count,
    /// a numeric PID.
    static func isDataRow(_ line: Substring) -> Bool {
        guard let fields = CSVLine.parse(line), TasklistColumns.knownCounts.contains(fields.count),
              fields.allSatisfy(\.quoted) else { return false }
        return Tokens.isDigits(Substring(fields[1].value))
    }

    static func parse(_ text: CaptureText) -> ProcessCapture {
        if let read = TasklistCSVBytes.parse(text) { return read }
        return parseLines(text)
    }

    /// Reads the capture line by line as text (the path for every shape).
    static func parseLines(_ text: CaptureText) -> ProcessCapture {
        var result = ProcessCapture()
        var sawRow = false
        var sawHeader = false
        for (index, line) in text.lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            if PastedNoise.classify(line) != nil {
                result.decorationLines += 1
                continue
            }
            guard let fields = CSVLine.parse(line), fields.allSatisfy(\.quoted),
                  TasklistColumns.knownCounts.contains(fields.count) else {
                result.diagnostics.append(Diagnostic(
                    .warning, "line not understood as a tasklist csv row", at: location))
                continue
            }
            let values = fields.map(\.value)
            if let process = TasklistColumns.process(fields: values, nameWidth: nil, source: location) {
                result.processes.append(process)
                sawRow = true
            } else if !sawRow, !sawHeader, values.count < 2 || !Tokens.isDigits(Substring(values[1])) {
                sawHeader = true
                result.decorationLines += 1
            } else {
                result.diagnostics.append(Diagnostic(
                    .warning, "tasklist csv row has no readable pid in its second field (no Windows process id); "
                        + "not read: sockets of that pid have no name", at: location))
            }
        }
        return result
    }
}

extension TasklistCSVParser {
    /// Windows `tasklist /fo csv`, with or without `/nh`.
    static let descriptor = CaptureFormatDescriptor(
        id: "windows-tasklist-csv", summary: "Windows tasklist /fo csv (with or without /nh, /v, /svc)", platform: .windows,
        coverage: .processList,
        recognise: { WindowsLineClass.count(.tasklistCSV, in: $0) },
        reading: .parsed(parse: { CaptureFacts(processes: parse($0.text)) }))
}
