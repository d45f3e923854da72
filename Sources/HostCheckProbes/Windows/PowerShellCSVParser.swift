import HostCheckCore

/// Parses PowerShell `Export-Csv` / `ConvertTo-Csv` output (docs/captures.md, "Formats read"): an
/// optional `#TYPE` line, a header of property names, then one row per object.
enum PowerShellCSVParser {
    /// Reads the export. A line that is no CSV row (an open quote) or a row whose field count
    /// is not the header's is a warning that lowers the coverage of the export's protocol
    /// (``ListingGaps``); a pager line, a `^C` or a last row cut without its line end marks the
    /// copy incomplete.
    static func parse(_ text: CaptureText) -> (sockets: SocketCapture?, processes: ProcessCapture?) {
        var header: [String]?
        var exportProtocol: TransportProtocol?
        var records: [PowerShellRecord] = []
        var diagnostics: [Diagnostic] = []
        var gaps = ListingGaps()
        let lines = text.lines
        let unterminated = text.withBytes { $0.last.map { $0 != 0x0A && $0 != 0x0D } ?? false }
        let lastIndex = lines.lastIndex { !Tokens.isBlank($0) }
        for (index, line) in lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            if PastedNoise.endsWithInterrupt(line) {
                gaps.incomplete(at: index + 1, "a ^C line (the command was interrupted)")
                if PastedNoise.isInterrupt(line) { continue }
            }
            if line.hasPrefix("#TYPE ") { continue }
            if let noise = PastedNoise.classify(line) {
                if noise == .pager { gaps.incomplete(at: index + 1, "a pager line (copied from a paged console)") }
                if noise == .elision { gaps.incomplete(at: index + 1, "rows elided ('...')") }
                continue
            }
            let parsed = CSVLine.parse(line)
            if unterminated, index == lastIndex, header != nil, parsed?.last?.quoted != true {
                gaps.incomplete(at: index + 1, "the file ends inside its last row (no line end)")
            }
            guard let fields = parsed?.map(\.value) else {
                if header != nil { gaps.unreadable(at: index + 1, proto: exportProtocol, family: nil) }
                diagnostics.append(Diagnostic(
                    .warning, "line not understood as a csv row (an open quote)" + lowered(exportProtocol, header), at: location))
                continue
            }
            guard let names = header else {
                let lowered = fields.map { $0.lowercased() }
                header = lowered
                if lowered.contains("localport") {
                    exportProtocol = lowered.contains("remoteport") || lowered.contains("state") ? .tcp : .udp
                }
                continue
            }
            guard fields.count == names.count else {
                gaps.unreadable(at: index + 1, proto: exportProtocol, family: nil)
                diagnostics.append(Diagnostic(
                    .warning, "csv row has \(fields.count) fields, the header \(names.count)" + lowered(exportProtocol, header),
                    at: location))
                continue
            }
            records.append(PowerShellRecord(values: Dictionary(zip(names, fields)) { first, _ in first }, line: index + 1))
        }
        var (sockets, processes) = PowerShellFacts.convert(records, text: text, gaps: gaps, exportProtocol: exportProtocol)
        if sockets != nil {
            sockets?.diagnostics.insert(contentsOf: diagnostics, at: 0)
            sockets?.diagnostics.sort { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) }
        } else {
            processes?.diagnostics.insert(contentsOf: diagnostics, at: 0)
        }
        return (sockets, processes)
    }

    /// `; coverage of tcp, ipv4 and ipv6 is partial` for a row of a socket export.
    private static func lowered(_ proto: TransportProtocol?, _ header: [String]?) -> String {
        guard header != nil, let proto else { return "" }
        return "; " + ListingGaps.lowered(proto: proto, family: nil)
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
