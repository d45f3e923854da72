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
        /// dedicated pthread in C, never on a Swift concurrency thread. With `inode`, a
        /// namespace file of another inode (the process exited and its PID was reused) fails
        /// with `ESRCH`, as a process that is gone.
        static func make(namespacePath nsPath: String, inode: UInt64? = nil) -> Result<Connection, SystemError> {
            let nsFD = open(nsPath, O_RDONLY | O_CLOEXEC)
            guard nsFD >= 0 else { return .failure(.current) }
            defer { close(nsFD) }
            if let inode {
                var status = stat()
                guard fstat(nsFD, &status) == 0 else { return .failure(.current) }
                guard UInt64(status.st_ino) == inode else { return .failure(SystemError(code: ESRCH)) }
            }
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
            return .success(NetlinkSockDiag.sockets(list, of: [table], netns: netns)[0])
        }

        /// The `tcp` and `tcp6` tables from one dump (the kernel's compatibility request walks
        /// its TCP hash tables once for both families, instead of once per family). Each
        /// table's sockets come in the order a dump of that family alone gives.
        func dumpTCP(netns: UInt64?) -> Result<(tcp: [KernelSocket], tcp6: [KernelSocket]), SystemError> {
            var list = hc_diag_list(items: nil, count: 0, capacity: 0)
            defer { hc_diag_list_free(&list) }
            let status = hc_diag_dump_tcp_all_families(fd, &list)
            guard status == 0 else { return .failure(SystemError(code: -status)) }
            let tables = NetlinkSockDiag.sockets(
                list, of: [ProcNetTable(protocol: .tcp, family: .ipv4), ProcNetTable(protocol: .tcp, family: .ipv6)], netns: netns)
            return .success((tables[0], tables[1]))
        }
    }

    /// The items of a dump as sockets, one array per table of `tables` (by the family each
    /// item says it is; `tables` share one protocol). Items of another family are dropped.
    static func sockets(_ list: hc_diag_list, of tables: [ProcNetTable], netns: UInt64?) -> [[KernelSocket]] {
        var result = Array(repeating: [KernelSocket](), count: tables.count)
        guard let items = list.items else { return result }
        let sources = tables.map { SourceLocation(file: NetlinkSockDiag.sourceName($0)) }
        if tables.count == 1 { result[0].reserveCapacity(list.count) }
        for item in UnsafeBufferPointer(start: items, count: list.count) {
            let family: AddressFamily = Int32(item.family) == AF_INET6 ? .ipv6 : .ipv4
            guard let index = tables.firstIndex(where: { $0.family == family }) else { continue }
            let table = tables[index]
            result[index].append(KernelSocket(
                protocol: table.protocol, family: family,
                localAddress: NetlinkSockDiag.address(item.local_address, family: family),
                localPort: Int(item.local_port),
                remoteAddress: NetlinkSockDiag.address(item.remote_address, family: family),
                remotePort: Int(item.remote_port),
                stateCode: item.state, inode: UInt64(item.inode),
                v6only: family == .ipv6 && item.v6only >= 0 ? item.v6only == 1 : nil,
                interfaceIndex: item.interface, netns: netns, source: sources[index]))
        }
        return result
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
