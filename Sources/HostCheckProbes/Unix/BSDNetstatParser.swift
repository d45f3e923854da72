import HostCheckCore

/// Parses macOS and FreeBSD `netstat -an` / `-An` / plain `netstat` (docs/captures.md, "Linux and macOS captures"): the port follows
/// the last `.` (`127.0.0.1.631`, `*.22`, `fe80::1%lo0.5353`), `*.*` is an unconnected peer, and
/// the protocol token says the family (`tcp4`, `tcp6`, `tcp46` dual-stack). Only the
/// `Active Internet connections` section is read; the other sections (UNIX domain, kernel
/// control, multipath) are skipped with a note. No owners are shown.
enum BSDNetstatParser {
    static let protocols: [Substring: (TransportProtocol, AddressFamily, dualStack: Bool)] = [
        "tcp4": (.tcp, .ipv4, false), "tcp6": (.tcp, .ipv6, false), "tcp46": (.tcp, .ipv6, true),
        "udp4": (.udp, .ipv4, false), "udp6": (.udp, .ipv6, false), "udp46": (.udp, .ipv6, true),
    ]

    static let fullCapture = "netstat -an, with lsof -i -P -n as root for owners"

    static func parse(_ text: CaptureText) -> SocketCapture {
        var result = SocketCapture()
        var inInternet = true
        var skipped = 0
        var title: Substring?
        var sawHeader = false
        var rows: [Substring] = []
        var lastRow: (index: Int, whole: Bool)?
        var incomplete: SourceLocation?
        var coverage = UnixCoverage(
            fullCapture: fullCapture, owners: .none, families: "netstat -an lists both families unless run with -f inet or -f inet6")
        coverage.assume("tcp, udp: assumed from the format: netstat -an lists both protocols unless run with -p tcp or -p udp")
        for (index, line) in text.lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            let tokens = Tokens.split(line)
            if line.hasPrefix("Active ") || line.hasPrefix("Registered ") {
                inInternet = line.hasPrefix("Active Internet connections")
                if inInternet, title == nil { title = line }
                result.decorationLines += 1
                continue
            }
            guard inInternet else {
                skipped += 1
                continue
            }
            if let mark = UnixCopyMarks.interruption(line) {
                result.diagnostics.append(Diagnostic(.warning, mark, at: location))
                incomplete = incomplete ?? location
                continue
            }
            guard let protoIndex = tokens.prefix(3).firstIndex(where: { protocols[$0] != nil }),
                  let proto = protocols[tokens[protoIndex]], tokens.count >= protoIndex + 5 else {
                if tokens.prefix(3).contains(where: { $0.hasPrefix("icm") || $0.hasPrefix("raw") || $0.hasPrefix("div") }) {
                    skipped += 1
                } else if tokens.first == "Proto" || tokens.first == "Socket" || PastedNoise.classify(line) != nil {
                    if tokens.first == "Proto" || tokens.first == "Socket" { sawHeader = true }
                    result.decorationLines += 1
                } else {
                    let known = tokens.prefix(3).compactMap { protocols[$0] }.first
                    result.diagnostics.append(Diagnostic(
                        .warning, "line not understood as part of a netstat capture; coverage lowered to partial", at: location))
                    coverage.unreadableRow(known?.0, known?.1, at: location)
                    lastRow = (index, false)
                    if known != nil { rows.append(line) }
                }
                continue
            }
            rows.append(line)
            guard let local = endpoint(tokens[protoIndex + 3]), let remote = endpoint(tokens[protoIndex + 4]) else {
                result.diagnostics.append(Diagnostic(
                    .warning, "malformed netstat row: an endpoint cannot be read (a port above 65535?); coverage lowered to partial",
                    at: location))
                coverage.unreadableRow(proto.0, proto.dualStack ? nil : proto.1, at: location)
                lastRow = (index, false)
                continue
            }
            let word = tokens.count > protoIndex + 5 ? String(tokens[protoIndex + 5]) : nil
            lastRow = (index, proto.0 == .udp || word != nil)
            let mapped = word.flatMap { UnixStates.words[$0] }
            let unconnected = remote.host == "*" && remote.port == nil
            let state: SocketState
            switch proto.0 {
            case .tcp: state = unconnected ? .listening : (mapped == .listening ? .unknown : mapped ?? .unknown)
            case .udp: state = unconnected ? .listening : .established
            }
            let wildcard = local.host == "*"
            result.sockets.append(SocketFact(
                protocol: proto.0, family: proto.1,
                localAddress: wildcard ? (proto.1 == .ipv6 ? "::" : "0.0.0.0") : local.host, localPort: local.port,
                localPortName: local.portName, localZone: local.zone,
                remoteAddress: unconnected || remote.host == "*" ? nil : remote.host, remotePort: unconnected ? nil : remote.port,
                remotePortName: unconnected ? nil : remote.portName, state: state,
                rawState: word != nil && mapped == nil ? word : nil, v6only: proto.dualStack ? false : (proto.1 == .ipv6 ? true : nil),
                ownership: .unknown, ownershipReason: .captureHasNoOwners, source: location))
        }
        if skipped > 0 {
            result.diagnostics.append(Diagnostic(
                .note, "\(skipped) lines of other protocols and sections (icmp, unix domain, kernel) skipped", at: SourceLocation(file: text.file)))
        }
        if let lastRow, UnixCopyMarks.isCutLastRow(text, index: lastRow.index, whole: lastRow.whole) {
            result.diagnostics.append(UnixCopyMarks.cutLastRow(at: text.location(line: lastRow.index + 1)))
            incomplete = incomplete ?? text.location(line: lastRow.index + 1)
        }
        if let incomplete { coverage.incomplete(at: incomplete) }
        if let title {
            if !title.contains("(including servers)") {
                coverage.listsNoListeningSockets("the title: \(title) (netstat without -a)")
            }
        } else if !sawHeader {
            UnixRowFilter.apply(&coverage, rows: rows, sockets: result.sockets, separator: ".")
        } else if !result.sockets.contains(where: { $0.state == .listening }) {
            coverage.listsNoListeningSockets("the rows (no title, no row listening)")
        }
        coverage.assume("owners: assumed from the format: netstat -an shows no owners")
        result.coverage = coverage.finished
        return result
    }

    /// `addr.port`: the port after the last `.`; `*` for a wildcard; `%scope` split off; nil for
    /// a numeric port above 65535.
    static func endpoint(_ token: Substring) -> (host: String, port: Int?, portName: String?, zone: String?)? {
        guard let dot = token.lastIndex(of: ".") else { return nil }
        var host = token[..<dot]
        let port = token[token.index(after: dot)...]
        guard !host.isEmpty, !port.isEmpty else { return nil }
        var zone: String?
        if let percent = host.firstIndex(of: "%") {
            zone = String(host[host.index(after: percent)...])
            host = host[..<percent]
        }
        if port == "*" { return (String(host), nil, nil, zone) }
        if Tokens.isDigits(port) {
            // A number that is no port (70000) is unreadable, not a service name.
            guard port.count <= 5, let number = Int(port), number <= 65535 else { return nil }
            return (String(host), number, nil, zone)
        }
        return (String(host), nil, String(port), zone)
    }
}

extension BSDNetstatParser {
    /// macOS or BSD `netstat -an`.
    static let descriptor = CaptureFormatDescriptor(
        id: "bsd-netstat", summary: "macOS and BSD netstat -an", platform: .unknown,
        coverage: .sockets(states: .asCaptured, owners: .none, processes: false),
        recognise: { lines in
            Recognition.firstMarker(lines) { line in
                let tokens = Tokens.split(line)
                guard tokens.count >= 5, let first = tokens.first else { return false }
                let protocols: Set<Substring> = ["tcp4", "tcp6", "tcp46", "udp4", "udp6", "udp46"]
                return protocols.contains(first) || protocols.contains(tokens[2])
            }
        },
        reading: .parsed(parse: { CaptureFacts(sockets: parse($0.text)) }))
}
