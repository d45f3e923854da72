import CHostCheckLinux
import HostCheckCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Socket tables through `NETLINK_SOCK_DIAG` (`inet_diag_req_v2`), via the C shim.
enum NetlinkSockDiag {
    /// The `source.file` of sockets read through netlink (`NETLINK_SOCK_DIAG/tcp6`).
    static func sourceName(_ table: ProcNetTable) -> String { "NETLINK_SOCK_DIAG/" + table.fileName }

    /// An open sock_diag socket, closed by ``release()``.
    struct Connection {
        let fd: Int32

        /// A socket in the probe's own network namespace.
        static func make() -> Result<Connection, SystemError> {
            let fd = hc_diag_open()
            return fd >= 0 ? .success(Connection(fd: fd)) : .failure(SystemError(code: -fd))
        }

        /// A socket in the namespace of `nsPath` (`/proc/PID/ns/net`); `setns` runs on a
        /// dedicated pthread in C, never on a Swift concurrency thread.
        static func make(namespacePath nsPath: String) -> Result<Connection, SystemError> {
            let nsFD = open(nsPath, O_RDONLY | O_CLOEXEC)
            guard nsFD >= 0 else { return .failure(.current) }
            defer { close(nsFD) }
            let fd = hc_diag_open_in_netns(nsFD)
            return fd >= 0 ? .success(Connection(fd: fd)) : .failure(SystemError(code: -fd))
        }

        func release() { hc_diag_close(fd) }

        /// Every socket of one table, in all states.
        func dump(_ table: ProcNetTable, netns: UInt64?) -> Result<[KernelSocket], SystemError> {
            var list = hc_diag_list(items: nil, count: 0, capacity: 0)
            defer { hc_diag_list_free(&list) }
            let family = UInt8(table.family == .ipv4 ? AF_INET : AF_INET6)
            let proto = UInt8(table.protocol == .tcp ? IPPROTO_TCP : IPPROTO_UDP)
            let status = hc_diag_dump(fd, family, proto, &list)
            guard status == 0 else { return .failure(SystemError(code: -status)) }
            guard let items = list.items else { return .success([]) }
            let source = SourceLocation(file: NetlinkSockDiag.sourceName(table))
            var sockets: [KernelSocket] = []
            sockets.reserveCapacity(list.count)
            for item in UnsafeBufferPointer(start: items, count: list.count) {
                sockets.append(KernelSocket(
                    protocol: table.protocol, family: table.family,
                    localAddress: NetlinkSockDiag.address(item.local_address, family: table.family),
                    localPort: Int(item.local_port),
                    remoteAddress: NetlinkSockDiag.address(item.remote_address, family: table.family),
                    remotePort: Int(item.remote_port),
                    stateCode: item.state, inode: UInt64(item.inode),
                    v6only: table.family == .ipv6 && item.v6only >= 0 ? item.v6only == 1 : nil,
                    netns: netns, source: source))
            }
            return .success(sockets)
        }
    }

    /// The address in a 16-byte, network-order C array.
    static func address(
        _ raw: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8),
        family: AddressFamily
    ) -> KernelAddress {
        withUnsafeBytes(of: raw) { bytes in
            if family == .ipv4 {
                return .v4(UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3]))
            }
            return .v6(bytes)
        }
    }
}
