import HostCheckCore

extension Field {
    /// Whether an IPv6 socket refuses IPv4 (`IPV6_V6ONLY`): `v6only: false` on a `::` listener
    /// is a dual-stack socket. Absent for an IPv4 socket; unknown where the source does not say
    /// (docs/captures.md, "Dual-stack sockets").
    static let v6only = Field(
        name: "v6only", summary: "true when an IPv6 socket refuses IPv4; absent for IPv4", kind: .boolean,
        providedBy: ["linux-proc", "linux-ss", "bsd-netstat", "freebsd-sockstat"], cost: 1,
        extraction: .socket { socket in
            guard socket.family == .ipv6 else { return .absent }
            return socket.v6only.map(FieldValue.boolean) ?? .unknown(.data)
        })
}
