import HostCheckCore

/// What a Windows `netstat` capture could show (docs/captures.md, "Coverage"), decided from
/// the text: whether its title and header are there, the protocols and families of its rows,
/// its PID column, the filter its rows show when they come without a header, and its gaps.
enum NetstatCoverage {
    /// The capture that covers everything, quoted in `unknown` messages.
    static let fullCapture = "netstat -ano, with tasklist /svc /fo csv beside it"

    /// The coverage of one parsed listing.
    ///
    /// With its title and header, `netstat` lists every state of every port; protocols and
    /// families are read from the rows, since a Windows host always has TCP and UDP sockets
    /// of both families (none of a protocol means `-p`; no listening TCP row means no `-a`).
    /// Without them (`netstat -ano | findstr :3691`) it covers nothing, except the filter every
    /// row shows: `:P` in every row covers port P, `LISTENING` in every row the listening
    /// sockets (``RowFilter``).
    static func coverage(of listing: SocketCapture, titled: Bool, gaps: ListingGaps, text: CaptureText) -> Coverage {
        var owners: CoverageLevel = listing.hasPIDs ? .full : .none
        if owners == .full, listing.ownersPartial { owners = .partial }
        var coverage: Coverage
        if titled {
            coverage = fromRows(listing, owners: owners)
        } else {
            coverage = filtered(listing, owners: owners, text: text)
        }
        coverage.fullCapture = fullCapture
        if listing.elided { coverage.lowerSockets(to: .partial) }
        return gaps.applied(to: coverage, raisingFromNone: titled || coverage.tcp != .none || coverage.udp != .none)
    }

    /// A capture with its title and header: every state and port; protocols and families as
    /// the rows show them.
    static func fromRows(_ listing: SocketCapture, owners: CoverageLevel) -> Coverage {
        let kinds = listing.rowKinds
        var coverage = Coverage(
            tcp: kinds.tcp ? .full : .none, udp: kinds.udp ? .full : .none,
            ipv4: kinds.ipv4 ? .full : .none, ipv6: kinds.ipv6 ? .full : .none,
            owners: owners)
        if let note = shownNotes[kinds.index] { coverage.assumed.append(note) }
        if !kinds.udp { coverage.assumed.append("udp: assumed from the rows: no UDP row (netstat -p tcp?)") }
        if !kinds.tcp { coverage.assumed.append("tcp: assumed from the rows: no TCP row (netstat -p udp?)") }
        if !kinds.ipv6 { coverage.assumed.append("ipv6: assumed from the rows: no IPv6 row (netstat -p tcp?)") }
        if !kinds.ipv4 { coverage.assumed.append("ipv4: assumed from the rows: no IPv4 row (netstat -p tcpv6?)") }
        if kinds.tcp, !listing.sockets.contains(where: { $0.protocol == .tcp && $0.state == .listening }) {
            coverage.tcp = .partial
            coverage.assumed.append(
                "tcp: assumed from the rows: no listening TCP row, so no listeners are listed (netstat without -a)")
        }
        if owners == .none { coverage.assumed.append("owners: assumed from the rows: no PID column (netstat without -o)") }
        return coverage
    }

    /// The note on the protocols and families some row shows (nil: none shows), for each
    /// combination (``SocketCapture/RowKinds/index``): made once, not for every capture.
    static let shownNotes: [String?] = (0..<16).map { index in
        let kinds = SocketCapture.RowKinds(index: index)
        let shown = TransportProtocol.allCases.filter(kinds.shows).map(\.rawValue)
            + AddressFamily.allCases.filter(kinds.shows).map(\.rawValue)
        guard !shown.isEmpty else { return nil }
        return shown.joined(separator: ", ") + ": assumed from the rows: netstat lists every protocol and family "
            + "unless run with -p, and each shows in a row"
    }

    /// Rows without title and header: nothing, except the filter every row shows.
    static func filtered(_ listing: SocketCapture, owners: CoverageLevel, text: CaptureText) -> Coverage {
        let filter = RowFilter.infer(listing, text: text)
        guard filter.port != nil || filter.listening else {
            var coverage = Coverage.none
            coverage.owners = .none
            coverage.assumed.append(
                "tcp, udp, ipv4, ipv6: rows without the netstat title and header (a filtered copy) show no filter "
                    + "they were taken through: nothing is covered")
            return coverage
        }
        // `findstr LISTENING` keeps no UDP row (UDP rows have no state word).
        let udp: CoverageLevel = filter.listening ? .none : .full
        var coverage = Coverage(
            tcp: .full, udp: udp, ipv4: .full, ipv6: .full, owners: owners,
            states: filter.listening ? .listening : .all, ports: filter.port.map { [$0] })
        var shows: [String] = []
        if let port = filter.port { shows.append("every row contains :\(port)") }
        if filter.listening { shows.append("every row is LISTENING") }
        coverage.assumed.append("ports, states: assumed from the rows: " + shows.joined(separator: " and ") + " (a findstr filter)")
        coverage.assumed.append(
            (filter.listening ? "tcp, ipv4, ipv6" : "tcp, udp, ipv4, ipv6")
                + ": assumed from the filter: netstat -ano lists every protocol and family, and findstr keeps what it matches")
        if filter.listening { coverage.assumed.append("udp: findstr LISTENING keeps no UDP row (they have no state)") }
        return coverage
    }
}

/// The filter the rows of a headerless capture show (`findstr :3691`, `findstr LISTENING`).
struct RowFilter: Sendable, Hashable {
    /// P when every row contains `:P` (in either column, as `findstr` matches); the longest P
    /// when several (`:3691` also contains `:369`); never 0 (every listener's remote is `:0`).
    var port: Int?
    /// True when every row is a TCP row whose state word says listening, in any language.
    var listening: Bool

    static func infer(_ listing: SocketCapture, text: CaptureText) -> RowFilter {
        guard !listing.sockets.isEmpty else { return RowFilter(port: nil, listening: false) }
        let listening = listing.sockets.allSatisfy { $0.protocol == .tcp && $0.state == .listening }
        var common: Set<String>?
        for socket in listing.sockets {
            guard let line = socket.source.line, line >= 1, line <= text.lineCount else { return RowFilter(port: nil, listening: listening) }
            let found = portCandidates(text.line(line - 1))
            common = common.map { $0.intersection(found) } ?? found
            if common?.isEmpty == true { break }
        }
        let best = (common ?? []).compactMap { Int($0) == 0 ? nil : $0 }
            .max { ($0.count, Int($0) ?? 0) < ($1.count, Int($1) ?? 0) }
        return RowFilter(port: best.flatMap { Int($0) }, listening: listening)
    }

    /// Every `P` that `:P` is a substring of `line` for: the non-empty prefixes of each run of
    /// digits after a `:`, up to five digits and 65535.
    static func portCandidates(_ line: Substring) -> Set<String> {
        var found: Set<String> = []
        let bytes = Array(line.utf8)
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == 0x3A else { continue }
            var digits = ""
            var next = index + 1
            while next < bytes.count, bytes[next] >= 0x30, bytes[next] <= 0x39, digits.count < 5 {
                digits.append(Character(Unicode.Scalar(bytes[next])))
                if let value = Int(digits), value <= 65535 { found.insert(digits) }
                next += 1
            }
        }
        return found
    }
}
