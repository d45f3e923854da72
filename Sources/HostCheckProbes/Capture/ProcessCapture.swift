import HostCheckCore

/// What one process listing yields (`tasklist`, PowerShell `Get-Process`, or the owner columns
/// of `ss -p`, `netstat -p` and `lsof`).
package struct ProcessCapture: Sendable, Equatable {
    var processes: [ProcessFact] = []
    var diagnostics: [Diagnostic] = []
    /// Lines read as header or ruler.
    var decorationLines = 0
    /// True when every record is about a socket owner (a signature export): a record whose PID
    /// owns no socket is reported.
    var describesSocketOwners = false
}
