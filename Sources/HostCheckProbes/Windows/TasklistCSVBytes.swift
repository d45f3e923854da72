import HostCheckCore

/// The byte path of ``TasklistCSVParser``, for the `tasklist /fo csv` of nearly every Windows
/// bundle: every non-blank line is five quoted fields, separated by `","` alone, without a
/// quote or `@` inside (so no doubled quote, no prompt; ``PastedNoise`` classifies no such
/// line), and only ASCII (so every byte is a `Character` of its own, as ``CSVLine`` reads
/// them). Such a line's fields are its bytes between the quotes, as ``CSVLine`` reads them,
/// and it is read as ``TasklistCSVParser/parse(_:)`` reads it. A text with any other line is
/// left to the string path (nil), which reads it whole. `TasklistCSVBytesTests` holds both
/// paths equal.
enum TasklistCSVBytes {
    /// The processes of `text`, or nil when a line is not of the byte path's shape.
    static func parse(_ text: CaptureText) -> ProcessCapture? {
        text.withBytes { all in
            var result = ProcessCapture()
            result.processes.reserveCapacity(text.lineCount)
            var sawRow = false
            var sawHeader = false
            var fields: [Range<Int>] = []
            fields.reserveCapacity(5)
            for index in 0..<text.lineCount {
                let line = UnsafeBufferPointer(rebasing: all[text.lineRanges[index]])
                guard line.first == UInt8(ascii: "\"") else {
                    if ByteLine.isBlank(line) { continue }
                    return nil
                }
                guard quotedFields(line, into: &fields) else { return nil }
                let location = text.location(line: index + 1)
                if let pid = pid(line, fields[1]), !fields[0].isEmpty {
                    result.processes.append(ProcessFact(pid: pid, name: ByteLine.string(line, fields[0]), source: location))
                    sawRow = true
                } else if !sawRow, !sawHeader, !ByteLine.isDigits(line, fields[1]) {
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

    /// Fills `fields` with the byte ranges inside the quotes of a line of five quoted fields
    /// separated by `","`; false when the line is not one, or holds another quote, a `@`, a
    /// control byte (a tab aside) or a byte that is not ASCII.
    static func quotedFields(_ line: UnsafeBufferPointer<UInt8>, into fields: inout [Range<Int>]) -> Bool {
        fields.removeAll(keepingCapacity: true)
        guard line.count >= 2, line[0] == UInt8(ascii: "\""), line[line.count - 1] == UInt8(ascii: "\"") else { return false }
        var start = 1
        var index = 1
        let end = line.count - 1
        while index < end {
            let byte = line[index]
            if byte == UInt8(ascii: "\"") {
                guard index + 2 < end, line[index + 1] == UInt8(ascii: ","), line[index + 2] == UInt8(ascii: "\"") else {
                    return false
                }
                fields.append(start..<index)
                index += 3
                start = index
                continue
            }
            guard byte != UInt8(ascii: "@"), byte >= 0x20 && byte < 0x7F || byte == 0x09 else { return false }
            index += 1
        }
        fields.append(start..<end)
        return fields.count == 5
    }

    /// The PID of a field as ``TasklistColumns/process(fields:nameWidth:source:)`` reads it:
    /// one to ten digits.
    private static func pid(_ line: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Int? {
        guard field.count <= 10, ByteLine.isDigits(line, field) else { return nil }
        var value = 0
        for index in field { value = value * 10 + Int(line[index] - 0x30) }
        return value
    }
}
