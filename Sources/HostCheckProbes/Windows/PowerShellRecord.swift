import HostCheckCore

/// One object of a PowerShell export (a CSV row or a JSON object): property names, which are
/// .NET and CIM identifiers and never localized, mapped to their values as text.
struct PowerShellRecord: Sendable {
    /// Values by lower-cased property name.
    var values: [String: String]
    /// The 1-based line where the object starts.
    var line: Int

    subscript(_ key: String) -> String? {
        values[key.lowercased()].flatMap { $0.isEmpty ? nil : $0 }
    }

    func integer(_ key: String) -> Int? {
        self[key].flatMap { Tokens.isDigits(Substring($0)) && $0.count <= 10 ? Int($0) : nil }
    }
}

/// Turns `Get-NetTCPConnection`, `Get-NetUDPEndpoint` and `Get-Process` objects into facts
/// (docs/captures.md, "Formats read").
///
/// A TCP connection listens when its remote port is 0, whatever its state; the state
/// (`Listen` or `2`, `Bound` or `100`, …) refines the others. A UDP endpoint has no remote and is
/// `listening`. `Get-Process` names have no `.exe`.
enum PowerShellFacts {
    /// `MSFT_NetTCPConnection.State` names and numbers (MIB_TCP_STATE, `Bound` = 100).
    static let states: [String: SocketState] = [
        "closed": .closed, "1": .closed, "listen": .listening, "2": .listening, "synsent": .synSent, "3": .synSent,
        "synreceived": .synReceived, "4": .synReceived, "established": .established, "5": .established,
        "finwait1": .finWait1, "6": .finWait1, "finwait2": .finWait2, "7": .finWait2, "closewait": .closeWait,
        "8": .closeWait, "closing": .closing, "9": .closing, "lastack": .lastAck, "10": .lastAck,
        "timewait": .timeWait, "11": .timeWait, "bound": .bound, "100": .bound,
    ]

    /// - Parameters:
    ///   - gaps: rows of the export that could not be read at all (a short CSV row, an open
    ///     quote) and signs of a cut copy, found before the records were made.
    ///   - exportProtocol: the protocol the export's columns show (a CSV header), if any.
    static func convert(
        _ records: [PowerShellRecord], text: CaptureText, gaps: ListingGaps = ListingGaps(),
        exportProtocol: TransportProtocol? = nil
    ) -> (sockets: SocketCapture?, processes: ProcessCapture?) {
        var sockets = SocketCapture()
        var processes = ProcessCapture()
        var sawSockets = exportProtocol != nil
        var sawProcesses = false
        var gaps = gaps
        var evidence = PowerShellCoverage.Evidence(exportProtocol: exportProtocol)
        for record in records {
            let location = text.location(line: record.line)
            if record.values["localport"] != nil {
                sawSockets = true
                evidence.record(record)
                guard let socket = socket(record, location: location) else {
                    let proto = isTCP(record) ? TransportProtocol.tcp : .udp
                    let family = record["LocalAddress"].flatMap(IPAddress.init).map { address -> AddressFamily in
                        if case .v6 = address { .ipv6 } else { .ipv4 }
                    }
                    gaps.unreadable(at: record.line, proto: proto, family: family)
                    sockets.diagnostics.append(Diagnostic(
                        .warning, "connection object without a readable local address or port, or with a remote port above 65535; "
                            + ListingGaps.lowered(proto: proto, family: family),
                        at: location))
                    continue
                }
                if socket.ownershipReason == .ownerUnreadable {
                    sockets.diagnostics.append(Diagnostic(
                        .warning, "OwningProcess is no Windows process id; the connection is kept, owner unknown",
                        at: location))
                }
                sockets.sockets.append(socket)
            } else if let pid = record.integer("Id"), let name = record["ProcessName"] ?? record["Name"] {
                sawProcesses = true
                processes.processes.append(ProcessFact(pid: pid, name: name, path: record["Path"], source: location))
            } else {
                sockets.diagnostics.append(Diagnostic(
                    .warning, "object is neither a connection nor a process", at: location))
            }
        }
        sockets.hasPIDs = evidence.withOwner > 0
        sockets.diagnostics += gaps.incompleteDiagnostics(file: text.file)
        sockets.coverage = PowerShellCoverage.coverage(of: sockets, evidence: evidence, gaps: gaps)
        if !sawSockets {
            processes.diagnostics += sockets.diagnostics
            return (nil, processes)
        }
        if sawProcesses { return (sockets, processes) }
        return (sockets, nil)
    }

    /// Whether a connection object is TCP (it has a remote port or a state column).
    static func isTCP(_ record: PowerShellRecord) -> Bool {
        record.values["remoteport"] != nil || record.values["state"] != nil
    }

    /// The socket of a connection object; nil when its local address or port, or a remote
    /// port, cannot be read (a port above 65535 is no port: the row is unreadable).
    /// An `OwningProcess` that is no Windows PID keeps the socket, owner unknown
    /// (`owner-unreadable`); an export without the column leaves it unknown
    /// (`capture-has-no-owners`).
    static func socket(_ record: PowerShellRecord, location: SourceLocation) -> SocketFact? {
        guard let address = record["LocalAddress"], let port = record.integer("LocalPort"), port <= 65535 else { return nil }
        let family: AddressFamily = IPAddress(address).map { if case .v6 = $0 { .ipv6 } else { .ipv4 } } ?? .ipv4
        let stateText = record["State"]
        let mapped = stateText.flatMap { states[$0.lowercased()] }
        let isTCP = isTCP(record)
        var state: SocketState
        var remoteAddress: String?
        var remotePort: Int?
        if isTCP {
            let remote = record.integer("RemotePort") ?? 0
            guard remote <= 65535 else { return nil }
            if remote == 0 {
                state = mapped == .bound || mapped == .closed ? (mapped ?? .listening) : .listening
            } else {
                state = mapped == .listening ? .unknown : (mapped ?? .unknown)
                remoteAddress = record["RemoteAddress"]
                remotePort = remote
            }
        } else {
            state = .listening
        }
        let unmapped = stateText != nil && mapped == nil
        var ownership = Ownership.unknown
        var reason: OwnershipReason? = .captureHasNoOwners
        var pids: [Int] = []
        if record.values["owningprocess"] != nil {
            if let pid = record.integer("OwningProcess"), pid <= Int(UInt32.max) {
                ownership = pid == 0 ? .unowned : .owned
                reason = pid == 0 ? .windowsPidZero : nil
                pids = pid == 0 ? [] : [pid]
            } else {
                reason = .ownerUnreadable
            }
        }
        return SocketFact(
            protocol: isTCP ? .tcp : .udp, family: family, localAddress: address, localPort: port,
            remoteAddress: remoteAddress, remotePort: remotePort, state: state, rawState: unmapped ? stateText : nil,
            ownership: ownership, ownershipReason: reason, pids: pids, source: location)
    }
}
