import HostCheckCore

/// Parses `lsof` output (Linux and macOS; docs/captures.md, "Linux and macOS captures"): `lsof -i -P -n`, or a full `lsof` whose
/// rows of other file types are skipped with a note.
///
/// A row is an internet socket when a `IPv4`/`IPv6` TYPE token is followed by DEVICE,
/// SIZE/OFF and a `TCP`/`UDP` NODE; NAME is `local[->remote] [(STATE)]`. Rows of the same
/// socket (same DEVICE and NAME: other threads, forked processes, duplicated descriptors) are
/// merged into one socket owned by every PID. COMMAND is cut at 9 characters unless `+c0`.
enum LsofParser {
    static let fullCapture = "lsof -i -P -n as root"

    static func parse(_ text: CaptureText) -> (sockets: SocketCapture, processes: ProcessCapture) {
        var result = SocketCapture()
        var processes = ProcessCapture()
        var seenPIDs: Set<Int> = []
        var socketIndex: [String: Int] = [:]
        var otherRows = 0
        var deniedRows = 0
        var sawHeader = false
        var rows: [Substring] = []
        var users: Set<String> = []
        var tcpStates: [String?] = []
        var lastRow: (index: Int, whole: Bool)?
        var incomplete: SourceLocation?
        var coverage = UnixCoverage(
            fullCapture: fullCapture, owners: .full, families: "lsof -i lists both families unless run with -i4 or -i6")
        coverage.assume("tcp, udp: assumed from the format: lsof -i lists both protocols unless run with -iTCP or -iUDP")
        for (index, line) in text.lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            let tokens = Tokens.split(line)
            if let mark = UnixCopyMarks.interruption(line) {
                result.diagnostics.append(Diagnostic(.warning, mark, at: location))
                incomplete = incomplete ?? location
                continue
            }
            if tokens.first == "COMMAND" || PastedNoise.classify(line) != nil {
                if tokens.first == "COMMAND" { sawHeader = true }
                result.decorationLines += 1
                continue
            }
            let typeIndex = tokens.indices.dropFirst(3).first { tokens[$0] == "IPv4" || tokens[$0] == "IPv6" }
            let nodeIndex = typeIndex.map { $0 + 3 }
            let hint = (
                proto: nodeIndex.flatMap { $0 < tokens.count ? nodeProtocol(tokens[$0]) : nil },
                family: typeIndex.map { tokens[$0] == "IPv6" ? AddressFamily.ipv6 : .ipv4 })
            guard tokens.count >= 2, Tokens.isDigits(tokens[1]) else {
                result.diagnostics.append(Diagnostic(
                    .warning, "line not understood as part of an lsof capture; coverage lowered to partial", at: location))
                coverage.unreadableRow(hint.proto, hint.family, at: location)
                if typeIndex != nil { rows.append(line) }
                lastRow = (index, false)
                continue
            }
            let pid = Int(tokens[1])
            guard let typeIndex, let nodeIndex, let transport = hint.proto, let family = hint.family else {
                otherRows += 1
                if line.contains("Permission denied") { deniedRows += 1 }
                // An internet row cut before its TYPE cannot be told from another file's row.
                lastRow = (index, typeIndex == nil && !line.contains("Permission denied") ? false : true)
                continue
            }
            guard nodeIndex + 1 < tokens.count else {
                result.diagnostics.append(Diagnostic(
                    .warning, "lsof \(transport.rawValue) row without a NAME; coverage lowered to partial", at: location))
                coverage.unreadableRow(transport, family, at: location)
                rows.append(line)
                lastRow = (index, false)
                continue
            }
            rows.append(line)
            let nameTokens = tokens[(nodeIndex + 1)...]
            let endpoints = nameTokens.first ?? ""
            let stateWord = nameTokens.last.flatMap { $0.hasPrefix("(") && $0.hasSuffix(")") ? $0.dropFirst().dropLast() : nil }
            let key = "\(tokens[typeIndex + 1]) \(transport) \(endpoints)"
            let command = String(tokens[0])
            let user = typeIndex >= 4 ? String(tokens[typeIndex - 2]) : nil
            if let user { users.insert(user) }
            if let pid, seenPIDs.insert(pid).inserted {
                processes.processes.append(ProcessFact(
                    pid: pid, name: command, nameTruncated: command.count >= 9, user: user, source: location))
            }
            if pid == nil {
                coverage.unreadableOwner()
                result.diagnostics.append(Diagnostic(
                    .warning, "the PID '\(tokens[1])' cannot be read: the socket's owner is unknown", at: location))
            }
            lastRow = (index, transport == .udp || stateWord != nil)
            if let existing = socketIndex[key] {
                if let pid, !result.sockets[existing].pids.contains(pid) {
                    result.sockets[existing].pids = (result.sockets[existing].pids + [pid]).sorted()
                } else if pid == nil {
                    result.sockets[existing].ownership = .unknown
                    result.sockets[existing].ownershipReason = .ownerUnreadable
                }
                continue
            }
            guard var socket = socket(
                endpoints, transport: transport, family: family, stateWord: stateWord.map(String.init), pid: pid ?? 0,
                location: location) else {
                result.diagnostics.append(Diagnostic(
                    .warning, "lsof socket name cannot be read (a port above 65535?); coverage lowered to partial",
                    at: location))
                coverage.unreadableRow(transport, family, at: location)
                lastRow = (index, false)
                continue
            }
            if pid == nil {
                socket.ownership = .unknown
                socket.ownershipReason = .ownerUnreadable
                socket.pids = []
            }
            if transport == .tcp { tcpStates.append(stateWord.map(String.init)) }
            socketIndex[key] = result.sockets.count
            result.sockets.append(socket)
        }
        result.hasPIDs = true
        if let lastRow, UnixCopyMarks.isCutLastRow(text, index: lastRow.index, whole: lastRow.whole) {
            result.diagnostics.append(UnixCopyMarks.cutLastRow(at: text.location(line: lastRow.index + 1)))
            incomplete = incomplete ?? text.location(line: lastRow.index + 1)
        }
        if let incomplete { coverage.incomplete(at: incomplete) }
        if deniedRows > 0 {
            result.ownersPartial = true
            result.diagnostics.append(Diagnostic(
                .note, "lsof was not run as root (\(deniedRows) descriptors denied): sockets of other users are missing",
                at: SourceLocation(file: text.file)))
        }
        Self.users(&coverage, users: users, deniedRows: deniedRows, file: text.file)
        if !sawHeader {
            UnixRowFilter.apply(&coverage, rows: rows, sockets: result.sockets)
        } else if tcpStates.allSatisfy({ $0 == "LISTEN" }) {
            coverage.coverage.states = .listening
            coverage.assume("states: assumed from the rows: every TCP row is LISTEN (lsof -sTCP:LISTEN)")
        }
        if otherRows > 0 {
            result.diagnostics.append(Diagnostic(
                .note, "\(otherRows) rows of other file types skipped", at: SourceLocation(file: text.file)))
        }
        result.coverage = coverage.finished
        return (result, processes)
    }

    /// `TCP` or `UDP` in the NODE column.
    static func nodeProtocol(_ token: Substring) -> TransportProtocol? {
        token == "TCP" ? .tcp : token == "UDP" ? .udp : nil
    }

    /// Whose sockets are listed: `lsof` run as a non-root user lists only that user's (current
    /// versions print no `Permission denied` row for the others under `-i`). Every socket row
    /// owned by one user other than root, or descriptors denied while no socket row is root's,
    /// limits the listing to those users; denied descriptors under root leave sockets out.
    static func users(_ coverage: inout UnixCoverage, users: Set<String>, deniedRows: Int, file: String) {
        let names = users.sorted()
        if !users.isEmpty, !users.contains("root"), users.count == 1 || deniedRows > 0 {
            coverage.coverage.users = names
            let who = names.joined(separator: ", ")
            coverage.assume(
                "users: assumed from the rows: every socket belongs to \(who) (lsof run as a non-root user lists only its own)")
        } else if deniedRows > 0 {
            coverage.incomplete(at: SourceLocation(file: file))
            coverage.coverage.owners = coverage.coverage.owners.lowered(to: .partial)
            coverage.assume("tcp, udp, ipv4, ipv6, owners: assumed from the rows: \(deniedRows) descriptors were denied to lsof")
        }
    }

    static func socket(
        _ name: Substring, transport: TransportProtocol, family: AddressFamily, stateWord: String?, pid: Int,
        location: SourceLocation
    ) -> SocketFact? {
        let parts = name.split(separator: "->", omittingEmptySubsequences: false)
        guard let localText = parts.first, let local = UnixEndpoint(localText) else { return nil }
        let remote = parts.count > 1 ? UnixEndpoint(parts[1]) : nil
        let mapped = stateWord.flatMap { UnixStates.words[$0] }
        let state: SocketState
        switch transport {
        case .tcp: state = mapped ?? (remote == nil ? .bound : .unknown)
        case .udp: state = remote == nil ? .listening : .established
        }
        var host = local.host
        var zone = local.zone
        if host == "*" { host = family == .ipv6 ? "::" : "0.0.0.0" }
        if family == .ipv6, zone == nil, let kame = kameScope(host) { (host, zone) = kame }
        return SocketFact(
            protocol: transport, family: family, localAddress: host, localPort: local.port, localPortName: local.portName,
            localZone: zone, remoteAddress: remote?.host, remotePort: remote?.port, remotePortName: remote?.portName,
            state: state, rawState: stateWord != nil && mapped == nil ? stateWord : nil,
            ownership: .owned, pids: [pid], source: location)
    }

    /// macOS prints a link-local scope inside the address (`fe80:4::1` is `fe80::1%4`).
    static func kameScope(_ host: String) -> (String, String)? {
        let groups = host.split(separator: ":", omittingEmptySubsequences: false)
        guard groups.count >= 3, groups[0].lowercased() == "fe80", !groups[1].isEmpty,
              let scope = Int(groups[1], radix: 16), scope > 0 else { return nil }
        var rebuilt = groups
        rebuilt[1] = ""
        let address = rebuilt.joined(separator: ":").replacing(":::", with: "::")
        return (address, String(scope))
    }
}

extension LsofParser {
    /// `lsof -i -P -n`.
    static let descriptor = CaptureFormatDescriptor(
        id: "lsof", summary: "lsof -i -P -n (Linux, macOS, BSD)", platform: .unknown,
        coverage: .sockets(states: .asCaptured, owners: .all, processes: true),
        recognise: { lines in
            Recognition.firstMarker(lines) { line in
                let tokens = Tokens.split(line)
                if tokens.joined(separator: " ").hasPrefix("COMMAND PID") { return true }
                return tokens.count >= 9 && Tokens.isDigits(tokens[1]) && ["IPv4", "IPv6"].contains(tokens[4])
                    && ["TCP", "UDP"].contains(tokens[7])
            }
        },
        reading: .parsed(parse: { CaptureFacts(parse($0.text)) }))
}
