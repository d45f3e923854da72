import HostCheckCore

/// What one socket listing yields (Windows `netstat`, PowerShell `Get-NetTCPConnection`, …).
package struct SocketCapture: Sendable, Equatable {
    var sockets: [SocketFact] = []
    var diagnostics: [Diagnostic] = []
    /// True when rows carry a PID column (`-o`).
    var hasPIDs = false
    /// The protocols and families that appear in the rows (the rows are read in place, not
    /// copied: this runs for every listing).
    var protocols: Set<TransportProtocol> { Set(TransportProtocol.allCases.filter(rowKinds.shows)) }
    var families: Set<AddressFamily> { Set(AddressFamily.allCases.filter(rowKinds.shows)) }
    /// ``protocols`` and ``families`` in one pass, without a set.
    var rowKinds: RowKinds {
        var kinds = RowKinds()
        for index in sockets.indices {
            switch sockets[index].protocol {
            case .tcp: kinds.tcp = true
            case .udp: kinds.udp = true
            }
            switch sockets[index].family {
            case .ipv4: kinds.ipv4 = true
            case .ipv6: kinds.ipv6 = true
            }
            if kinds.tcp && kinds.udp && kinds.ipv4 && kinds.ipv6 { break }
        }
        return kinds
    }

    /// Which protocols and families some row has.
    struct RowKinds {
        var tcp = false
        var udp = false
        var ipv4 = false
        var ipv6 = false

        init() {}

        /// The kinds of a number of four bits (``index``).
        init(index: Int) {
            tcp = index & 1 != 0
            udp = index & 2 != 0
            ipv4 = index & 4 != 0
            ipv6 = index & 8 != 0
        }

        /// A number of four bits, one for each kind shown: 0 to 15.
        var index: Int { (tcp ? 1 : 0) | (udp ? 2 : 0) | (ipv4 ? 4 : 0) | (ipv6 ? 8 : 0) }

        func shows(_ proto: TransportProtocol) -> Bool {
            switch proto {
            case .tcp: tcp
            case .udp: udp
            }
        }

        func shows(_ family: AddressFamily) -> Bool {
            switch family {
            case .ipv4: ipv4
            case .ipv6: ipv6
            }
        }
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
