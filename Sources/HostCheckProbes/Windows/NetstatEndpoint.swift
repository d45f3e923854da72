import HostCheckCore

/// One `address:port` token of a Windows `netstat` row (capture-format spec §2.4).
///
/// The port is the text after the last `:`; one pair of brackets is stripped from the host and
/// a zone id after `%` is split off. A non-numeric port is a service name, not an error.
struct NetstatEndpoint: Sendable, Hashable {
    /// The host without brackets or zone (`0.0.0.0`, `fe80::1`, `*`, or a host name).
    var host: String
    var zone: String?
    /// The port number; nil for `*` or a service name.
    var port: Int?
    /// The service name printed instead of a number (`https`).
    var portName: String?
    /// True when the host was written in brackets (Windows brackets every IPv6 address).
    var bracketed: Bool

    /// Parses `addr:port`; nil when the token has no `:` or an empty part.
    init?(_ token: Substring) {
        guard let colon = token.lastIndex(of: ":") else { return nil }
        var hostPart = token[..<colon]
        let portPart = token[token.index(after: colon)...]
        guard !hostPart.isEmpty, !portPart.isEmpty else { return nil }
        bracketed = false
        if hostPart.hasPrefix("[") {
            guard hostPart.hasSuffix("]"), hostPart.count >= 2 else { return nil }
            hostPart = hostPart.dropFirst().dropLast()
            bracketed = true
        } else if hostPart.contains("[") || hostPart.contains("]") {
            return nil
        }
        if let percent = hostPart.firstIndex(of: "%") {
            let zoneText = hostPart[hostPart.index(after: percent)...]
            zone = zoneText.isEmpty ? nil : String(zoneText)
            hostPart = hostPart[..<percent]
        } else {
            zone = nil
        }
        guard !hostPart.isEmpty else { return nil }
        host = String(hostPart)
        if portPart == "*" {
            port = nil
            portName = nil
        } else if Tokens.isDigits(portPart) {
            guard portPart.count <= 5, let number = Int(portPart), number <= 65535 else { return nil }
            port = number
            portName = nil
        } else {
            port = nil
            portName = String(portPart)
        }
    }

    /// The address family: bracketed or IPv6-shaped hosts are IPv6, everything else IPv4.
    var family: AddressFamily {
        if bracketed { return .ipv6 }
        if case .v6 = IPAddress(host) { return .ipv6 }
        return .ipv4
    }

    /// True for a remote endpoint that names no peer: `*:*`, `0.0.0.0:0`, `[::]:0`, `host:0`.
    var isUnconnected: Bool {
        if port == 0 { return true }
        return port == nil && portName == nil && (host == "*" || IPAddress(host)?.isUnspecified == true)
    }
}
