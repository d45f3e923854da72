import HostCheckCore

/// Whether the sources of a host list every process, which a process rule's `pass` (and a
/// process count's "at most") rests on (docs/rule-packs.md, "Process rules").
///
/// Read from the formats the snapshot was built from: `tasklist`, `Win32_Process` and a
/// PowerShell `Get-Process` export list every process; `netstat`, `ss`, `lsof`, `sockstat`
/// name only the processes that hold a socket, and so does the live Linux probe today
/// (``LinuxProcProbe`` reads the owners of sockets only). A format added to
/// ``processListFormats`` whose process list a probe can cut short (`hidepid`, a child pid
/// namespace) lowers to partial with the coverage of owners.
struct ProcessListCoverage: Sendable, Hashable {
    /// The level: full, partial (some processes may be hidden) or none.
    var level: CoverageLevel
    /// Why it is not full, for messages; nil when full.
    var reason: String?

    /// Formats that list every process the command could see.
    static let processListFormats: Set<String> = [
        "windows-tasklist-csv", "windows-tasklist-list", "windows-tasklist-table", "windows-win32-process-csv",
    ]
    /// Formats that list every process only when the file is a process export (`Get-Process`)
    /// rather than a socket export (`Get-NetTCPConnection`): known from the process records
    /// read from that file.
    static let processExportFormats: Set<String> = ["powershell-csv", "powershell-json", "powershell-table"]

    /// What captures list every process, for messages.
    static let settle = "a source that lists every process (`tasklist /v /fo csv`, `Get-Process` or `Win32_Process` on Windows)"

    /// The process-list coverage of a host whose snapshot holds `processes`.
    init(host: HostInfo, processes: [ProcessFact]) {
        let processFiles = Set(processes.map(\.source.file))
        let listing = host.sources.filter { source in
            Self.processListFormats.contains(source.format)
                || (Self.processExportFormats.contains(source.format) && processFiles.contains(source.file))
        }
        if host.coverage.processes == .full {
            level = .full
            reason = nil
        } else if listing.isEmpty {
            level = .none
            let formats = Array(Set(host.sources.map(\.format))).sorted().joined(separator: ", ")
            reason = "no source lists every process (\(formats.isEmpty ? "no source" : formats) name only the processes that hold a socket)"
        } else if listing.contains(where: { $0.format == "linux-proc" }), host.coverage.owners != .full {
            level = .partial
            let why = host.coverage.assumed.first { $0.hasPrefix("owners") } ?? "some processes were not visible to the probe"
            reason = "processes only partly (\(why))"
        } else {
            level = .full
            reason = nil
        }
    }
}
