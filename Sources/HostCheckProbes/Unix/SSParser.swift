import HostCheckCore

/// Parses Linux `ss` output (docs/captures.md, "Linux and macOS captures"): `ss -tulpn`, `ss -a`, `ss -tl`, old and new iproute2.
///
/// Columns are found by structure: an optional Netid, the state, two queue counters, two
/// endpoints, then `users:((...))` and options. Rows of other netids (unix, netlink, packet)
/// are skipped with a note. Without a Netid column the protocol is read from the state
/// (`UNCONN` is UDP, anything else TCP).
enum SSParser {
    static let inetNetids: [Substring: TransportProtocol] = ["tcp": .tcp, "udp": .udp]
    static let otherNetids: Set<Substring> = [
        "u_str", "u_dgr", "u_seq", "nl", "p_raw", "p_dgr", "raw", "icmp6", "sctp", "dccp", "v_str", "v_dgr", "x25",
        "tipc", "mptcp", "xdp",
    ]
    /// States only a TCP socket has: a listing without Netid that shows one was run with `-t`.
    static let tcpOnlyStates: Set<String> = [
        "LISTEN", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSE-WAIT", "LAST-ACK", "CLOSING",
    ]
    /// What `ss` prints for a listening socket (`LISTEN`) or an unconnected UDP one (`UNCONN`):
    /// the rows `ss -l` lists.
    static let listeningWords: Set<String> = ["LISTEN", "UNCONN"]
    static let fullCapture = "ss -tuanp as root"

    static func parse(_ text: CaptureText) -> (sockets: SocketCapture, processes: ProcessCapture) {
        var result = SocketCapture()
        var processes = ProcessCapture()
        var seenPIDs: Set<Int> = []
        var skipped = 0
        let lines = text.lines
        let single = singleProtocol(lines)
        var sawNetid = single == nil
        var words: [String] = []
        var coverage = UnixCoverage(
            fullCapture: fullCapture, owners: .none, families: "ss lists both families unless run with -4 or -6")
        var ownersShown = false
        var ownersMissing = false
        var ownersUnreadable = false
        var lastRow: (index: Int, whole: Bool, hasUsers: Bool)?
        var incomplete: SourceLocation?
        let rendering = SSAddressRendering.of(lines)
        var ambiguous = 0
        for (index, line) in lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            let tokens = Tokens.split(line)
            guard let first = tokens.first else { continue }
            if otherNetids.contains(first) {
                skipped += 1
                continue
            }
            if let mark = UnixCopyMarks.interruption(line) {
                result.diagnostics.append(Diagnostic(.warning, mark, at: location))
                incomplete = incomplete ?? location
                continue
            }
            var proto = inetNetids[first]
            if proto != nil { sawNetid = true }
            let offset = proto == nil ? 0 : 1
            guard tokens.count >= offset + 5, UnixStates.words[String(tokens[offset])] != nil || tokens[offset] == "UNKNOWN",
                  Tokens.isDigits(tokens[offset + 1]), Tokens.isDigits(tokens[offset + 2]) else {
                if first == "Netid" || first == "State" || PastedNoise.classify(line) != nil {
                    if first == "Netid" { sawNetid = true }
                    result.decorationLines += 1
                } else {
                    let why = proto != nil && tokens.count > 1 && UnixStates.words[String(tokens[1])] == nil
                        ? "malformed ss row: '\(tokens[1])' is not an ss state" : "line not understood as part of an ss capture"
                    result.diagnostics.append(Diagnostic(.warning, why + "; coverage lowered to partial", at: location))
                    coverage.unreadableRow(proto ?? single, UnixEndpoint.familyHint(tokens.dropFirst()), at: location)
                    lastRow = (index, false, false)
                }
                continue
            }
            let word = String(tokens[offset])
            if proto == nil { proto = single ?? .tcp }
            guard let transport = proto, let local = UnixEndpoint(tokens[offset + 3]),
                  let peer = UnixEndpoint(tokens[offset + 4]) else {
                result.diagnostics.append(Diagnostic(
                    .warning, "malformed ss row: an endpoint cannot be read (a port above 65535?); coverage lowered to partial",
                    at: location))
                coverage.unreadableRow(proto, UnixEndpoint.familyHint(tokens[(offset + 3)...]), at: location)
                lastRow = (index, false, false)
                continue
            }
            words.append(word)
            let extras = tokens[(offset + 5)...].joined(separator: " ")
            let mapped = UnixStates.words[word]
            let state: SocketState
            switch transport {
            case .tcp:
                state = peer.isWildcard ? (mapped == .closed ? .closed : .listening) : (mapped == .listening ? .unknown : mapped ?? .unknown)
            case .udp:
                state = peer.isWildcard ? .listening : .established
            }
            let reading = AnyAddressReading(local: local, extras: extras, rendering: rendering)
            if reading.ambiguous { ambiguous += 1 }
            var socket = SocketFact(
                protocol: transport, family: reading.family, localAddress: reading.address,
                localPort: local.port, localPortName: local.portName, localZone: local.zone,
                remoteAddress: peer.isWildcard || peer.host == "*" ? nil : peer.host,
                remotePort: peer.isWildcard ? nil : peer.port, remotePortName: peer.isWildcard ? nil : peer.portName,
                state: state, rawState: mapped == nil ? word : nil,
                v6only: reading.v6only,
                ownership: .unknown, ownershipReason: .captureHasNoOwners, source: location)
            let owners = users(in: extras)
            if owners.unreadable {
                ownersShown = true
                socket.ownershipReason = .ownerUnreadable
                ownersUnreadable = true
                result.diagnostics.append(Diagnostic(
                    .warning, "the owner field (users:(...)) cannot be read: the socket's owner is unknown", at: location))
            } else if !owners.entries.isEmpty {
                ownersShown = true
                result.hasPIDs = true
                socket.ownership = .owned
                socket.ownershipReason = nil
                socket.pids = Array(Set(owners.entries.map(\.pid))).sorted()
                for user in owners.entries where seenPIDs.insert(user.pid).inserted {
                    processes.processes.append(ProcessFact(
                        pid: user.pid, name: user.name, nameTruncated: user.name.utf8.count >= 15, source: location))
                }
            } else {
                ownersMissing = true
            }
            lastRow = (index, !owners.unreadable, !owners.entries.isEmpty)
            result.sockets.append(socket)
        }
        if ownersShown {
            for index in result.sockets.indices
            where result.sockets[index].pids.isEmpty && result.sockets[index].ownershipReason == .captureHasNoOwners {
                result.sockets[index].ownershipReason = .captureRowHasNoOwner
                result.ownersPartial = true
            }
            coverage.coverage.owners = ownersUnreadable || ownersMissing ? .partial : .full
        }
        if let lastRow, UnixCopyMarks.isCutLastRow(text, index: lastRow.index, whole: lastRow.whole && (!ownersShown || lastRow.hasUsers)) {
            result.diagnostics.append(UnixCopyMarks.cutLastRow(at: text.location(line: lastRow.index + 1)))
            incomplete = incomplete ?? text.location(line: lastRow.index + 1)
        }
        if let incomplete { coverage.incomplete(at: incomplete) }
        if let single, !sawNetid {
            coverage.only(single)
            coverage.assume(single == .tcp
                ? "tcp, udp: assumed from the rows: no Netid column (ss run with -t or -u alone) and rows in TCP states or none: tcp only"
                : "tcp, udp: assumed from the rows: no Netid column (ss run with -t or -u alone) and every row UNCONN or ESTAB: udp only")
            result.diagnostics.append(Diagnostic(
                .note, "no Netid column: ss was run for one protocol, read as \(single.rawValue)", at: SourceLocation(file: text.file)))
        } else {
            coverage.assume("tcp, udp: assumed from the format: a Netid column (ss run for several socket types) lists both")
        }
        if words.allSatisfy(listeningWords.contains) {
            coverage.coverage.states = .listening
            coverage.assume("states: assumed from the rows: every row is listening (ss -l)")
        } else if !words.contains(where: listeningWords.contains) {
            coverage.listsNoListeningSockets("the rows (ss without -l or -a)")
        }
        if ambiguous > 0 {
            result.diagnostics.append(Diagnostic(
                .note, "\(ambiguous) `*` local address\(ambiguous == 1 ? "" : "es") read as `::` with v6only unknown: "
                    + "nothing in the listing shows whether this ss prints `*` for IPv4 (older iproute2) or for a dual-stack socket; "
                    + "family tests on \(ambiguous == 1 ? "it" : "them") are unknown",
                at: SourceLocation(file: text.file)))
        }
        if skipped > 0 {
            result.diagnostics.append(Diagnostic(
                .note, "\(skipped) rows of other socket types (unix, netlink, packet, raw) skipped",
                at: SourceLocation(file: text.file)))
        }
        result.coverage = coverage.finished
        return (result, processes)
    }

    /// The protocol of a listing without a Netid column (`ss -tl`, `ss -ua`), told by its
    /// states: TCP when a row is in a state only TCP has or no row tells, UDP when every row is
    /// `UNCONN` or `ESTAB`; nil when the listing has a Netid column.
    static func singleProtocol(_ lines: [Substring]) -> TransportProtocol? {
        var sawUnconnected = false
        for line in lines {
            let tokens = Tokens.split(line)
            guard let first = tokens.first else { continue }
            if first == "Netid" || inetNetids[first] != nil || otherNetids.contains(first) { return nil }
            guard tokens.count >= 3, Tokens.isDigits(tokens[1]), Tokens.isDigits(tokens[2]) else { continue }
            if tcpOnlyStates.contains(String(first)) { return .tcp }
            if first == "UNCONN" { sawUnconnected = true }
        }
        return sawUnconnected ? .udp : .tcp
    }

    /// The `("name",pid=N,fd=M)` entries of a `users:((...))` option; `unreadable` when the
    /// option is there but cannot be read whole (a PID that overflows, no closing `))`).
    static func users(in extras: String) -> (entries: [(name: String, pid: Int)], unreadable: Bool) {
        guard let start = extras.firstRange(of: "users:(") else { return ([], false) }
        var found: [(name: String, pid: Int)] = []
        var rest = extras[start.upperBound...]
        guard let close = rest.firstRange(of: "))") else { return ([], true) }
        rest = rest[..<close.upperBound]
        while let open = rest.firstRange(of: "(\""), let pidMark = rest[open.upperBound...].firstRange(of: "\",pid=") {
            let name = String(rest[open.upperBound..<pidMark.lowerBound])
            let digits = rest[pidMark.upperBound...].prefix { $0.isASCII && $0.isNumber }
            guard let pid = Int(digits) else { return ([], true) }
            found.append((name, pid))
            rest = rest[pidMark.upperBound...]
        }
        return found.isEmpty ? ([], true) : (found, false)
    }
}

extension SSParser {
    /// Linux `ss`.
    static let descriptor = CaptureFormatDescriptor(
        id: "linux-ss", summary: "Linux ss (-tuanp and other forms)", platform: .linux,
        coverage: .sockets(states: .asCaptured, owners: .withOption, processes: true),
        recognise: { Recognition.firstHeader($0, "Netid State Recv-Q", "State Recv-Q Send-Q") },
        reading: .parsed(parse: { CaptureFacts(parse($0.text)) }))
}

extension SSParser {
    /// The family, address text and `v6only` of a row's local endpoint, from how this `ss`
    /// renders the any address (``SSAddressRendering``); `v6only:0`/`v6only:1` in the row's
    /// options win.
    struct AnyAddressReading {
        var family: AddressFamily
        var address: String
        var v6only: Bool?
        /// A `*` that may be IPv4-only or dual-stack.
        var ambiguous = false

        init(local: UnixEndpoint, extras: String, rendering: SSAddressRendering) {
            let stated: Bool? = extras.contains("v6only:0") ? false : (extras.contains("v6only:1") ? true : nil)
            guard local.host == "*" else {
                family = local.isIPv6 ? .ipv6 : .ipv4
                address = local.host
                let anyIPv6 = family == .ipv6 && IPAddress(local.host)?.isUnspecified == true && local.host.contains(":")
                // A newer ss prints `[::]` only for a socket with v6only set.
                v6only = stated ?? (anyIPv6 && local.bracketed && rendering == .modern ? true : nil)
                return
            }
            switch (stated, rendering) {
            case (false?, _), (nil, .modern):
                (family, address, v6only) = (.ipv6, "::", false)
            case (true?, _):
                (family, address, v6only) = (.ipv6, "::", true)
            case (nil, .old):
                (family, address, v6only) = (.ipv4, "0.0.0.0", nil)
            case (nil, .unknown):
                (family, address, v6only) = (.ipv6, "::", nil)
                ambiguous = true
            }
        }
    }
}
