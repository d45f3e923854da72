import HostCheckCore

/// Whether the sources of a host list every process, which a process rule's `pass` (and a
/// process count's "at most") rests on (docs/rule-packs.md, "Process rules").
///
/// Read from the formats the snapshot was built from: `tasklist`, `Win32_Process` and a
/// PowerShell `Get-Process` export list every process; `netstat`, `ss`, `lsof`, `sockstat`
/// name only the processes that hold a socket. The live Linux probe lists every process it
/// can see; where it cannot see all (`hidepid`, a child pid namespace), or the snapshot is a
/// snapshot-1 document (owners only), its coverage holds a `processes:` assumption and the
/// list is partial.
struct ProcessListCoverage: Sendable, Hashable {
    /// The level: full, partial (some processes may be hidden) or none.
    var level: CoverageLevel
    /// Why it is not full, for messages; nil when full.
    var reason: String?

    /// Formats that list every process the command could see.
    static let processListFormats: Set<String> = [
        "windows-tasklist-csv", "windows-tasklist-list", "windows-tasklist-table", "windows-win32-process-csv",
        "linux-proc",
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
        } else if listing.contains(where: { $0.format == "linux-proc" }),
                  let hidden = host.coverage.assumed.first(where: { $0.hasPrefix("processes:") }) {
            // The live probe lists every process it can see; it says so when it cannot see all
            // (a child pid namespace, /proc mounted hidepid=).
            level = .partial
            reason = "processes only partly (\(hidden))"
        } else {
            level = .full
            reason = nil
        }
    }
}
