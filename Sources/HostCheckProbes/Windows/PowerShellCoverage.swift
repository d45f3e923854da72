import HostCheckCore

/// What a PowerShell export of `Get-NetTCPConnection` / `Get-NetUDPEndpoint` could show
/// (docs/captures.md, "Coverage"): the cmdlets list every connection of their protocol, of
/// both families, in every state, unless filtered (`-State Listen`, `-LocalPort 3691`); the
/// rows show such a filter.
enum PowerShellCoverage {
    /// The capture that covers everything, quoted in `unknown` messages.
    static let fullCapture = "Get-NetTCPConnection and Get-NetUDPEndpoint | ConvertTo-Csv, with Get-Process beside them"

    /// What the connection objects showed while they were read.
    struct Evidence: Sendable {
        /// The protocol the export's columns show (a CSV header).
        var exportProtocol: TransportProtocol?
        var protocols: Set<TransportProtocol> = []
        /// Connection objects with an `OwningProcess` property, and without.
        var withOwner = 0
        var withoutOwner = 0

        init(exportProtocol: TransportProtocol?) {
            self.exportProtocol = exportProtocol
            if let exportProtocol { protocols.insert(exportProtocol) }
        }

        mutating func record(_ record: PowerShellRecord) {
            protocols.insert(PowerShellFacts.isTCP(record) ? .tcp : .udp)
            if record.values["owningprocess"] != nil { withOwner += 1 } else { withoutOwner += 1 }
        }
    }

    static func coverage(of listing: SocketCapture, evidence: Evidence, gaps: ListingGaps) -> Coverage {
        let families = listing.families
        let owners: CoverageLevel = evidence.withoutOwner == 0 ? (evidence.withOwner > 0 ? .full : .none)
            : evidence.withOwner == 0 ? .none : .partial
        var coverage = Coverage(
            tcp: evidence.protocols.contains(.tcp) ? .full : .none, udp: evidence.protocols.contains(.udp) ? .full : .none,
            ipv4: families.contains(.ipv4) ? .full : .none, ipv6: families.contains(.ipv6) ? .full : .none,
            owners: owners, fullCapture: fullCapture)
        if !evidence.protocols.contains(.udp) {
            coverage.assumed.append("udp: assumed from the rows: no UDP endpoint (Get-NetTCPConnection lists TCP only)")
        }
        if !evidence.protocols.contains(.tcp) {
            coverage.assumed.append("tcp: assumed from the rows: no TCP connection (Get-NetUDPEndpoint lists UDP only)")
        }
        let shown = AddressFamily.allCases.filter(families.contains).map(\.rawValue)
        if !shown.isEmpty {
            coverage.assumed.append(
                shown.joined(separator: ", ") + ": assumed from the rows: the cmdlets list both families, and each shows in a row")
        }
        for family in AddressFamily.allCases where !families.contains(family) {
            coverage.assumed.append("\(family.rawValue): assumed from the rows: no \(family == .ipv4 ? "IPv4" : "IPv6") row")
        }
        if owners != .full { coverage.assumed.append("owners: assumed from the rows: OwningProcess not exported for every row") }
        let tcp = listing.sockets.filter { $0.protocol == .tcp }
        if !tcp.isEmpty, tcp.allSatisfy({ $0.state == .listening }) {
            coverage.states = .listening
            coverage.assumed.append(
                "states: assumed from the rows: every connection listens (Get-NetTCPConnection -State Listen?)")
        }
        if let port = listing.sockets.first?.localPort, listing.sockets.allSatisfy({ $0.localPort == port }) {
            coverage.ports = [port]
            coverage.assumed.append("ports: assumed from the rows: every row has local port \(port) (-LocalPort \(port)?)")
        }
        return gaps.applied(to: coverage, raisingFromNone: true)
    }
}
