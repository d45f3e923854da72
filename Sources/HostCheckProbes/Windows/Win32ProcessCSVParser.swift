import HostCheckCore

/// Parses `Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,Name,
/// ExecutablePath,CommandLine | Export-Csv -NoTypeInformation -Encoding UTF8` (docs/captures.md,
/// "Owner identity on Windows"): one process per row, with its parent, image name, executable
/// path and command line. Unelevated, `ExecutablePath` and `CommandLine` are empty for other
/// users' processes: those stay unknown, never guessed.
enum Win32ProcessCSVParser {
    /// The properties whose header marks the export.
    static let properties = ["ProcessId", "ParentProcessId", "Name", "ExecutablePath"]

    static func parse(_ text: CaptureText) -> ProcessCapture {
        PowerShellCSVTable(text, what: "Win32_Process export").processes(text) { record, pid, location, diagnostics in
            let ppid = PowerShellCSVTable.pid(record, "ParentProcessId")
            if ppid == nil, record["ParentProcessId"] != nil {
                diagnostics.append(Diagnostic(
                    .warning, "ParentProcessId is no Windows process id; the parent is unknown", at: location))
            }
            return ProcessFact(
                pid: pid, ppid: ppid, name: record["Name"], path: record["ExecutablePath"], cmdline: record["CommandLine"],
                source: location)
        }
    }
}

extension Win32ProcessCSVParser {
    /// `Get-CimInstance Win32_Process` through `Export-Csv`.
    static let descriptor = CaptureFormatDescriptor(
        id: "windows-win32-process-csv",
        summary: "PowerShell Get-CimInstance Win32_Process (ProcessId, ParentProcessId, Name, ExecutablePath, CommandLine) through Export-Csv",
        platform: .windows,
        coverage: .processList,
        recognise: { PowerShellCSVTable.recognise($0, properties: properties) },
        reading: .parsed(parse: { CaptureFacts(processes: parse($0.text)) }))
}
