import HostCheckCore

/// What one socket listing yields (Windows `netstat`, PowerShell `Get-NetTCPConnection`, …).
struct SocketCapture: Sendable {
    var sockets: [SocketFact] = []
    var diagnostics: [Diagnostic] = []
    /// True when rows carry a PID column (`-o`).
    var hasPIDs = false
    /// The protocols and families that appear in the rows.
    var protocols: Set<TransportProtocol> = []
    var families: Set<AddressFamily> = []
    /// Lines read as title or header.
    var decorationLines = 0
    /// True when the capture shows `...` elisions: rows are missing, coverage is partial.
    var elided = false
    /// Processes named by `-b` owner lines (with `-o`): image and components per PID.
    var ownerProcesses: [ProcessFact] = []
}
