import HostCheckCore

/// One socket as the kernel reports it (from `/proc/net/*` or netlink), before owners are joined.
struct KernelSocket: Sendable, Hashable {
    var `protocol`: TransportProtocol
    var family: AddressFamily
    var localAddress: KernelAddress
    var localPort: Int
    var remoteAddress: KernelAddress
    var remotePort: Int
    /// The kernel state code (`include/net/tcp_states.h`).
    var stateCode: UInt8
    /// The socket inode; 0 for TIME_WAIT and request sockets.
    var inode: UInt64
    /// Whether an IPv6 socket accepts IPv6 only; nil when the source does not say.
    var v6only: Bool? = nil
    /// The index of the interface the socket is bound to (`idiag_if`; an IPv6 link-local
    /// address's scope); 0 for none or when the source does not say (`/proc/net/*`).
    var interfaceIndex: UInt32 = 0
    /// The interface's name (or its index as text), `ss`'s `%eth0`; set by ``InterfaceNames``.
    var zone: String? = nil
    /// The network namespace inode; nil for the probe's own namespace when not recorded.
    var netns: UInt64? = nil
    var source: SourceLocation

    /// The remote endpoint is the wildcard (`0.0.0.0:0`, `[::]:0`).
    var remoteIsWildcard: Bool { remotePort == 0 && remoteAddress.isUnspecified }

    /// The normalised state and, when the code is not understood, the raw code as text.
    var state: (state: SocketState, raw: String?) {
        KernelSocketState.map(stateCode, protocol: `protocol`)
    }
}

/// Maps kernel state codes (`include/net/tcp_states.h`) to ``SocketState``.
enum KernelSocketState {
    /// TCP codes as in `include/net/tcp_states.h`; for UDP `07` (TCP_CLOSE) is an unconnected, bound
    /// socket (`listening`) and `01` a connected one (`established`).
    static func map(_ code: UInt8, protocol proto: TransportProtocol) -> (state: SocketState, raw: String?) {
        let state: SocketState?
        switch proto {
        case .tcp:
            switch code {
            case 0x01: state = .established
            case 0x02: state = .synSent
            case 0x03: state = .synReceived
            case 0x04: state = .finWait1
            case 0x05: state = .finWait2
            case 0x06: state = .timeWait
            case 0x07: state = .closed
            case 0x08: state = .closeWait
            case 0x09: state = .lastAck
            case 0x0A: state = .listening
            case 0x0B: state = .closing
            case 0x0C: state = .synReceived
            default: state = nil
            }
        case .udp:
            switch code {
            case 0x07: state = .listening
            case 0x01: state = .established
            default: state = nil
            }
        }
        if let state { return (state, nil) }
        return (.unknown, hexByte(code))
    }

    /// `0A`, as `/proc/net/*` prints a state.
    static func hexByte(_ value: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(value >> 4)], digits[Int(value & 0x0F)]])
    }
}
