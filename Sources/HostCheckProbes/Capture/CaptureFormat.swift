import HostCheckCore

/// A capture file format, recognised from the file's content (never its name).
///
/// The raw value is the stable id written to `host.sources[].format`.
public enum CaptureFormat: String, Sendable, Hashable, CaseIterable {
    /// Windows `netstat -an`, `-ano` and their variants, in any display language.
    case windowsNetstat = "windows-netstat"
    /// Windows `tasklist` default table (columns cut by the `=====` ruler).
    case windowsTasklistTable = "windows-tasklist-table"
    /// Windows `tasklist /fo csv`, with or without `/nh`.
    case windowsTasklistCSV = "windows-tasklist-csv"
    /// Windows `tasklist /fo list`.
    case windowsTasklistList = "windows-tasklist-list"
    /// PowerShell `Format-Table` output (`Get-NetTCPConnection`, `Get-Process`).
    case powershellTable = "powershell-table"
    /// PowerShell `Export-Csv` / `ConvertTo-Csv`.
    case powershellCSV = "powershell-csv"
    /// PowerShell `ConvertTo-Json` of `Get-NetTCPConnection`, `Get-NetUDPEndpoint`, `Get-Process`.
    case powershellJSON = "powershell-json"
    /// Another JSON document.
    case json = "json"
    /// Linux `ss`.
    case linuxSS = "linux-ss"
    /// Linux net-tools `netstat`.
    case linuxNetstat = "linux-netstat"
    /// `lsof`.
    case lsof = "lsof"
    /// Linux `/proc/net/{tcp,tcp6,udp,udp6}`.
    case procNet = "proc-net"
    /// Linux `/proc/net/unix`.
    case procNetUnix = "proc-net-unix"
    /// Linux `/proc/[pid]/status`.
    case procPidStatus = "proc-pid-status"
    /// macOS or BSD `netstat -an`.
    case bsdNetstat = "bsd-netstat"

    /// Whether this build turns the format into facts.
    public var isSupported: Bool {
        switch self {
        case .windowsNetstat, .windowsTasklistTable, .windowsTasklistCSV, .windowsTasklistList, .powershellCSV,
             .powershellJSON, .linuxSS, .linuxNetstat, .procNet, .lsof:
            true
        default:
            false
        }
    }

    /// Why an unsupported format is not read, and what to run instead; nil when supported.
    public var unsupportedHint: String? {
        switch self {
        case .windowsNetstat, .windowsTasklistTable, .windowsTasklistCSV, .windowsTasklistList, .powershellCSV,
             .powershellJSON, .linuxSS, .linuxNetstat, .procNet:
            nil
        case .powershellTable:
            "Format-Table output drops and cuts columns; run 'Get-NetTCPConnection | Select-Object "
                + "LocalAddress,LocalPort,RemoteAddress,RemotePort,State,OwningProcess | ConvertTo-Csv "
                + "-NoTypeInformation' (or 'netstat -ano') instead"
        case .json:
            "only hostcheck snapshots (--snapshot) and PowerShell ConvertTo-Json of Get-NetTCPConnection, "
                + "Get-NetUDPEndpoint or Get-Process are read"
        case .lsof, .bsdNetstat:
            "this capture format is not read yet"
        case .procNetUnix, .procPidStatus:
            "this file lists no tcp or udp sockets"
        }
    }

    /// The platform the format comes from, when it tells.
    var platform: Platform {
        switch self {
        case .windowsNetstat, .windowsTasklistTable, .windowsTasklistCSV, .windowsTasklistList,
             .powershellTable, .powershellCSV, .powershellJSON:
            .windows
        case .linuxSS, .linuxNetstat, .procNet, .procNetUnix, .procPidStatus:
            .linux
        case .json, .lsof, .bsdNetstat:
            .unknown
        }
    }
}
