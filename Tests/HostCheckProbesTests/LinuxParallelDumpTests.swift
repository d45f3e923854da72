#if canImport(Glibc)
import Glibc
#endif
import HostCheckCore
import Testing
@testable import HostCheckProbes

/// The TCP and UDP tables dumped on two threads give what one socket dumping all four gives.
@Suite(.serialized) struct LinuxParallelDumpTests {
    @Test(.enabled(if: LinuxLive.procIsReadable))
    func parallelDumpsMatchSequentialOnes() throws {
        let sockets = LiveSockets()
        defer { sockets.closeAll() }
        #expect(sockets.failures.isEmpty)
        let ports = sockets.tcpPorts.union(sockets.udpPorts)
        func ours(_ parallel: Bool) throws -> [KernelSocket] {
            var used = false
            let collector = SocketTableCollector(procRoot: "/proc", source: .netlink, parallelDumps: parallel)
            let reading = try collector.read(NamespaceTarget(inode: nil, pid: nil), netlinkUsed: &used)
            #expect(used && reading.diagnostics.isEmpty)
            #expect(reading.readTables == Set(ProcNetTable.allCases))
            return reading.sockets.filter { $0.inode != 0 && (ports.contains($0.localPort) || ports.contains($0.remotePort)) }
        }
        let sequential = try ours(false)
        let parallel = try ours(true)
        #expect(sequential.count >= 12)
        #expect(parallel == sequential)
    }

    /// The one TCP dump for both families gives, per family, what a dump of that family gives.
    @Test(.enabled(if: LinuxLive.procIsReadable))
    func oneTCPDumpMatchesOnePerFamily() throws {
        let sockets = LiveSockets()
        defer { sockets.closeAll() }
        let connection = try NetlinkSockDiag.Connection.make().get()
        defer { connection.release() }
        func ours(_ list: [KernelSocket]) -> [KernelSocket] {
            list.filter { $0.inode != 0 && (sockets.tcpPorts.contains($0.localPort) || sockets.tcpPorts.contains($0.remotePort)) }
        }
        let both = try connection.dumpTCP(netns: nil).get()
        let tcp = try connection.dump(ProcNetTable(protocol: .tcp, family: .ipv4), netns: nil).get()
        let tcp6 = try connection.dump(ProcNetTable(protocol: .tcp, family: .ipv6), netns: nil).get()
        #expect(ours(both.tcp).count >= 4 && ours(both.tcp6).count >= 4)
        #expect(ours(both.tcp) == ours(tcp))
        #expect(ours(both.tcp6) == ours(tcp6))
        #expect(both.tcp.allSatisfy { $0.family == .ipv4 && $0.source.file == "NETLINK_SOCK_DIAG/tcp" })
        #expect(both.tcp6.allSatisfy { $0.family == .ipv6 && $0.source.file == "NETLINK_SOCK_DIAG/tcp6" })
    }
}
