import HostCheckCore

/// The coverage of one Unix socket listing, built by its parser while it reads the text
/// (docs/captures.md, "Coverage"): what the variant could show (both protocols and families
/// unless the variant says otherwise), lowered to `partial` where a row could not be read or the
/// copy is incomplete. Every decision not read from the text itself is written to
/// ``Coverage/assumed``.
struct UnixCoverage {
    var coverage: Coverage
    /// The dimensions lowered by unreadable rows (`tcp, ipv4`), in the order first seen, with
    /// how many rows and the first one's place.
    private var unreadable: [(dimensions: String, rows: Int, first: SourceLocation)] = []
    /// Where the copy shows first that it is incomplete.
    private var incompleteAt: SourceLocation?
    /// Why no listening socket is listed, when the variant lists none.
    private var noListening: String?

    /// Both protocols and families, every state, port and user, owners at `owners`;
    /// `families` says why both families are assumed.
    init(fullCapture: String, owners: CoverageLevel, families: String) {
        coverage = Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: owners, fullCapture: fullCapture)
        assume("ipv4, ipv6: assumed from the format: \(families)")
    }

    /// The coverage, with what lowered it first in ``Coverage/assumed`` (an `unknown` quotes
    /// the first line that names its missing dimension): the incomplete copy, the unreadable
    /// rows, the variant that lists no listening socket, then what was assumed.
    var finished: Coverage {
        var result = coverage
        var lines: [String] = []
        if let incompleteAt {
            lines.append("tcp, udp, ipv4, ipv6: partial from the copy: it is incomplete (\(incompleteAt))")
        }
        for entry in unreadable {
            let rows = entry.rows == 1 ? "1 row cannot be read" : "\(entry.rows) rows cannot be read, the first"
            lines.append("\(entry.dimensions): partial from the rows: \(rows) (\(entry.first))")
        }
        if let noListening { lines.append(noListening) }
        result.assumed = lines + result.assumed
        return result
    }

    /// Records one assumption (`DIMENSIONS: assumed from WHAT`).
    mutating func assume(_ line: String) {
        if !coverage.assumed.contains(line) { coverage.assumed.append(line) }
    }

    /// Only `proto` is listed (`ss -t`, `ss -u`).
    mutating func only(_ proto: TransportProtocol) {
        for other in TransportProtocol.allCases where other != proto { coverage.setLevel(.none, of: other) }
    }

    /// A row that could not be read fully (at `location`): what it could have been (its
    /// protocol and family when known, else both) is covered only partly.
    mutating func unreadableRow(_ proto: TransportProtocol?, _ family: AddressFamily?, at location: SourceLocation) {
        var dimensions: [String] = []
        for each in TransportProtocol.allCases where proto == nil || proto == each {
            coverage.setLevel(coverage.level(of: each).lowered(to: .partial), of: each)
            dimensions.append(each.rawValue)
        }
        for each in AddressFamily.allCases where family == nil || family == each {
            coverage.setLevel(coverage.level(of: each).lowered(to: .partial), of: each)
            dimensions.append(each.rawValue)
        }
        let key = dimensions.joined(separator: ", ")
        if let index = unreadable.firstIndex(where: { $0.dimensions == key }) {
            unreadable[index].rows += 1
        } else {
            unreadable.append((key, 1, location))
        }
    }

    /// The copy is incomplete (cut, interrupted, paged, elided), first shown at `location`:
    /// every protocol and family is covered only partly.
    mutating func incomplete(at location: SourceLocation) {
        coverage.lowerSockets(to: .partial)
        if incompleteAt == nil { incompleteAt = location }
    }

    /// The variant lists no listening sockets (`netstat` without `-l` or `-a`, `ss` without
    /// `-l` or `-a`). ``StateCoverage`` has no case for "connected sockets only", so every
    /// protocol and family is lowered to `partial`: no rule can pass on it.
    mutating func listsNoListeningSockets(_ why: String) {
        coverage.lowerSockets(to: .partial)
        noListening = "tcp, udp, ipv4, ipv6, states: assumed from \(why): no listening socket is listed"
    }

    /// An owner field that could not be read: owners are covered only partly.
    mutating func unreadableOwner() {
        coverage.owners = coverage.owners.lowered(to: .partial)
    }
}

extension UnixEndpoint {
    /// The family an unreadable row's address token suggests: IPv6 for a bracketed or
    /// many-colon host, IPv4 for a dotted quad, nil when it does not tell (`*:70000`).
    static func familyHint(_ tokens: some Collection<Substring>) -> AddressFamily? {
        for token in tokens {
            guard let colon = token.lastIndex(of: ":") else { continue }
            let host = token[..<colon]
            if host.hasPrefix("[") || host.contains(":") { return .ipv6 }
            if host.split(separator: ".").count == 4, host.allSatisfy({ $0.isNumber || $0 == "." || $0 == "%" || $0.isLetter }) {
                return .ipv4
            }
            if host == "*" { return nil }
        }
        return nil
    }
}
