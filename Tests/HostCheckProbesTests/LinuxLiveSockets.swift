#if canImport(Glibc)
import Glibc
#endif
import HostCheckCore

/// Sockets this test process opens on loopback (and the wildcard) and closes on `closeAll()`:
/// TCP listeners over IPv4, IPv6-only and dual-stack IPv6, accepted connection pairs, and
/// bound and connected UDP sockets. Failures are recorded, never fatal.
final class LiveSockets {
    private(set) var descriptors: [Int32] = []
    /// Local ports of our sockets, per protocol (TCP and UDP ports are separate spaces).
    private(set) var tcpPorts: Set<Int> = []
    private(set) var udpPorts: Set<Int> = []
    private(set) var failures: [String] = []
    /// Listening ports by kind, for targeted checks.
    private(set) var v4Listener = 0
    private(set) var v6OnlyListener = 0
    private(set) var dualStackListener = 0

    init() {
        v4Listener = listen(family: AF_INET, v6only: nil)
        v6OnlyListener = listen(family: AF_INET6, v6only: true)
        dualStackListener = listen(family: AF_INET6, v6only: false)
        connectPair(to: v4Listener, family: AF_INET)
        connectPair(to: v6OnlyListener, family: AF_INET6)
        connectPair(to: dualStackListener, family: AF_INET)
        let udp4 = udp(family: AF_INET, connectTo: nil)
        _ = udp(family: AF_INET6, connectTo: nil)
        _ = udp(family: AF_INET, connectTo: udp4)
    }

    deinit { closeAll() }

    func closeAll() {
        for fd in descriptors { close(fd) }
        descriptors.removeAll()
    }

    private func keep(_ fd: Int32) -> Int32 {
        descriptors.append(fd)
        return fd
    }

    /// Binds to loopback (IPv4) or the IPv6 wildcard, port 0.
    private func bindAny(_ fd: Int32, family: Int32) -> Int {
        var result: Int32
        if family == AF_INET {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        } else {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_any
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        guard result == 0 else {
            failures.append("bind: errno \(errno)")
            return 0
        }
        return Self.localPort(fd)
    }

    static func localPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return withUnsafeBytes(of: storage) { Int(UInt16($0[2]) << 8 | UInt16($0[3])) }
    }

    private func listen(family: Int32, v6only: Bool?) -> Int {
        let fd = keep(socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0))
        if let v6only {
            var flag: Int32 = v6only ? 1 : 0
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &flag, socklen_t(MemoryLayout<Int32>.size))
        }
        let port = bindAny(fd, family: family)
        guard Glibc.listen(fd, 16) == 0 else {
            failures.append("listen: errno \(errno)")
            return 0
        }
        tcpPorts.insert(port)
        return port
    }

    /// Connects to a listener on loopback and accepts, so both ends belong to this process.
    private func connectPair(to port: Int, family: Int32) {
        guard port > 0 else { return }
        let client = keep(socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0))
        guard Self.connectLoopback(client, family: family, port: port) == 0 else {
            failures.append("connect: errno \(errno)")
            return
        }
        tcpPorts.insert(Self.localPort(client))
        // The listener that owns `port` is the one whose local port matches.
        for fd in descriptors where Self.localPort(fd) == port && fd != client {
            let accepted = accept(fd, nil, nil)
            if accepted >= 0 {
                _ = fcntl(accepted, F_SETFD, FD_CLOEXEC)
                _ = keep(accepted)
                return
            }
        }
        failures.append("accept failed")
    }

    static func connectLoopback(_ fd: Int32, family: Int32, port: Int) -> Int32 {
        if family == AF_INET {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = in_port_t(UInt16(port).bigEndian)
        address.sin6_addr = in6addr_loopback
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
        }
    }

    /// A UDP socket bound to loopback (IPv4) or the IPv6 wildcard; connected to `connectTo`
    /// on loopback when given.
    private func udp(family: Int32, connectTo: Int?) -> Int {
        let fd = keep(socket(family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0))
        let port = bindAny(fd, family: family)
        if let connectTo, connectTo > 0, Self.connectLoopback(fd, family: family, port: connectTo) != 0 {
            failures.append("udp connect: errno \(errno)")
        }
        udpPorts.insert(port)
        return port
    }

    /// The socket involves one of our ports of its protocol (locally or remotely) and is not a
    /// TIME_WAIT left by other work (ours are never closed while a test looks).
    func involves(_ socket: SocketFact) -> Bool {
        let ports = socket.protocol == .tcp ? tcpPorts : udpPorts
        guard socket.state != .timeWait else { return false }
        return socket.localPort.map(ports.contains) == true || socket.remotePort.map(ports.contains) == true
    }
}

/// Probes until `settled` holds, at most `attempts` times. Other tests in this process spawn
/// children, which hold copies of our descriptors between `fork` and `exec`: a probe that
/// lands in that window rightly names the child as a second owner.
func probeUntil(
    attempts: Int = 3, _ probe: () async throws -> Snapshot, settled: (Snapshot) throws -> Bool
) async throws -> Snapshot {
    var snapshot = try await probe()
    for _ in 1..<attempts where try !settled(snapshot) {
        snapshot = try await probe()
    }
    return snapshot
}
