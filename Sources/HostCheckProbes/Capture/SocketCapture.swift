import HostCheckCore

/// What one socket listing yields (Windows `netstat`, PowerShell `Get-NetTCPConnection`, …).
package struct SocketCapture: Sendable, Equatable {
    var sockets: [SocketFact] = []
    var diagnostics: [Diagnostic] = []
    /// True when rows carry a PID column (`-o`).
    var hasPIDs = false
    /// The protocols and families that appear in the rows.
    var protocols: Set<TransportProtocol> {
        var seen: Set<TransportProtocol> = []
        for socket in sockets where !seen.contains(socket.protocol) {
            seen.insert(socket.protocol)
            if seen.count == TransportProtocol.allCases.count { break }
        }
        return seen
    }
    var families: Set<AddressFamily> {
        var seen: Set<AddressFamily> = []
        for socket in sockets where !seen.contains(socket.family) {
            seen.insert(socket.family)
            if seen.count == AddressFamily.allCases.count { break }
        }
        return seen
    }
    /// Lines read as title or header.
    var decorationLines = 0
    /// True when some rows of an owner column show no owner (a non-root capture).
    var ownersPartial = false
    /// True when the capture shows `...` elisions: rows are missing, coverage is partial.
    var elided = false
    /// Processes named by `-b` owner lines (with `-o`): image and components per PID.
    var ownerProcesses: [ProcessFact] = []
    /// What this listing could show, decided by its parser from the text: the variant (title
    /// and header present, `-l`, `-p`, a `findstr` filter the rows show), rows that could not
    /// be read, an incomplete copy. Nil: ``SnapshotAssembler/inferredCoverage(_:)`` decides.
    var coverage: Coverage?
}
