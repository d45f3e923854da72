import HostCheckCore

/// An `address:port` token of a Unix capture (`ss`, net-tools `netstat`, `lsof`).
///
/// The port follows the last `:`; `[...]` brackets are stripped; an interface scope may follow
/// the address (`127.0.0.53%lo`, `[fe80::1]%eth0`, docs/captures.md, "Linux and macOS captures"). `*` is a wildcard host or port.
struct UnixEndpoint: Sendable, Hashable {
    var host: String
    var zone: String?
    var port: Int?
    var portName: String?
    var bracketed: Bool

    init?(_ token: Substring) {
        guard let colon = token.lastIndex(of: ":") else { return nil }
        var hostPart = token[..<colon]
        let portPart = token[token.index(after: colon)...]
        guard !hostPart.isEmpty, !portPart.isEmpty else { return nil }
        zone = nil
        if let percent = hostPart.lastIndex(of: "%"), !hostPart[percent...].contains("]") {
            zone = String(hostPart[hostPart.index(after: percent)...])
            hostPart = hostPart[..<percent]
        }
        bracketed = hostPart.hasPrefix("[") && hostPart.hasSuffix("]") && hostPart.count >= 2
        if bracketed { hostPart = hostPart.dropFirst().dropLast() }
        if zone == nil, let percent = hostPart.firstIndex(of: "%") {
            zone = String(hostPart[hostPart.index(after: percent)...])
            hostPart = hostPart[..<percent]
        }
        guard !hostPart.isEmpty else { return nil }
        host = String(hostPart)
        if portPart == "*" {
            port = nil
            portName = nil
        } else if Tokens.isDigits(portPart) {
            guard portPart.count <= 5, let value = Int(portPart), value <= 65535 else { return nil }
            port = value
            portName = nil
        } else {
            port = nil
            portName = String(portPart)
        }
    }

    /// True for a peer that names no remote: `*`, `0.0.0.0`, `::` or port `*`/0.
    var isWildcard: Bool {
        port == nil && portName == nil || port == 0
    }

    /// True when the host is IPv6-shaped.
    var isIPv6: Bool { bracketed || host.contains(":") }
}
