import HostCheckCore

/// What one socket listing yields (Windows `netstat`, PowerShell `Get-NetTCPConnection`, …).
package struct SocketCapture: Sendable, Equatable {
    var sockets: [SocketFact] = []
    var diagnostics: [Diagnostic] = []
    /// True when rows carry a PID column (`-o`).
    var hasPIDs = false
    /// The protocols and families that appear in the rows (the rows are read in place, not
    /// copied: this runs for every listing).
    var protocols: Set<TransportProtocol> {
        var tcp = false
        var udp = false
        for index in sockets.indices {
            switch sockets[index].protocol {
            case .tcp: tcp = true
            case .udp: udp = true
            }
            if tcp && udp { break }
        }
        var seen: Set<TransportProtocol> = []
        if tcp { seen.insert(.tcp) }
        if udp { seen.insert(.udp) }
        return seen
    }
    var families: Set<AddressFamily> {
        var ipv4 = false
        var ipv6 = false
        for index in sockets.indices {
            switch sockets[index].family {
            case .ipv4: ipv4 = true
            case .ipv6: ipv6 = true
            }
            if ipv4 && ipv6 { break }
        }
        var seen: Set<AddressFamily> = []
        if ipv4 { seen.insert(.ipv4) }
        if ipv6 { seen.insert(.ipv6) }
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
