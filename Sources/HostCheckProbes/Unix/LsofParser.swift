import HostCheckCore

/// Parses `lsof` output (Linux and macOS; docs/captures.md, "Linux and macOS captures"): `lsof -i -P -n`, or a full `lsof` whose
/// rows of other file types are skipped with a note.
///
/// A row is an internet socket when a `IPv4`/`IPv6` TYPE token is followed by DEVICE,
/// SIZE/OFF and a `TCP`/`UDP` NODE; NAME is `local[->remote] [(STATE)]`. Rows of the same
/// socket (same DEVICE and NAME: other threads, forked processes, duplicated descriptors) are
/// merged into one socket owned by every PID. COMMAND is cut at 9 characters unless `+c0`.
enum LsofParser {
    static func parse(_ text: CaptureText) -> (sockets: SocketCapture, processes: ProcessCapture) {
        var result = SocketCapture()
        var processes = ProcessCapture()
        var seenPIDs: Set<Int> = []
        var socketIndex: [String: Int] = [:]
        var otherRows = 0
        var deniedRows = 0
        for (index, line) in text.lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            let tokens = Tokens.split(line)
            if tokens.first == "COMMAND" || PastedNoise.classify(line) != nil {
                result.decorationLines += 1
                continue
            }
            guard tokens.count >= 2, let pid = Int(tokens[1]), Tokens.isDigits(tokens[1]) else {
                result.diagnostics.append(Diagnostic(.warning, "line not understood as part of an lsof capture", at: location))
                continue
            }
            guard let typeIndex = tokens.indices.dropFirst(3).first(where: { tokens[$0] == "IPv4" || tokens[$0] == "IPv6" }),
                  typeIndex + 4 < tokens.count, ["TCP", "UDP"].contains(tokens[typeIndex + 3]) else {
                otherRows += 1
                if line.contains("Permission denied") { deniedRows += 1 }
                continue
            }
            let transport: TransportProtocol = tokens[typeIndex + 3] == "TCP" ? .tcp : .udp
            let family: AddressFamily = tokens[typeIndex] == "IPv6" ? .ipv6 : .ipv4
            let nameTokens = tokens[(typeIndex + 4)...]
            let endpoints = nameTokens.first ?? ""
            let stateWord = nameTokens.last.flatMap { $0.hasPrefix("(") && $0.hasSuffix(")") ? $0.dropFirst().dropLast() : nil }
            let key = "\(tokens[typeIndex + 1]) \(transport) \(endpoints)"
            let command = String(tokens[0])
            if seenPIDs.insert(pid).inserted {
                processes.processes.append(ProcessFact(
                    pid: pid, name: command, nameTruncated: command.count >= 9,
                    user: typeIndex >= 4 ? String(tokens[typeIndex - 2]) : nil, source: location))
            }
            if let existing = socketIndex[key] {
                if !result.sockets[existing].pids.contains(pid) {
                    result.sockets[existing].pids = (result.sockets[existing].pids + [pid]).sorted()
                }
                continue
            }
            guard let socket = socket(
                endpoints, transport: transport, family: family, stateWord: stateWord.map(String.init), pid: pid,
                location: location) else {
                result.diagnostics.append(Diagnostic(.warning, "lsof socket name cannot be read", at: location))
                continue
            }
            socketIndex[key] = result.sockets.count
            result.sockets.append(socket)
        }
        result.hasPIDs = true
        if deniedRows > 0 {
            result.ownersPartial = true
            result.diagnostics.append(Diagnostic(
                .note, "lsof was not run as root (\(deniedRows) descriptors denied): sockets of other users are missing",
                at: SourceLocation(file: text.file)))
        }
        if otherRows > 0 {
            result.diagnostics.append(Diagnostic(
                .note, "\(otherRows) rows of other file types skipped", at: SourceLocation(file: text.file)))
        }
        return (result, processes)
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
