import HostCheckCore

/// The coverage of Unix rows copied without their title or header: the output of a `grep`
/// (`netstat -tulpn | grep 3691`, `lsof -i -P -n | grep LISTEN`), which lists only the rows that
/// matched (docs/captures.md, "Coverage"). Nothing is covered, except what the rows themselves
/// show the filter to be:
///
/// - every row contains `:P` (`.P` in BSD `netstat`): every socket with local port P is listed
///   (ports P, all states);
/// - every row contains `LISTEN`: the listening TCP sockets are listed (states listening, UDP
///   not covered unless rows of it are present);
/// - both: the listening sockets of port P.
enum UnixRowFilter {
    /// Sets `coverage` for rows with no title or header; `rows` are the text of every line
    /// read as a row (readable or not), `sockets` what was read from them, `separator` the
    /// character before a port.
    static func apply(
        _ coverage: inout UnixCoverage, rows: [Substring], sockets: [SocketFact], separator: Character = ":"
    ) {
        let port = filteredPort(rows: rows, sockets: sockets, separator: separator)
        let listening = !rows.isEmpty && rows.allSatisfy { $0.contains("LISTEN") }
        var result = coverage.coverage
        switch (port, listening) {
        case (nil, false):
            result.assumed.removeAll { $0.hasPrefix("ipv4, ipv6: assumed from the format") }
            let none = Coverage.none
            result.tcp = none.tcp
            result.udp = none.udp
            result.ipv4 = none.ipv4
            result.ipv6 = none.ipv6
            result.owners = none.owners
            result.assumed.append(
                "tcp, udp, ipv4, ipv6, owners: assumed from the rows: no title or header (a filtered copy), "
                    + "and the rows show no filter: nothing is covered")
        case (let port?, false):
            result.ports = [port]
            result.assumed.append(
                "ports: assumed from the rows: no title or header, every row contains \(separator)\(port) (a grep filter)")
        case (let port, true):
            result.states = .listening
            if !sockets.contains(where: { $0.protocol == .udp }) { result.udp = .none }
            if let port { result.ports = [port] }
            let what = port.map { "ports, states: assumed from the rows: no title or header, every row contains \(separator)\($0) and LISTEN" }
                ?? "states: assumed from the rows: no title or header, every row contains LISTEN"
            result.assumed.append(what + " (a grep filter)")
        }
        coverage.coverage = result
    }

    /// The one port P such that every row contains `:P`, from the ports of the first socket;
    /// nil when none or more than one does (the filter is then not known).
    static func filteredPort(rows: [Substring], sockets: [SocketFact], separator: Character) -> Int? {
        guard let first = sockets.first, !rows.isEmpty else { return nil }
        let candidates = Set([first.localPort, first.remotePort].compactMap { $0 })
        let shown = candidates.filter { port in
            let mark = "\(separator)\(port)"
            return rows.allSatisfy { $0.contains(mark) }
        }
        return shown.count == 1 ? shown.first : nil
    }
}
