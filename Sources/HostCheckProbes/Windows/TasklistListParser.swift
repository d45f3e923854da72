import HostCheckCore

/// Parses `tasklist /fo list` (docs/captures.md, "Formats read"): one `Label: value` block per
/// process, blank lines between blocks.
///
/// Labels are localized, so values are bound by their position in the block (the field sets
/// of ``TasklistColumns``); a `/svc` service list continued on unlabelled lines is joined.
enum TasklistListParser {
    /// The label and value of a `Label: value` line, nil for other lines.
    static func labelled(_ line: Substring) -> (label: Substring, value: String)? {
        guard let first = line.first, first != " ", first != "\t", let colon = line.firstIndex(of: ":") else {
            return nil
        }
        let label = line[..<colon]
        let value = DisplayWidth.trimmed(String(line[line.index(after: colon)...]))
        guard !label.isEmpty, label.count <= 40, !label.contains("\"") else { return nil }
        return (label, value)
    }

    /// True when the line is the PID line of a block (`PID:   7116`).
    static func isPIDLine(_ line: Substring) -> Bool {
        guard let (_, value) = labelled(line) else { return false }
        return Tokens.isDigits(Substring(value))
    }

    static func parse(_ text: CaptureText) -> ProcessCapture {
        var result = ProcessCapture()
        var block: [(line: Int, value: String)] = []
        func flush() {
            defer { block = [] }
            guard !block.isEmpty else { return }
            let fields = block.map(\.value)
            if TasklistColumns.knownCounts.contains(fields.count),
               let process = TasklistColumns.process(fields: fields, nameWidth: nil, source: text.location(line: block[0].line)) {
                result.processes.append(process)
                return
            }
            for entry in block {
                result.diagnostics.append(Diagnostic(
                    .warning, "line not understood as part of a tasklist list block", at: text.location(line: entry.line)))
            }
        }
        for (index, line) in text.lines.enumerated() {
            if Tokens.isBlank(line) {
                flush()
                continue
            }
            if PastedNoise.classify(line) != nil {
                result.decorationLines += 1
            } else if let (_, value) = labelled(line) {
                block.append((index + 1, value))
            } else if let last = block.indices.last, line.first == " " || line.first == "\t" {
                block[last].value += ", " + DisplayWidth.trimmed(String(line))
            } else {
                flush()
                result.diagnostics.append(Diagnostic(
                    .warning, "line not understood as part of a tasklist list", at: text.location(line: index + 1)))
            }
        }
        flush()
        return result
    }
}

extension TasklistListParser {
    /// Windows `tasklist /fo list`.
    static let descriptor = CaptureFormatDescriptor(
        id: "windows-tasklist-list", summary: "Windows tasklist /fo list", platform: .windows,
        coverage: .processList,
        recognise: { WindowsLineClass.count(.tasklistList, in: $0) },
        reading: .parsed(parse: { CaptureFacts(processes: parse($0.text)) }))
}
