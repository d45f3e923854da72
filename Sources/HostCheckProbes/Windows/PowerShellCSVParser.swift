import HostCheckCore

/// Parses PowerShell `Export-Csv` / `ConvertTo-Csv` output (docs/captures.md, "Formats read"): an
/// optional `#TYPE` line, a header of property names, then one row per object.
enum PowerShellCSVParser {
    static func parse(_ text: CaptureText) -> (sockets: SocketCapture?, processes: ProcessCapture?) {
        var header: [String]?
        var records: [PowerShellRecord] = []
        var diagnostics: [Diagnostic] = []
        for (index, line) in text.lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            if line.hasPrefix("#TYPE ") || PastedNoise.classify(line) != nil { continue }
            guard let fields = CSVLine.parse(line)?.map(\.value) else {
                diagnostics.append(Diagnostic(.warning, "line not understood as a csv row", at: location))
                continue
            }
            guard let names = header else {
                header = fields.map { $0.lowercased() }
                continue
            }
            guard fields.count == names.count else {
                diagnostics.append(Diagnostic(
                    .warning, "csv row has \(fields.count) fields, the header \(names.count)", at: location))
                continue
            }
            records.append(PowerShellRecord(values: Dictionary(zip(names, fields)) { first, _ in first }, line: index + 1))
        }
        var (sockets, processes) = PowerShellFacts.convert(records, text: text)
        if sockets != nil {
            sockets?.diagnostics.insert(contentsOf: diagnostics, at: 0)
        } else {
            processes?.diagnostics.insert(contentsOf: diagnostics, at: 0)
        }
        return (sockets, processes)
    }
}

extension PowerShellCSVParser {
    /// PowerShell `Export-Csv` / `ConvertTo-Csv`.
    static let descriptor = CaptureFormatDescriptor(
        id: "powershell-csv",
        summary: "PowerShell Export-Csv/ConvertTo-Csv of Get-NetTCPConnection, Get-NetUDPEndpoint, Get-Process",
        platform: .windows,
        coverage: .sockets(states: .asCaptured, owners: .all, processes: true),
        recognise: { lines in
            if let first = lines.first, FormatRecognizer.head(first).hasPrefix("#TYPE ") { return .marker(line: 0) }
            return Recognition.firstMarker(lines) { line in
                let collapsed = Tokens.split(line).joined(separator: " ")
                return line.hasPrefix("\"") && (collapsed.contains("\"LocalAddress\"") || collapsed.contains("\"ProcessName\"")
                    || collapsed.contains("\"OwningProcess\""))
            }
        },
        reading: .parsed(parse: { CaptureFacts(parse($0.text)) }))
}
