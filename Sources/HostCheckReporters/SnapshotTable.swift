import HostCheckCore

/// The socket table of `hostcheck facts --format table`.
///
/// One row per socket: PROTO, LOCAL, REMOTE, STATE, PID, PROCESS, SOURCE. Owner names are
/// joined by `,`; `-` means no owner (unowned); `?` means the owner is unknown, with the reason
/// in a footnote. Below the table: how many sockets, processes and diagnostics, and the first
/// diagnostics. Every cell is neutralised with ``TerminalText``.
package enum SnapshotTable {
    /// The column titles, in order.
    package static let columns = ["PROTO", "LOCAL", "REMOTE", "STATE", "PID", "PROCESS", "SOURCE"]

    /// How many diagnostics are listed under the table.
    package static let diagnosticsShown = 5

    /// The sockets `facts` shows: those on `port` (local or remote) when given, and only
    /// listening ones when `listeningOnly`.
    package static func filter(_ sockets: [SocketFact], port: Int? = nil, listeningOnly: Bool = false) -> [SocketFact] {
        sockets.filter { socket in
            if listeningOnly, socket.state != .listening { return false }
            if let port, socket.localPort != port, socket.remotePort != port { return false }
            return true
        }
    }

    /// Renders the table.
    /// - Parameters:
    ///   - snapshot: the facts (processes, diagnostics, host).
    ///   - sockets: the rows to show, already filtered (default: every socket of `snapshot`).
    /// - Returns: the text, each line ending with a newline.
    package static func render(_ snapshot: Snapshot, sockets: [SocketFact]? = nil) -> String {
        let rows = sockets ?? snapshot.sockets
        let processes = snapshot.processesByPID()
        var reasons: [String: Int] = [:]
        var missingRecords = 0
        var table: [[String]] = [columns]
        for socket in rows {
            let (pid, process) = ownerCells(socket, processes: processes)
            if socket.ownership == .unknown {
                reasons[socket.ownershipReason?.rawValue ?? "no reason given", default: 0] += 1
            } else if socket.ownership == .owned, socket.pids.contains(where: { processes[$0] == nil }) {
                missingRecords += 1
            }
            table.append([
                protoCell(socket), localCell(socket), remoteCell(socket), stateCell(socket),
                pid, process, socket.source.description,
            ].map(TerminalText.neutralised))
        }
        var out = "\(TerminalText.neutralised(snapshot.host.name)) (\(snapshot.host.platform.rawValue)): "
            + TerminalText.neutralised(ResultText.sources(snapshot.host)) + "\n"
        out += layout(table)
        for reason in reasons.keys.sorted() {
            let count = reasons[reason] ?? 0
            out += "? owner unknown for \(ResultText.count(count, "socket")): \(TerminalText.neutralised(reason))\n"
        }
        if missingRecords > 0 {
            out += "? \(ResultText.count(missingRecords, "socket")) owned by a pid with no process record\n"
        }
        out += "\(ResultText.count(rows.count, "socket"))"
        if rows.count != snapshot.sockets.count { out += " of \(snapshot.sockets.count)" }
        out += ", \(ResultText.count(snapshot.processes.count, "process", plural: "processes")), "
            + "\(ResultText.count(snapshot.diagnostics.count, "diagnostic"))\n"
        for diagnostic in snapshot.diagnostics.prefix(diagnosticsShown) {
            out += "  " + TerminalText.neutralised(diagnostic.description) + "\n"
        }
        if snapshot.diagnostics.count > diagnosticsShown {
            out += "  … and \(snapshot.diagnostics.count - diagnosticsShown) more (see --format json)\n"
        }
        return out
    }

    static func protoCell(_ socket: SocketFact) -> String {
        socket.protocol.rawValue + (socket.family == .ipv6 ? "6" : "")
    }

    static func endpoint(address: String, zone: String?, port: Int?, portName: String?, family: AddressFamily) -> String {
        let host = family == .ipv6 ? "[\(address)\(zone.map { "%\($0)" } ?? "")]" : address
        return "\(host):\(port.map(String.init) ?? portName ?? "*")"
    }

    static func localCell(_ socket: SocketFact) -> String {
        endpoint(address: socket.localAddress, zone: socket.localZone, port: socket.localPort,
                 portName: socket.localPortName, family: socket.family)
    }

    static func remoteCell(_ socket: SocketFact) -> String {
        guard let address = socket.remoteAddress else {
            return socket.remotePort.map { "*:\($0)" } ?? "*:*"
        }
        return endpoint(address: address, zone: nil, port: socket.remotePort, portName: socket.remotePortName, family: socket.family)
    }

    static func stateCell(_ socket: SocketFact) -> String {
        if socket.state == .unknown, let raw = socket.rawState { return "unknown(\(raw))" }
        return socket.state.rawValue
    }

    static func ownerCells(_ socket: SocketFact, processes: [Int: ProcessFact]) -> (String, String) {
        switch socket.ownership {
        case .unowned:
            return ("-", "-")
        case .unknown:
            return ("?", "?")
        case .owned:
            guard !socket.pids.isEmpty else { return ("?", "?") }
            let pids = socket.pids.map(String.init).joined(separator: ",")
            let names = socket.pids.map { processes[$0]?.name ?? "?" }.joined(separator: ",")
            return (pids, names)
        }
    }

    /// Left-aligned columns separated by two spaces, without trailing spaces.
    static func layout(_ table: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: columns.count)
        var bytes = 0
        for row in table {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], width(cell))
                bytes += cell.utf8.count
            }
        }
        // Built as bytes, each cell padded with spaces to its column's width plus two (the
        // last cell is not padded): a capture of half a million sockets is one table.
        var out: [UInt8] = []
        out.reserveCapacity(bytes + table.count * (widths.reduce(0, +) + 2 * widths.count + 1))
        for row in table {
            for (index, cell) in row.enumerated() {
                out.append(contentsOf: cell.utf8)
                if index < row.count - 1 {
                    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(widths[index] + 2 - width(cell), 0)))
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The width of a cell in characters (its byte count when it is ASCII: cells are
    /// neutralised, so ASCII cells are printable).
    static func width(_ cell: String) -> Int {
        TerminalText.isPrintableASCII(cell) ? cell.utf8.count : cell.count
    }
}
