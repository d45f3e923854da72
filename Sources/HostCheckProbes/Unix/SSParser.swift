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

    static func parse(_ text: CaptureText) -> (sockets: SocketCapture, processes: ProcessCapture) {
        var result = SocketCapture()
        var processes = ProcessCapture()
        var seenPIDs: Set<Int> = []
        var skipped = 0
        var inferred = false
        for (index, line) in text.lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            let tokens = Tokens.split(line)
            guard let first = tokens.first else { continue }
            if otherNetids.contains(first) {
                skipped += 1
                continue
            }
            var proto = inetNetids[first]
            let offset = proto == nil ? 0 : 1
            guard tokens.count >= offset + 5, UnixStates.words[String(tokens[offset])] != nil || tokens[offset] == "UNKNOWN",
                  Tokens.isDigits(tokens[offset + 1]), Tokens.isDigits(tokens[offset + 2]) else {
                if first == "Netid" || first == "State" || PastedNoise.classify(line) != nil {
                    result.decorationLines += 1
                } else {
                    result.diagnostics.append(Diagnostic(.warning, "line not understood as part of an ss capture", at: location))
                }
                continue
            }
            let word = String(tokens[offset])
            if proto == nil {
                proto = word == "UNCONN" ? .udp : .tcp
                inferred = true
            }
            guard let transport = proto, let local = UnixEndpoint(tokens[offset + 3]),
                  let peer = UnixEndpoint(tokens[offset + 4]) else {
                result.diagnostics.append(Diagnostic(.warning, "malformed ss row: an endpoint cannot be read", at: location))
                continue
            }
            let extras = tokens[(offset + 5)...].joined(separator: " ")
            let dualStack = extras.contains("v6only:0")
            let mapped = UnixStates.words[word]
            let state: SocketState
            switch transport {
            case .tcp:
                state = peer.isWildcard ? (mapped == .closed ? .closed : .listening) : (mapped == .listening ? .unknown : mapped ?? .unknown)
            case .udp:
                state = peer.isWildcard ? .listening : .established
            }
            let wildcardHost = local.host == "*"
            var socket = SocketFact(
                protocol: transport, family: local.isIPv6 || (wildcardHost && dualStack) ? .ipv6 : .ipv4,
                localAddress: wildcardHost ? (dualStack ? "::" : "0.0.0.0") : local.host,
                localPort: local.port, localPortName: local.portName, localZone: local.zone,
                remoteAddress: peer.isWildcard || peer.host == "*" ? nil : peer.host,
                remotePort: peer.isWildcard ? nil : peer.port, remotePortName: peer.isWildcard ? nil : peer.portName,
                state: state, rawState: mapped == nil ? word : nil,
                v6only: dualStack ? false : (extras.contains("v6only:1") ? true : nil),
                ownership: .unknown, ownershipReason: .captureHasNoOwners, source: location)
            let users = users(in: extras)
            if !users.isEmpty {
                result.hasPIDs = true
                socket.ownership = .owned
                socket.ownershipReason = nil
                socket.pids = Array(Set(users.map(\.pid))).sorted()
                for user in users where seenPIDs.insert(user.pid).inserted {
                    processes.processes.append(ProcessFact(
                        pid: user.pid, name: user.name, nameTruncated: user.name.utf8.count >= 15, source: location))
                }
            }
            result.sockets.append(socket)
        }
        if result.hasPIDs {
            for index in result.sockets.indices where result.sockets[index].pids.isEmpty {
                result.sockets[index].ownershipReason = .captureRowHasNoOwner
                result.ownersPartial = true
            }
        }
        if skipped > 0 {
            result.diagnostics.append(Diagnostic(
                .note, "\(skipped) rows of other socket types (unix, netlink, packet, raw) skipped",
                at: SourceLocation(file: text.file)))
        }
        if inferred {
            result.diagnostics.append(Diagnostic(
                .note, "no Netid column: protocol read from the state (UNCONN is udp)", at: SourceLocation(file: text.file)))
        }
        return (result, processes)
    }

    /// The `("name",pid=N,fd=M)` entries of a `users:((...))` option.
    static func users(in extras: String) -> [(name: String, pid: Int)] {
        guard let start = extras.firstRange(of: "users:(") else { return [] }
        var found: [(name: String, pid: Int)] = []
        var rest = extras[start.upperBound...]
        while let open = rest.firstRange(of: "(\""), let pidMark = rest[open.upperBound...].firstRange(of: "\",pid=") {
            let name = String(rest[open.upperBound..<pidMark.lowerBound])
            let digits = rest[pidMark.upperBound...].prefix { $0.isASCII && $0.isNumber }
            guard let pid = Int(digits) else { break }
            found.append((name, pid))
            rest = rest[pidMark.upperBound...]
        }
        return found
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
