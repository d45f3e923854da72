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
    static let fullCapture = "netstat -tuanp as root"

    /// The states a net-tools title says are listed: `-l` prints `(only servers)`, `-a`
    /// `(servers and established)`, neither `(w/o servers)`.
    enum Listed {
        case listening, all, connected
    }

    static func parse(_ text: CaptureText) -> (sockets: SocketCapture, processes: ProcessCapture) {
        var result = SocketCapture()
        var processes = ProcessCapture()
        var seenPIDs: Set<Int> = []
        var inUnixSection = false
        var unixLines = 0
        var rawLines = 0
        var sawOwnerColumn = false
        var sawMissingOwner = false
        var sawUnreadableOwner = false
        var sawHeader = false
        var title: (listed: Listed?, text: String)?
        var rows: [Substring] = []
        var lastRow: (index: Int, whole: Bool, pid: Int?)?
        var incomplete: SourceLocation?
        var coverage = UnixCoverage(
            fullCapture: fullCapture, owners: .none,
            families: "netstat lists both families (tcp and tcp6 rows) unless run with -4 or -6")
        coverage.assume("tcp, udp: assumed from the format: netstat -tulpn lists both protocols unless run with -t or -u alone")
        for (index, line) in text.lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            let tokens = Tokens.split(line)
            guard let first = tokens.first else { continue }
            if let proto = protocolOf(first), tokens.count >= 5, Tokens.isDigits(tokens[1]), Tokens.isDigits(tokens[2]) {
                inUnixSection = false
                rows.append(line)
                guard let local = UnixEndpoint(tokens[3]), let remote = UnixEndpoint(tokens[4]) else {
                    result.diagnostics.append(Diagnostic(
                        .warning, "malformed netstat row: an endpoint cannot be read (a port above 65535?); coverage lowered to partial",
                        at: location))
                    coverage.unreadableRow(proto.transport, first.hasSuffix("6") ? .ipv6 : UnixEndpoint.familyHint(tokens[3...]), at: location)
                    lastRow = (index, false, nil)
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
                var ownerUnreadable = false
                if let start = rest.firstIndex(where: isOwnerToken) {
                    owner = parseOwner(rest[start...].joined(separator: " "))
                    ownerUnreadable = rest[start] != "-" && owner?.pid == nil
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
                if ownerUnreadable {
                    socket.ownershipReason = .ownerUnreadable
                    sawUnreadableOwner = true
                    result.diagnostics.append(Diagnostic(
                        .warning, "the PID/Program name field cannot be read: the socket's owner is unknown", at: location))
                } else if let owner {
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
                let whole = !ownerUnreadable && (proto.transport == .udp || word != nil)
                lastRow = (index, whole && (owner != nil || !sawOwnerColumn), owner?.pid)
                result.sockets.append(socket)
            } else if ["raw", "raw6"].contains(first), tokens.count >= 5, Tokens.isDigits(tokens[1]) {
                rawLines += 1
            } else if line.hasPrefix("Active UNIX domain sockets") || line.hasPrefix("Active Bluetooth") {
                inUnixSection = true
                unixLines += 1
            } else if inUnixSection {
                unixLines += 1
            } else if let mark = UnixCopyMarks.interruption(line) {
                result.diagnostics.append(Diagnostic(.warning, mark, at: location))
                incomplete = incomplete ?? location
            } else if isDecoration(line, tokens: tokens) {
                result.decorationLines += 1
                if line.hasPrefix("Active Internet connections") {
                    title = (listed(line), String(line))
                } else if tokens.first == "Proto" {
                    sawHeader = true
                    if tokens.contains(where: { $0.hasPrefix("PID/") }) { sawOwnerColumn = true }
                }
            } else if line.hasPrefix("(Not all processes") || line.hasPrefix(" will not be shown") {
                result.diagnostics.append(Diagnostic(
                    .note, "netstat was not run as root: some owners are not shown", at: location))
            } else if title == nil, !sawHeader, rows.isEmpty, isLocalizedTitle(line) {
                result.decorationLines += 1
                title = (nil, String(line))
            } else {
                let proto = first.lowercased().hasPrefix("udp") ? TransportProtocol.udp
                    : first.lowercased().hasPrefix("tcp") ? .tcp : nil
                result.diagnostics.append(Diagnostic(
                    .warning, "line not understood as part of a netstat capture; coverage lowered to partial", at: location))
                coverage.unreadableRow(proto, UnixEndpoint.familyHint(tokens), at: location)
                lastRow = (index, false, nil)
                if proto != nil { rows.append(line) }
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
        if sawOwnerColumn {
            for index in result.sockets.indices
            where result.sockets[index].pids.isEmpty && result.sockets[index].ownershipReason == .captureHasNoOwners {
                result.sockets[index].ownershipReason = .captureRowHasNoOwner
                sawMissingOwner = true
            }
            coverage.coverage.owners = sawUnreadableOwner || sawMissingOwner ? .partial : .full
        }
        if let lastRow, UnixCopyMarks.endsMidLine(text), lastRow.index == text.lineCount - 1 {
            if !lastRow.whole {
                result.diagnostics.append(UnixCopyMarks.cutLastRow(at: text.location(line: lastRow.index + 1)))
                incomplete = incomplete ?? text.location(line: lastRow.index + 1)
            } else if let pid = lastRow.pid, let process = processes.processes.firstIndex(where: { $0.pid == pid }) {
                // The file ends in the program name: it may have been cut there.
                processes.processes[process].nameTruncated = true
            }
        }
        if let incomplete { coverage.incomplete(at: incomplete) }
        if title == nil, !sawHeader {
            UnixRowFilter.apply(&coverage, rows: rows, sockets: result.sockets)
        } else {
            states(&coverage, title: title, sockets: result.sockets)
        }
        result.hasPIDs = sawOwnerColumn
        result.ownersPartial = sawMissingOwner
        result.coverage = coverage.finished
        return (result, processes)
    }

    /// The states the title lists; nil for a title in another language.
    static func listed(_ title: Substring) -> Listed? {
        if title.contains("(only servers)") { return .listening }
        if title.contains("(servers and established)") { return .all }
        if title.contains("(w/o servers)") { return .connected }
        return nil
    }

    /// Sets the states covered: from the English title, else (a localized title, or a header
    /// without one) from the rows.
    static func states(_ coverage: inout UnixCoverage, title: (listed: Listed?, text: String)?, sockets: [SocketFact]) {
        switch title?.listed {
        case .listening?:
            coverage.coverage.states = .listening
            coverage.assume("states: assumed from the title: \(title?.text ?? "") (netstat -l)")
        case .connected?:
            coverage.listsNoListeningSockets("the title: \(title?.text ?? "") (netstat without -l or -a)")
        case .all?:
            break
        case nil:
            let source = title == nil ? "the rows (no title)" : "the rows (a title in another language)"
            if sockets.allSatisfy({ $0.state == .listening }) {
                coverage.coverage.states = .listening
                coverage.assume("states: assumed from \(source): every row is listening (netstat -l)")
            } else if !sockets.contains(where: { $0.state == .listening }) {
                coverage.listsNoListeningSockets(source)
            }
        }
    }

    /// A localized title (`Conexiones activas de Internet (servidores y establecidos)`): a line
    /// before any header or row that ends with a parenthesised part and holds no address.
    static func isLocalizedTitle(_ line: Substring) -> Bool {
        let body = DisplayWidth.trimmed(String(line))
        return body.hasSuffix(")") && body.contains("(") && !body.contains(":") && body.count <= 120
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

    /// The PID and program name of a `PID/Program name` field; the PID is nil for `-` and for
    /// one that cannot be read (it overflows).
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
