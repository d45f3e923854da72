import HostCheckCore

/// Parses Linux net-tools `netstat` (`-tulpn`, `-tanp`, `-lnp`, `-aeep`; docs/captures.md, "Linux and macOS captures"); see also
/// the net-tools samples.
///
/// Rows are found by structure (`tcp`/`udp`/`tcp6`/`udp6`, two queue counters, two endpoints);
/// a TCP row listens when its foreign port is `*`, whatever the (possibly localized) state word.
/// The `PID/Program name` part is the first `NNN/...` or `-` token after the state, to the end of
/// the line (program names may contain spaces). The `Active UNIX domain sockets` section is
/// skipped with a note.
enum LinuxNetstatParser {
    static func parse(_ text: CaptureText) -> (sockets: SocketCapture, processes: ProcessCapture) {
        var result = SocketCapture()
        var processes = ProcessCapture()
        var seenPIDs: Set<Int> = []
        var inUnixSection = false
        var unixLines = 0
        var rawLines = 0
        var sawOwnerColumn = false
        var sawMissingOwner = false
        for (index, line) in text.lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            let tokens = Tokens.split(line)
            guard let first = tokens.first else { continue }
            if let proto = protocolOf(first), tokens.count >= 5, Tokens.isDigits(tokens[1]), Tokens.isDigits(tokens[2]) {
                inUnixSection = false
                guard let local = UnixEndpoint(tokens[3]), let remote = UnixEndpoint(tokens[4]) else {
                    result.diagnostics.append(Diagnostic(.warning, "malformed netstat row: an endpoint cannot be read", at: location))
                    continue
                }
                var rest = tokens[5...]
                var word: String?
                if let candidate = rest.first, !isOwnerToken(candidate),
                   proto.transport == .tcp || UnixStates.words[String(candidate)] != nil {
                    word = String(candidate)
                    rest = rest.dropFirst()
                }
                var owner: (pid: Int?, name: String)?
                if let start = rest.firstIndex(where: isOwnerToken) {
                    owner = parseOwner(rest[start...].joined(separator: " "))
                    sawOwnerColumn = true
                }
                let mapped = word.flatMap { UnixStates.words[$0] }
                var state: SocketState
                if proto.transport == .tcp {
                    state = remote.isWildcard ? .listening : (mapped == .listening ? .unknown : mapped ?? .unknown)
                } else {
                    state = remote.isWildcard ? .listening : .established
                }
                if mapped == .closed, proto.transport == .tcp, remote.isWildcard { state = .closed }
                var socket = SocketFact(
                    protocol: proto.transport, family: proto.family == .ipv6 || local.isIPv6 ? .ipv6 : .ipv4,
                    localAddress: local.host == "*" ? (proto.family == .ipv6 ? "::" : "0.0.0.0") : local.host,
                    localPort: local.port, localPortName: local.portName, localZone: local.zone,
                    remoteAddress: remote.isWildcard ? nil : remote.host, remotePort: remote.isWildcard ? nil : remote.port,
                    remotePortName: remote.isWildcard ? nil : remote.portName,
                    state: state, rawState: mapped == nil || word.map { !$0.allSatisfy(\.isASCII) } == true ? word : nil,
                    ownership: .unknown, ownershipReason: .captureHasNoOwners, source: location)
                if let owner {
                    if let pid = owner.pid {
                        socket.ownership = .owned
                        socket.ownershipReason = nil
                        socket.pids = [pid]
                        if seenPIDs.insert(pid).inserted {
                            processes.processes.append(ProcessFact(
                                pid: pid, name: owner.name, nameTruncated: "\(pid)/\(owner.name)".count >= 19,
                                source: location))
                        }
                    } else {
                        socket.ownershipReason = .captureRowHasNoOwner
                        sawMissingOwner = true
                    }
                }
                result.sockets.append(socket)
            } else if ["raw", "raw6"].contains(first), tokens.count >= 5, Tokens.isDigits(tokens[1]) {
                rawLines += 1
            } else if line.hasPrefix("Active UNIX domain sockets") || line.hasPrefix("Active Bluetooth") {
                inUnixSection = true
                unixLines += 1
            } else if inUnixSection {
                unixLines += 1
            } else if isDecoration(line, tokens: tokens) {
                result.decorationLines += 1
            } else if line.hasPrefix("(Not all processes") || line.hasPrefix(" will not be shown") {
                result.diagnostics.append(Diagnostic(
                    .note, "netstat was not run as root: some owners are not shown", at: location))
            } else {
                result.diagnostics.append(Diagnostic(
                    .warning, "line not understood as part of a netstat capture", at: location))
            }
        }
        if unixLines > 0 {
            result.diagnostics.append(Diagnostic(
                .note, "\(unixLines) lines of unix domain sockets skipped", at: SourceLocation(file: text.file)))
        }
        if rawLines > 0 {
            result.diagnostics.append(Diagnostic(
                .note, "\(rawLines) raw socket rows skipped", at: SourceLocation(file: text.file)))
        }
        result.hasPIDs = sawOwnerColumn
        result.ownersPartial = sawMissingOwner
        return (result, processes)
    }

    static func protocolOf(_ token: Substring) -> (transport: TransportProtocol, family: AddressFamily)? {
        switch token {
        case "tcp": (.tcp, .ipv4)
        case "tcp6": (.tcp, .ipv6)
        case "udp", "udpl": (.udp, .ipv4)
        case "udp6", "udpl6": (.udp, .ipv6)
        default: nil
        }
    }

    static func isOwnerToken(_ token: Substring) -> Bool {
        if token == "-" { return true }
        guard let slash = token.firstIndex(of: "/") else { return false }
        return Tokens.isDigits(token[..<slash])
    }

    static func parseOwner(_ text: String) -> (pid: Int?, name: String) {
        guard let slash = text.firstIndex(of: "/"), let pid = Int(text[..<slash]) else { return (nil, text) }
        return (pid, String(text[text.index(after: slash)...]))
    }

    /// The title (`Active Internet connections ...`), the header (`Proto Recv-Q Send-Q ...`,
    /// `Proto Recib Enviad ...`: `Proto` is not translated), pasted prompts.
    static func isDecoration(_ line: Substring, tokens: [Substring]) -> Bool {
        if line.hasPrefix("Active Internet connections") || PastedNoise.classify(line) != nil { return true }
        return tokens.count >= 4 && tokens[0] == "Proto" && !tokens.contains { $0.contains(":") && !$0.hasSuffix(":") }
    }
}

extension LinuxNetstatParser {
    /// Linux net-tools `netstat`.
    static let descriptor = CaptureFormatDescriptor(
        id: "linux-netstat", summary: "Linux net-tools netstat (-tulpn, -anp, any language)", platform: .linux,
        coverage: .sockets(states: .asCaptured, owners: .withOption, processes: true),
        recognise: { lines in
            Recognition.firstMarker(lines) { line in
                let tokens = Tokens.split(line)
                guard tokens.count >= 5, let first = tokens.first else { return false }
                return ["tcp", "udp", "tcp6", "udp6", "raw", "raw6"].contains(first)
                    && Tokens.isDigits(tokens[1]) && Tokens.isDigits(tokens[2])
            }
        },
        reading: .parsed(parse: { CaptureFacts(parse($0.text)) }))
}
