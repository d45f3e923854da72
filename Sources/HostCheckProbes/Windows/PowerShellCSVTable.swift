import HostCheckCore

/// The records of a PowerShell `Export-Csv -NoTypeInformation` file whose rows describe
/// processes (docs/captures.md, "Owner identity on Windows"): an optional `#TYPE` line, a
/// quoted header of property names, then one row per object. A quoted field may hold line
/// breaks (a command line can), so a row whose quote is open continues on the next lines, as
/// `Export-Csv` writes it; quotes inside a field are doubled, so no text a process chooses can
/// start a row of its own.
///
/// `Export-Csv` quotes every value and writes a null one (`ExecutablePath` of another user's
/// process) as nothing, and a row read here must be so: a line from inside a field has its
/// quotes doubled, so it can never read as a row whose quoted fields hold a number. Every row
/// that cannot be read is a warning at its line and is not read: an open quote at the end of
/// the file or after ``maximumRowLines`` lines, an unquoted value, a field count that is not
/// the header's, text after a closing quote, a last row cut without its line end.
struct PowerShellCSVTable: Sendable {
    /// The lower-cased property names of the header.
    var header: [String] = []
    var records: [PowerShellRecord] = []
    var diagnostics: [Diagnostic] = []
    /// Lines read as the header or a `#TYPE` line.
    var decorationLines = 0

    /// The most lines one row may span (a command line with line breaks).
    static let maximumRowLines = 64

    /// Reads `text`; `what` names the export in messages (`Win32_Process export`).
    init(_ text: CaptureText, what: String) {
        let lines = text.lines
        let unterminated = text.withBytes { $0.last.map { $0 != 0x0A && $0 != 0x0D } ?? false }
        var index = 0
        var sawHeader = false
        while index < lines.count {
            let first = index
            var row = String(lines[index])
            index += 1
            if Tokens.isBlank(Substring(row)) { continue }
            if !sawHeader, FormatRecognizer.head(Substring(row)).hasPrefix("#TYPE ") {
                decorationLines += 1
                continue
            }
            if PastedNoise.classify(Substring(row)) != nil {
                diagnostics.append(Diagnostic(
                    .warning, "line not read as part of the \(what) (pasted around it)", at: text.location(line: first + 1)))
                continue
            }
            var fields = CSVLine.parse(Substring(row))
            while fields == nil, Self.opensQuote(row), index < lines.count, index - first < Self.maximumRowLines {
                row += "\n" + lines[index]
                index += 1
                fields = CSVLine.parse(Substring(row))
            }
            let location = text.location(line: first + 1)
            guard let fields else {
                index = Self.opensQuote(row) ? first + 1 : index
                diagnostics.append(Diagnostic(
                    .warning, "line not understood as a csv row of the \(what) (an open quote or text after a quote); not read",
                    at: location))
                continue
            }
            guard fields.allSatisfy({ $0.quoted || $0.value.isEmpty }) else {
                diagnostics.append(Diagnostic(
                    .warning, "csv row of the \(what) has an unquoted value (Export-Csv quotes every value); not read",
                    at: location))
                continue
            }
            if unterminated, index == lines.count, fields.last?.quoted != true {
                diagnostics.append(Diagnostic(
                    .warning, "the \(what) ends inside its last row (no line end); the row is not read", at: location))
                continue
            }
            guard sawHeader else {
                header = fields.map { $0.value.lowercased() }
                sawHeader = true
                decorationLines += 1
                continue
            }
            guard fields.count == header.count else {
                diagnostics.append(Diagnostic(
                    .warning, "csv row of the \(what) has \(fields.count) fields, the header \(header.count); not read",
                    at: location))
                continue
            }
            let values = Dictionary(zip(header, fields.map(\.value))) { first, _ in first }
            records.append(PowerShellRecord(values: values, line: first + 1))
        }
    }

    /// Whether the text leaves a quote open (an odd number of quotes: `""` pairs cancel).
    static func opensQuote(_ row: String) -> Bool {
        row.utf8.reduce(0) { $1 == UInt8(ascii: "\"") ? $0 + 1 : $0 } % 2 == 1
    }

    /// The header line of an export among the first lines of a file: quoted, and naming every
    /// one of `properties` (as quoted fields, any case): certain, as no other format's header
    /// names them (also after a `#TYPE` line).
    static func recognise(_ lines: [Substring], properties: [String]) -> Recognition? {
        let header = lines.prefix(2).contains { line in
            let head = FormatRecognizer.head(line)
            guard head.hasPrefix("\""), let fields = CSVLine.parse(head) else { return false }
            let names = Set(fields.map { $0.value.lowercased() })
            return properties.allSatisfy { names.contains($0.lowercased()) }
        }
        return header ? .certain : nil
    }

    /// The processes of a process export: a row whose `ProcessId` is no Windows process id is
    /// a located warning and not read; `process` reads each other row (its PID, its location,
    /// where to add warnings), or returns nil to leave the row out.
    func processes(
        _ text: CaptureText,
        _ process: (_ record: PowerShellRecord, _ pid: Int, _ location: SourceLocation, _ diagnostics: inout [Diagnostic]) -> ProcessFact?
    ) -> ProcessCapture {
        var result = ProcessCapture()
        result.diagnostics = diagnostics
        result.decorationLines = decorationLines
        for record in records {
            let location = text.location(line: record.line)
            guard let pid = Self.pid(record, "ProcessId") else {
                result.diagnostics.append(Diagnostic(
                    .warning, "ProcessId is no Windows process id; the row is not read", at: location))
                continue
            }
            if let fact = process(record, pid, location, &result.diagnostics) { result.processes.append(fact) }
        }
        result.diagnostics.sort { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) }
        return result
    }

    /// The process id of a record's `key` when it is a Windows process id (0 to 4294967295).
    static func pid(_ record: PowerShellRecord, _ key: String) -> Int? {
        record.integer(key).flatMap { $0 <= Int(UInt32.max) ? $0 : nil }
    }
}
