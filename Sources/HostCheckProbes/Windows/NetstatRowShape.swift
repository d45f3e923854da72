import HostCheckCore

/// A line of a Windows `netstat` capture that has the shape of a socket row but could not be
/// read as one (docs/captures.md, "Nothing read is lost silently"): an endpoint that does not
/// parse (port 70000), a lower-case protocol (`tcp`), non-breaking or other Unicode blanks
/// between the columns, a row cut before its endpoints.
///
/// It tells what the row could have been: its protocol, and its family when its local endpoint
/// or protocol token shows it.
struct NetstatRowShape: Sendable, Hashable {
    var proto: TransportProtocol
    var family: AddressFamily?
    /// True when the line starts exactly like a row (`TCP`, an endpoint-shaped token): only a
    /// field is wrong.
    var exact: Bool

    /// The shape of `line`, or nil when it does not start with a protocol token (any case,
    /// after any Unicode blanks) followed by something holding a `:`.
    init?(_ line: Substring) {
        guard LineShapeFilter.mayStartWithProtocol(line) else { return nil }
        let tokens = Tokens.split(line)
        if NetstatRow.startsLikeRow(tokens), let proto = NetstatRow.protocolToken(tokens[0]) {
            self.init(proto: proto, protoToken: tokens[0], local: tokens[1], exact: true)
            return
        }
        let loose = line.split(whereSeparator: { $0.isWhitespace || $0.unicodeScalars.allSatisfy(Self.isBlank) })
        guard let first = loose.first else { return nil }
        let upper = first.uppercased()
        let proto: TransportProtocol
        if upper == "TCP" || upper == "TCPV6" {
            proto = .tcp
        } else if upper == "UDP" || upper == "UDPV6" {
            proto = .udp
        } else {
            return nil
        }
        guard loose.count >= 2 ? loose[1].contains(":") : false else {
            // A protocol token alone, or followed by a cut endpoint: a row cut short.
            guard loose.count <= 2, NetstatRow.protocolToken(first) != nil else { return nil }
            self.init(proto: proto, protoToken: first, local: loose.dropFirst().first ?? "", exact: false)
            return
        }
        self.init(proto: proto, protoToken: first, local: loose[1], exact: false)
    }

    private init(proto: TransportProtocol, protoToken: Substring, local: Substring, exact: Bool) {
        self.proto = proto
        self.exact = exact
        if protoToken.uppercased().hasSuffix("V6") || local.hasPrefix("[") || local.count(where: { $0 == ":" }) > 1 {
            family = .ipv6
        } else if local.contains("."), local.contains(":") {
            family = .ipv4
        } else {
            family = nil
        }
    }

    /// Blanks a console or an editor may put between columns besides space and tab.
    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.value == 0xA0 || scalar.value == 0x202F || scalar.value == 0x2007
            || scalar.value == 0x3000 || scalar.value == 0xFEFF
    }
}
