import HostCheckCore

/// Parses a saved Linux `/proc/net/{tcp,tcp6,udp,udp6}` (docs/captures.md, "Linux and macOS captures"): hexadecimal little-endian
/// addresses, a hexadecimal state, and the inode (no PIDs: owners are unknown; inode 0 is a
/// socket of no process). UDP is told by its header (`ref pointer drops`).
enum ProcNetParser {
    static let tcpStates: [Substring: SocketState] = [
        "01": .established, "02": .synSent, "03": .synReceived, "04": .finWait1, "05": .finWait2, "06": .timeWait,
        "07": .closed, "08": .closeWait, "09": .lastAck, "0A": .listening, "0B": .closing,
    ]

    static let fullCapture = "ss -tuanp as root"

    static func parse(_ text: CaptureText) -> SocketCapture {
        var result = SocketCapture()
        var transport = TransportProtocol.tcp
        // One section per header: its protocol and the families of its rows.
        var sections: [(transport: TransportProtocol, families: Set<AddressFamily>)] = []
        var coverage = UnixCoverage(
            fullCapture: fullCapture, owners: .none, families: "each /proc/net file lists one family, told by its rows")
        var lastRow: (index: Int, whole: Bool)?
        var incomplete: SourceLocation?
        for (index, line) in text.lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            let tokens = Tokens.split(line)
            if tokens.first == "sl" {
                transport = tokens.contains("drops") ? .udp : .tcp
                sections.append((transport, []))
                result.decorationLines += 1
                continue
            }
            if let mark = UnixCopyMarks.interruption(line) {
                result.diagnostics.append(Diagnostic(.warning, mark, at: location))
                incomplete = incomplete ?? location
                continue
            }
            guard tokens.count >= 10, let slot = tokens.first, slot.hasSuffix(":"), Tokens.isDigits(slot.dropLast()),
                  let local = address(tokens[1]), let remote = address(tokens[2]),
                  Tokens.isDigits(tokens[9]), let inode = Int(tokens[9]) else {
                let family: AddressFamily? = tokens.count > 1
                    ? (tokens[1].count == 37 ? .ipv6 : tokens[1].count == 13 ? .ipv4 : nil) : nil
                result.diagnostics.append(Diagnostic(
                    .warning, "line not understood as a /proc/net row; coverage lowered to partial", at: location))
                coverage.unreadableRow(sections.isEmpty ? nil : transport, family, at: location)
                lastRow = (index, false)
                continue
            }
            lastRow = (index, tokens.count >= 12)
            if !sections.isEmpty { sections[sections.count - 1].families.insert(local.family) }
            let code = tokens[3].uppercased()
            let state: SocketState
            if transport == .udp {
                state = code == "01" ? .established : .listening
            } else {
                state = tcpStates[Substring(code)] ?? .unknown
            }
            let remoteWildcard = remote.port == 0 && (remote.host == "0.0.0.0" || remote.host == "::")
            result.sockets.append(SocketFact(
                protocol: transport, family: local.family, localAddress: local.host, localPort: local.port,
                remoteAddress: remoteWildcard ? nil : remote.host, remotePort: remoteWildcard ? nil : remote.port,
                state: state, rawState: state == .unknown ? String(tokens[3]) : nil,
                ownership: inode == 0 ? .unowned : .unknown,
                ownershipReason: inode == 0 ? .inodeZero : .captureHasNoOwners, source: location))
        }
        if let lastRow, UnixCopyMarks.isCutLastRow(text, index: lastRow.index, whole: lastRow.whole) {
            result.diagnostics.append(UnixCopyMarks.cutLastRow(at: text.location(line: lastRow.index + 1)))
            incomplete = incomplete ?? text.location(line: lastRow.index + 1)
        }
        Self.cover(&coverage, sections: sections)
        if let incomplete { coverage.incomplete(at: incomplete) }
        coverage.assume("owners: assumed from the format: /proc/net shows inodes, not processes")
        result.coverage = coverage.finished
        return result
    }

    /// The protocols and families covered: each file (section) lists one protocol and one
    /// family, and coverage is per dimension, so only the families that every protocol present
    /// has a section of are covered (`tcp` and `udp6` cover neither family whole). A section
    /// without rows does not tell its family; no header covers nothing.
    static func cover(_ coverage: inout UnixCoverage, sections: [(transport: TransportProtocol, families: Set<AddressFamily>)]) {
        let protocols = Set(sections.map(\.transport))
        let families = AddressFamily.allCases.filter { family in
            !protocols.isEmpty && protocols.allSatisfy { proto in
                sections.contains { $0.transport == proto && $0.families == [family] }
            }
        }
        var result = coverage.coverage
        for proto in TransportProtocol.allCases where !protocols.contains(proto) || families.isEmpty {
            result.setLevel(.none, of: proto)
        }
        for family in AddressFamily.allCases where !families.contains(family) {
            result.setLevel(.none, of: family)
        }
        result.assumed.removeAll { $0.hasPrefix("ipv4, ipv6: assumed from the format") }
        let covered = families.map(\.rawValue).joined(separator: ", ")
        result.assumed.append(sections.isEmpty
            ? "tcp, udp, ipv4, ipv6: assumed from the rows: no header (a filtered copy): nothing is covered"
            : "tcp, udp, ipv4, ipv6: assumed from the headers and rows: "
                + "\(protocols.map(\.rawValue).sorted().joined(separator: ", ")) over \(covered.isEmpty ? "no family" : covered)")
        coverage.coverage = result
    }

    /// `0100007F:0035` (IPv4) or 32 hex digits (IPv6, four little-endian words) and a port of
    /// at most four hex digits (the kernel prints `%04X`; no sign, nothing above FFFF).
    static func address(_ token: Substring) -> (host: String, port: Int, family: AddressFamily)? {
        let parts = token.split(separator: ":")
        guard parts.count == 2, let port = port(parts[1]) else { return nil }
        let hex = Array(parts[0].utf8)
        guard hex.count == 8 || hex.count == 32, let bytes = bytes(hex) else { return nil }
        var ordered: [UInt8] = []
        for word in stride(from: 0, to: bytes.count, by: 4) {
            ordered += bytes[word..<(word + 4)].reversed()
        }
        if ordered.count == 4 {
            let value = ordered.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return (IPAddress.v4(value).description, port, .ipv4)
        }
        return (IPAddress.v6(ordered).description, port, .ipv6)
    }

    static func port(_ hex: Substring) -> Int? {
        guard (1...4).contains(hex.utf8.count) else { return nil }
        var value = 0
        for byte in hex.utf8 {
            guard let digit = nibble(byte) else { return nil }
            value = value << 4 | Int(digit)
        }
        return value
    }

    static func bytes(_ hex: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var index = 0
        while index + 1 < hex.count {
            guard let high = nibble(hex[index]), let low = nibble(hex[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

extension ProcNetParser {
    /// Linux `/proc/net/{tcp,tcp6,udp,udp6}`.
    static let descriptor = CaptureFormatDescriptor(
        id: "proc-net", summary: "Linux /proc/net/tcp, tcp6, udp, udp6", platform: .linux,
        coverage: .sockets(states: .all, owners: .none, processes: false),
        recognise: { lines in
            Recognition.firstMarker(lines) { line in
                let tokens = Tokens.split(line)
                if tokens.joined(separator: " ").hasPrefix("sl local_address rem_address") { return true }
                guard tokens.count >= 6, let first = tokens.first else { return false }
                return first.hasSuffix(":") && Tokens.isDigits(first.dropLast()) && tokens[1].contains(":")
                    && tokens[1].count >= 13
            }
        },
        reading: .parsed(parse: { CaptureFacts(sockets: parse($0.text)) }))
}
