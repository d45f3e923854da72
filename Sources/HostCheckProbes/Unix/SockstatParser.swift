import HostCheckCore

/// Parses FreeBSD `sockstat` output: `sockstat -46l` (listening sockets), `sockstat -46c`
/// (connected), `sockstat -46` (both), with or without `-s`, `-n`, `-w`, `-q` and the other
/// column options. NetBSD's `sockstat`, which prints the same header, is read too.
///
/// The format: `USER COMMAND PID FD PROTO LOCAL ADDRESS FOREIGN ADDRESS`, then the columns that
/// options add (`FIB`, `ID`, `ENCAPS`, `PATH STATE`, `CONN STATE`, `STACK`, `CC`, …). The header
/// is English in every locale; `-q` leaves it out. Columns are read by role, never by offset:
///
/// - PROTO is the protocol and the family: `tcp4`, `tcp6`, `tcp46` (an IPv6 socket that also
///   accepts IPv4: dual-stack), `udp4`/`udp6`/`udp46`, `toe4`/`toe6` (TCP offloaded to the
///   NIC); NetBSD prints `tcp`/`udp` for IPv4. `sctp*`, `udplite*`, `div*` and `raw*` rows (no
///   TCP or UDP socket) and unix domain rows (`stream`, `dgram`, `seqpack`) are skipped with a
///   note.
/// - An address is `host:port`, the port after the last `:`, numeric, without brackets
///   (`*:22`, `127.0.0.1:631`, `::1:5432`, `fe80::1%em0:123`); `*` is a wildcard host, and port
///   0 prints `*`. (NetBSD: `host.port` as `netstat` prints it, with names unless `-n`.)
/// - A foreign `*:*` is a socket with no peer: what `-l` lists. Without `-s` such a TCP socket
///   is taken as listening (it may be bound and not yet listening: only `-s` tells), and a TCP
///   socket with a peer has an unknown state. A UDP socket with no peer is listening, one with
///   a peer is connected (established).
/// - `-s` adds `CONN STATE`, the `tcpstates` words (`LISTEN`, `ESTABLISHED`, `SYN_RCVD`,
///   `FIN_WAIT_1`, `TIME_WAIT`, …), found among the extra columns by its words.
/// - COMMAND is cut at 10 bytes and may contain spaces: the columns are found from PROTO
///   backwards (PID and FD are the two tokens before it, USER the first token).
/// - A socket with no known owner shows `?` (FreeBSD 14 and older) or `??` (FreeBSD 15) in the
///   owner columns: a socket held by no descriptor (TIME_WAIT, sockets of the kernel such as
///   the NFS client's), or one whose process `sockstat` may not see (not run as root with
///   `security.bsd.see_other_uids=0`). Its ownership is unknown.
/// - A socket held by several descriptors is shown once per descriptor (forked servers share
///   their listening socket): the rows are merged into one socket owned by every PID.
/// - Since FreeBSD 15, without `-w` the address columns are cut at 21 characters: a long IPv6
///   address loses its end and its port. Such a row is reported, not read, and the capture is
///   marked partial. FreeBSD 14 and older never cut addresses.
///
/// Coverage: TCP and UDP over IPv4 and IPv6; `-l` shows only sockets with no peer (listening),
/// `-c` only connected ones, neither both. Owners (PID, command, user) are shown for every
/// socket whose descriptor `sockstat` can see: all of them when run as root.
enum SockstatParser {
    static let fullCapture = "sockstat -46 as root"

    /// The header's words, as `sockstat` prints them in every locale.
    static let headerTokens: [Substring] = [
        "USER", "COMMAND", "PID", "FD", "PROTO", "LOCAL", "ADDRESS", "FOREIGN", "ADDRESS",
    ]

    /// The PROTO values of TCP and UDP sockets: the protocol, the family, and whether the socket
    /// is dual-stack (`46`: an IPv6 socket that also accepts IPv4). `tcp` and `udp` are NetBSD's.
    static let inetProtocols: [Substring: (transport: TransportProtocol, family: AddressFamily, dualStack: Bool)] = [
        "tcp4": (.tcp, .ipv4, false), "tcp6": (.tcp, .ipv6, false), "tcp46": (.tcp, .ipv6, true),
        "toe4": (.tcp, .ipv4, false), "toe6": (.tcp, .ipv6, false), "toe46": (.tcp, .ipv6, true),
        "udp4": (.udp, .ipv4, false), "udp6": (.udp, .ipv6, false), "udp46": (.udp, .ipv6, true),
        "tcp": (.tcp, .ipv4, false), "udp": (.udp, .ipv4, false),
    ]

    /// Internet protocols `sockstat` lists that a socket fact cannot hold.
    static let otherInetProtocols: Set<Substring> = [
        "sctp4", "sctp6", "sctp46", "udplite4", "udplite6", "udplite46", "div4", "div6", "div46", "raw", "raw6",
    ]

    /// The PROTO values of unix domain sockets (`-u`, or no `-4`/`-6`).
    static let unixTypes: Set<Substring> = ["stream", "dgram", "seqpack", "seqpacket", "seq", "rdm"]

    /// The `tcpstates` words of `<netinet/tcp_fsm.h>`, printed in `CONN STATE` by `-s`.
    static let tcpStates: [Substring: SocketState] = [
        "CLOSED": .closed, "LISTEN": .listening, "SYN_SENT": .synSent, "SYN_RCVD": .synReceived,
        "ESTABLISHED": .established, "CLOSE_WAIT": .closeWait, "FIN_WAIT_1": .finWait1, "CLOSING": .closing,
        "LAST_ACK": .lastAck, "FIN_WAIT_2": .finWait2, "TIME_WAIT": .timeWait,
    ]

    /// The width FreeBSD 15 cuts an address to when `-w` is not given.
    static let cutWidth = 21

    /// One row, split by the roles of its tokens.
    struct Row {
        /// USER; nil when unknown (`?`).
        var user: Substring?
        /// COMMAND, with its inner spaces; nil when unknown (`??` when the process exited).
        var command: Substring?
        /// PID; nil when unknown.
        var pid: Int?
        /// True when the PID column holds digits that are no PID (they overflow).
        var pidUnreadable = false
        /// PROTO.
        var proto: Substring
        /// The tokens after PROTO: local address, foreign address, then the optional columns.
        var rest: ArraySlice<Substring>
    }

    /// An address column.
    struct Endpoint: Sendable, Hashable {
        /// `*`, an IP address, or (NetBSD without `-n`) a host name.
        var host: String
        var port: Int?
        /// A service name (NetBSD without `-n`).
        var portName: String?
        var zone: String?

        /// No address or port: `*:*` (`sockstat` prints port 0 as `*`).
        var isWildcard: Bool { port == nil && portName == nil || port == 0 }
    }

    /// True when `lines` are `sockstat` output: its header (`USER COMMAND PID FD PROTO LOCAL
    /// ADDRESS FOREIGN ADDRESS`, however padded), or, for `sockstat -q` (no header), when most
    /// of the first lines are rows of a shape no other format has: USER, COMMAND, a PID and a FD
    /// (or `?` owner columns), an internet PROTO such as `tcp4`, and two addresses.
    static func recognise(_ lines: [Substring]) -> Bool {
        var rows = 0
        var others = 0
        for line in lines where !Tokens.isBlank(line) {
            let tokens = Tokens.split(line)
            if isHeader(tokens) { return true }
            if PastedNoise.classify(line) != nil || isEchoedCommand(tokens) { continue }
            if let row = Self.row(line, tokens: tokens),
               inetProtocols[row.proto] != nil || otherInetProtocols.contains(row.proto), row.rest.count >= 2,
               endpoint(row.rest[row.rest.startIndex]) != nil, endpoint(row.rest[row.rest.startIndex + 1]) != nil {
                rows += 1
            } else {
                others += 1
            }
            if rows + others >= 20 { break }
        }
        return rows > 0 && rows >= others
    }

    /// The sockets, owners and processes of a `sockstat` capture.
    ///
    /// Every socket and process carries the line it was read from; every line that is not a
    /// header, a pasted prompt or a row gives a located warning. A `?` owner gives a socket of
    /// unknown ownership (``OwnershipReason/captureRowHasNoOwner``) and marks the owners
    /// partial; processes are listed once per PID (the first row names them).
    static func parse(_ text: CaptureText) -> (sockets: SocketCapture, processes: ProcessCapture) {
        var result = SocketCapture()
        var processes = ProcessCapture()
        var seenPIDs: Set<Int> = []
        var socketIndex: [String: Int] = [:]
        var unixRows = 0
        var otherRows = 0
        // After a row that may go on over more lines (SCTP lists every address of an association).
        var multiAddressRow = false
        let lines = text.lines
        // A longer address than 21 characters: this sockstat does not cut them.
        let wideAddresses = lines.contains { line in
            Tokens.split(line).contains { $0.count > cutWidth && endpoint($0) != nil }
        }
        // Without a header (`-q`) the version is not known: addresses may be cut.
        var mayCutAddresses = !wideAddresses
        var sawHeader = false
        var rows: [Substring] = []
        var peers: [Bool] = []
        var lastRow: (index: Int, whole: Bool)?
        var incomplete: SourceLocation?
        var coverage = UnixCoverage(
            fullCapture: fullCapture, owners: .full, families: "sockstat -46 lists both families unless run with -4 or -6")
        coverage.assume("tcp, udp: assumed from the format: sockstat lists both protocols unless run with -P tcp or -P udp")
        for (index, line) in lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            let tokens = Tokens.split(line)
            if isHeader(tokens) {
                mayCutAddresses = !wideAddresses && cutsAddresses(header: line, tokens: tokens)
                sawHeader = true
                result.decorationLines += 1
                result.hasPIDs = true
                multiAddressRow = false
                continue
            }
            guard let row = Self.row(line, tokens: tokens) else {
                if multiAddressRow, isContinuation(line, tokens: tokens) {
                    otherRows += 1
                } else if let mark = UnixCopyMarks.interruption(line) {
                    result.decorationLines += 1
                    result.elided = true
                    incomplete = incomplete ?? location
                    result.diagnostics.append(Diagnostic(.warning, mark, at: location))
                } else if PastedNoise.classify(line) != nil || isEchoedCommand(tokens) {
                    result.decorationLines += 1
                } else if tokens.first == "sockstat:" {
                    incomplete = incomplete ?? location
                    result.diagnostics.append(Diagnostic(
                        .warning, "sockstat printed an error here: its listing may be incomplete", at: location))
                } else {
                    result.diagnostics.append(Diagnostic(
                        .warning, "line not understood as part of a sockstat capture; coverage lowered to partial", at: location))
                    let known = tokens.compactMap { inetProtocols[$0] }.first
                    coverage.unreadableRow(known?.transport, known.map { $0.dualStack ? nil : $0.family } ?? nil, at: location)
                    lastRow = (index, false)
                }
                continue
            }
            result.hasPIDs = true
            multiAddressRow = false
            guard let proto = inetProtocols[row.proto] else {
                if unixTypes.contains(row.proto) {
                    unixRows += 1
                } else {
                    otherRows += 1
                    multiAddressRow = row.proto.hasPrefix("sctp")
                }
                continue
            }
            rows.append(line)
            let rowFamily: AddressFamily? = proto.dualStack ? nil : proto.family
            lastRow = (index, false)
            guard row.rest.count >= 2 else {
                result.diagnostics.append(Diagnostic(
                    .warning, "malformed sockstat row: an address column is missing; coverage lowered to partial", at: location))
                coverage.unreadableRow(proto.transport, rowFamily, at: location)
                continue
            }
            let localText = row.rest[row.rest.startIndex]
            let remoteText = row.rest[row.rest.startIndex + 1]
            if mayCutAddresses, mayBeCut(localText) || mayBeCut(remoteText) {
                result.elided = true
                coverage.unreadableRow(proto.transport, rowFamily, at: location)
                result.diagnostics.append(Diagnostic(
                    .warning, "address may be cut at \(cutWidth) characters (sockstat without -w): row not read, rerun with -w",
                    at: location))
                continue
            }
            guard let local = endpoint(localText), let remote = endpoint(remoteText) else {
                result.diagnostics.append(Diagnostic(
                    .warning, "malformed sockstat row: an address cannot be read (a port above 65535?); coverage lowered to partial",
                    at: location))
                coverage.unreadableRow(proto.transport, rowFamily, at: location)
                continue
            }
            lastRow = (index, true)
            peers.append(!remote.isWildcard)
            let word = row.rest.dropFirst(2).first { tcpStates[$0] != nil }
            let state = Self.state(proto.transport, local: local, remote: remote, word: word)
            var socket = SocketFact(
                protocol: proto.transport, family: proto.family,
                localAddress: local.host == "*" ? (proto.family == .ipv6 ? "::" : "0.0.0.0") : local.host,
                localPort: local.port, localPortName: local.portName, localZone: local.zone,
                remoteAddress: remote.isWildcard || remote.host == "*" ? nil : remote.host,
                remotePort: remote.isWildcard ? nil : remote.port, remotePortName: remote.isWildcard ? nil : remote.portName,
                state: state, rawState: state == .unknown ? word.map(String.init) : nil,
                v6only: proto.dualStack ? false : nil,
                ownership: .unknown, ownershipReason: .captureRowHasNoOwner, source: location)
            guard let pid = row.pid else {
                if row.pidUnreadable {
                    socket.ownershipReason = .ownerUnreadable
                    coverage.unreadableOwner()
                    result.diagnostics.append(Diagnostic(
                        .warning, "the PID cannot be read: the socket's owner is unknown", at: location))
                }
                result.ownersPartial = true
                result.sockets.append(socket)
                continue
            }
            if seenPIDs.insert(pid).inserted {
                let name = row.command.map(String.init)
                processes.processes.append(ProcessFact(
                    pid: pid, name: name, nameTruncated: (name?.utf8.count ?? 0) >= 10,
                    user: row.user.map(String.init), source: location))
            }
            // The same socket on another descriptor: one row per descriptor, one socket. Sockets
            // bound to no port cannot be told apart, so they are never merged.
            let key = "\(row.proto) \(localText) \(remoteText) \(word ?? "")"
            if !local.isWildcard, let existing = socketIndex[key] {
                if !result.sockets[existing].pids.contains(pid) {
                    result.sockets[existing].pids = (result.sockets[existing].pids + [pid]).sorted()
                }
                continue
            }
            socket.ownership = .owned
            socket.ownershipReason = nil
            socket.pids = [pid]
            if !local.isWildcard { socketIndex[key] = result.sockets.count }
            result.sockets.append(socket)
        }
        if unixRows > 0 {
            result.diagnostics.append(Diagnostic(
                .note, "\(unixRows) rows of unix domain sockets skipped", at: SourceLocation(file: text.file)))
        }
        if otherRows > 0 {
            result.diagnostics.append(Diagnostic(
                .note, "\(otherRows) rows of sctp, udplite, divert and raw sockets skipped",
                at: SourceLocation(file: text.file)))
        }
        if let lastRow, UnixCopyMarks.isCutLastRow(text, index: lastRow.index, whole: lastRow.whole) {
            result.diagnostics.append(UnixCopyMarks.cutLastRow(at: text.location(line: lastRow.index + 1)))
            incomplete = incomplete ?? text.location(line: lastRow.index + 1)
        }
        if let incomplete { coverage.incomplete(at: incomplete) }
        if result.ownersPartial { coverage.coverage.owners = coverage.coverage.owners.lowered(to: .partial) }
        if !sawHeader {
            UnixRowFilter.apply(&coverage, rows: rows, sockets: result.sockets)
        } else if !peers.contains(true) {
            coverage.coverage.states = .listening
            coverage.assume("states: assumed from the rows: no row has a peer (sockstat -l)")
        } else if !peers.contains(false) {
            coverage.listsNoListeningSockets("the rows: every row has a peer (sockstat -c)")
        }
        result.coverage = coverage.finished
        return (result, processes)
    }

    /// The state of a socket: the `-s` word when there is one and it agrees with the peer, else
    /// listening for a socket with no peer (closed for a TCP socket bound to no port), unknown
    /// for a TCP socket with a peer, established for a UDP socket with one.
    static func state(_ transport: TransportProtocol, local: Endpoint, remote: Endpoint, word: Substring?) -> SocketState {
        let mapped = word.flatMap { tcpStates[$0] }
        switch transport {
        case .tcp:
            guard remote.isWildcard else { return mapped == .listening ? .unknown : mapped ?? .unknown }
            switch mapped {
            case nil: return local.isWildcard ? .closed : .listening
            case let known? where known == .listening || known == .closed: return known
            default: return .unknown
            }
        case .udp:
            return remote.isWildcard ? .listening : .established
        }
    }

    /// The row a line is, or nil. PROTO is the last token that is a known PROTO value with, before
    /// it, either owner columns that are all `?`, or USER, COMMAND (any number of tokens, cut at
    /// 10 bytes), a PID and a FD. Searching from the end lets COMMAND hold any word.
    static func row(_ line: Substring, tokens: [Substring]) -> Row? {
        for index in tokens.indices.reversed() where index >= 1 {
            let token = tokens[index]
            guard inetProtocols[token] != nil || otherInetProtocols.contains(token) || unixTypes.contains(token) else {
                continue
            }
            let rest = tokens[(index + 1)...]
            if tokens[..<index].allSatisfy(isUnknownMark) {
                return Row(user: nil, command: nil, pid: nil, proto: token, rest: rest)
            }
            guard index >= 3 else { continue }
            let pidToken = tokens[index - 2]
            let fdToken = tokens[index - 1]
            guard Tokens.isDigits(pidToken) || isUnknownMark(pidToken), isNumber(fdToken) || isUnknownMark(fdToken) else {
                continue
            }
            let command: Substring? = index >= 4 ? line[tokens[1].startIndex..<tokens[index - 3].endIndex] : nil
            return Row(
                user: isUnknownMark(tokens[0]) ? nil : tokens[0],
                command: command.flatMap { isUnknownMark($0) ? nil : $0 },
                pid: isNumber(pidToken) ? Int(pidToken) : nil, pidUnreadable: Tokens.isDigits(pidToken) && !isNumber(pidToken),
                proto: token, rest: rest)
        }
        return nil
    }

    /// An address column, or nil: FreeBSD's `host:port` (numeric: the host `*` or an IP address,
    /// with a `%zone` for a link-local one; the port a number or `*`), or NetBSD's `host.port`
    /// (the host `*`, an IP address or a host name; the port a number, a service name or `*`).
    static func endpoint(_ token: Substring) -> Endpoint? {
        if let colon = UnixEndpoint(token), colon.portName == nil, !colon.bracketed,
           colon.host == "*" || IPAddress(colon.host) != nil {
            return Endpoint(host: colon.host, port: colon.port, zone: colon.zone)
        }
        guard let dot = BSDNetstatParser.endpoint(token),
              dot.host == "*" || IPAddress(dot.host) != nil || isHostName(dot.host) else { return nil }
        return Endpoint(host: dot.host, port: dot.port, portName: dot.portName, zone: dot.zone)
    }

    /// A DNS name: letters, digits, `-` and `.`, with at least one letter.
    static func isHostName(_ text: String) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        return text.utf8.contains(where: isLetter)
            && text.utf8.allSatisfy { isLetter($0) || $0 >= 0x30 && $0 <= 0x39 || $0 == 0x2D || $0 == 0x2E }
    }

    /// True for the header line (its nine words first, whatever the padding).
    static func isHeader(_ tokens: [Substring]) -> Bool {
        tokens.count >= headerTokens.count && tokens.prefix(headerTokens.count).elementsEqual(headerTokens)
    }

    /// Whether the rows under this header may have cut addresses: FreeBSD 15 puts one space
    /// between its right-aligned FD and PROTO (FreeBSD 14 and older, which never cut, two), and
    /// without `-w` its LOCAL ADDRESS column is 21 characters wide.
    static func cutsAddresses(header line: Substring, tokens: [Substring]) -> Bool {
        guard let fd = tokens.firstIndex(of: "FD"), fd + 1 < tokens.count, tokens[fd + 1] == "PROTO",
              let local = tokens.firstIndex(of: "LOCAL"), let foreign = tokens.firstIndex(of: "FOREIGN") else { return true }
        let gap = line.distance(from: tokens[fd].endIndex, to: tokens[fd + 1].startIndex)
        let localWidth = line.distance(from: tokens[local].startIndex, to: tokens[foreign].startIndex) - 1
        return gap == 1 && localWidth == cutWidth
    }

    /// True for a FreeBSD address that may have lost its end: exactly 21 characters, an IPv6
    /// host (an IPv4 address and port never need more), and no `.` after the last `:` (NetBSD's
    /// `host.port`, which is never cut, has one).
    static func mayBeCut(_ token: Substring) -> Bool {
        guard token.count == cutWidth, let colon = token.lastIndex(of: ":") else { return false }
        return token[..<colon].contains(":") && !token[colon...].contains(".")
    }

    /// A further line of a row with several addresses (SCTP): no PROTO, the owner columns blank
    /// (FreeBSD 14) or `??` (FreeBSD 15), then addresses.
    static func isContinuation(_ line: Substring, tokens: [Substring]) -> Bool {
        guard let first = tokens.first, line.first == " " || line.first == "\t" || isUnknownMark(first) else { return false }
        return tokens.contains { endpoint($0) != nil }
    }

    /// `sockstat -46l`, `$ sockstat -l`, `root@host:~ # sockstat`, `sudo sockstat -4`.
    static func isEchoedCommand(_ tokens: [Substring]) -> Bool {
        guard let index = tokens.prefix(4).firstIndex(where: { $0 == "sockstat" || $0.hasSuffix("/sockstat") }) else {
            return false
        }
        guard index > 0 else { return true }
        let before = tokens[index - 1]
        return before == "sudo" || before == "doas" || before.last.map { "$#%>".contains($0) } == true
    }

    /// `?`, `??`, `????`: an unknown owner column.
    static func isUnknownMark(_ token: Substring) -> Bool {
        !token.isEmpty && token.utf8.allSatisfy { $0 == 0x3F }
    }

    /// A PID or FD: one to ten digits.
    static func isNumber(_ token: Substring) -> Bool {
        token.count <= 10 && Tokens.isDigits(token)
    }
}

extension SockstatParser {
    /// FreeBSD (and NetBSD) `sockstat -46l`, `-46c`, `-46`: its English header marks it, else
    /// (`-q`) a majority of rows of its own shape.
    static let descriptor = CaptureFormatDescriptor(
        id: "freebsd-sockstat", summary: "FreeBSD sockstat -46l, -46c, -46 (with -s, -w, -q; NetBSD sockstat)",
        platform: .unknown,
        coverage: CaptureCoverage(
            protocols: [.tcp, .udp], families: [.ipv4, .ipv6], states: .asCaptured, owners: .all, processes: true),
        recognise: { lines in
            if let header = Recognition.firstMarker(lines, limit: FormatRecognizer.scanLimit, { isHeader(Tokens.split($0)) }) {
                return header
            }
            return recognise(lines) ? .marker(line: 0) : nil
        },
        reading: .parsed(parse: { CaptureFacts(parse($0.text)) }))
}
