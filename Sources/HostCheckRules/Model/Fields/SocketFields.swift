import HostCheckCore

extension Field {
    static let `protocol` = Field(
        name: "protocol", summary: "tcp or udp", kind: .word(TransportProtocol.allCases.map(\.rawValue)),
        providedBy: ["linux-proc", "capture"], cost: 1,
        extraction: .socket { .text($0.protocol.rawValue, truncated: false) })

    /// `family: ipv4` selects what accepts IPv4: an IPv4 socket, and a dual-stack IPv6 socket
    /// (``SocketFact/acceptedFamilies``); where the source cannot tell, the test is unknown.
    static let family = Field(
        name: "family", summary: "ipv4 or ipv6; a dual-stack socket (`::`, v6only false) is both",
        kind: .word(AddressFamily.allCases.map(\.rawValue)), providedBy: ["linux-proc", "capture"], cost: 1,
        extraction: .socket { socket in
            guard let families = socket.acceptedFamilies else { return .unknown(.data) }
            if families.count == 1, let only = families.first { return .text(only.rawValue, truncated: false) }
            return .texts(families.map(\.rawValue))
        })

    static let localAddress = Field(
        name: "local_address", summary: "the local address as the source wrote it",
        kind: .address, providedBy: ["linux-proc", "capture"],
        extraction: .socket { .address($0.localAddress) })

    static let localPort = Field(
        name: "local_port", summary: "the local port", kind: .port, providedBy: ["linux-proc", "capture"], cost: 0,
        extraction: .socket { socket in socket.localPort.map(FieldValue.integer) ?? .unknown(.data) })

    static let remoteAddress = Field(
        name: "remote_address", summary: "the remote address; absent for a listener",
        kind: .address, providedBy: ["linux-proc", "capture"],
        extraction: .socket { socket in socket.remoteAddress.map(FieldValue.address) ?? .absent })

    static let remotePort = Field(
        name: "remote_port", summary: "the remote port; absent for a listener", kind: .port,
        providedBy: ["linux-proc", "capture"], cost: 0,
        extraction: .socket { socket in
            if let port = socket.remotePort { return .integer(port) }
            return socket.remotePortName != nil ? .unknown(.data) : .absent
        })

    static let state = Field(
        name: "state", summary: "the normalised state (listening, established, ...)",
        kind: .word(SocketState.allCases.map(\.rawValue)), providedBy: ["linux-proc", "capture"], cost: 1,
        extraction: .socket { .text($0.state.rawValue, truncated: false) })

    static let exposure = Field(
        name: "exposure", summary: "who can reach a listener: loopback, a specific address, or any",
        kind: .word(Exposure.allCases.map(\.rawValue)), providedBy: ["linux-proc", "capture"],
        extraction: .socket { socket in socket.exposure.map { .text($0.rawValue, truncated: false) } ?? .unknown(.data) })
}
