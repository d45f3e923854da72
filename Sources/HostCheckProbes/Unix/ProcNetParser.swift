import HostCheckCore

/// Parses a saved Linux `/proc/net/{tcp,tcp6,udp,udp6}` (docs/captures.md, "Linux and macOS captures"): hexadecimal little-endian
/// addresses, a hexadecimal state, and the inode (no PIDs: owners are unknown; inode 0 is a
/// socket of no process). UDP is told by its header (`ref pointer drops`).
enum ProcNetParser {
    static let tcpStates: [Substring: SocketState] = [
        "01": .established, "02": .synSent, "03": .synReceived, "04": .finWait1, "05": .finWait2, "06": .timeWait,
        "07": .closed, "08": .closeWait, "09": .lastAck, "0A": .listening, "0B": .closing,
    ]

    static func parse(_ text: CaptureText) -> SocketCapture {
        var result = SocketCapture()
        var transport = TransportProtocol.tcp
        for (index, line) in text.lines.enumerated() where !Tokens.isBlank(line) {
            let location = text.location(line: index + 1)
            let tokens = Tokens.split(line)
            if tokens.first == "sl" {
                transport = tokens.contains("drops") ? .udp : .tcp
                result.decorationLines += 1
                continue
            }
            guard tokens.count >= 10, let slot = tokens.first, slot.hasSuffix(":"), Tokens.isDigits(slot.dropLast()),
                  let local = address(tokens[1]), let remote = address(tokens[2]),
                  let inode = Int(tokens[9]) else {
                result.diagnostics.append(Diagnostic(.warning, "line not understood as a /proc/net row", at: location))
                continue
            }
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
        return result
    }

    /// `0100007F:0035` (IPv4) or 32 hex digits (IPv6, four little-endian words) and a port.
    static func address(_ token: Substring) -> (host: String, port: Int, family: AddressFamily)? {
        let parts = token.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1], radix: 16) else { return nil }
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
