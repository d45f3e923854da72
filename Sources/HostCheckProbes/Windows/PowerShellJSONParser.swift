import HostCheckCore

/// Parses PowerShell `ConvertTo-Json` output (docs/captures.md, "Formats read"): a bare object (one
/// result) or an array of objects, in the 5.1 (`"Key":  value`, `\/Date(...)\/`, enums as
/// numbers) or 7 form (enums as numbers or, with `-EnumsAsStrings`, names).
enum PowerShellJSONParser {
    static func parse(_ text: CaptureText, raw: String) -> (sockets: SocketCapture?, processes: ProcessCapture?) {
        let fileLocation = SourceLocation(file: text.file)
        // A line too long to read (reported where the text was read) leaves no whole document.
        guard text.lineRanges.longLines.isEmpty, let json = try? JSONParser().parse(Array(raw.utf8), file: text.file) else {
            var failed = ProcessCapture()
            failed.diagnostics.append(Diagnostic(.error, "the json document cannot be read", at: fileLocation))
            return (nil, failed)
        }
        let objects: [JSONNode]
        if case .array(let items) = json.value { objects = items } else { objects = [json] }
        var records: [PowerShellRecord] = []
        var diagnostics: [Diagnostic] = []
        for object in objects {
            guard case .object(let members) = object.value else {
                diagnostics.append(Diagnostic(.warning, "json value is not an object", at: text.location(line: object.line)))
                continue
            }
            var values: [String: String] = [:]
            for member in members.members {
                switch member.value.value {
                case .string(let string): values[member.key.lowercased()] = string
                case .number(let number): values[member.key.lowercased()] = number
                default: break
                }
            }
            records.append(PowerShellRecord(values: values, line: object.line))
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

extension PowerShellJSONParser {
    /// PowerShell `ConvertTo-Json` of `Get-NetTCPConnection`, `Get-NetUDPEndpoint`, `Get-Process`.
    static let descriptor = CaptureFormatDescriptor(
        id: "powershell-json",
        summary: "PowerShell ConvertTo-Json of Get-NetTCPConnection, Get-NetUDPEndpoint, Get-Process",
        platform: .windows,
        coverage: .sockets(states: .asCaptured, owners: .all, processes: true),
        recognise: { lines in
            guard FormatRecognizer.startsJSON(lines) else { return nil }
            let powershell = lines.contains { $0.contains("\"OwningProcess\"") || $0.contains("\"ProcessName\"") }
            return powershell ? .marker(line: 0) : nil
        },
        reading: .parsed(parse: { CaptureFacts(parse($0.text, raw: $0.decoded.text)) }))
}
