#if canImport(Glibc)
import Glibc
#endif
import HostCheckCore
import Testing
@testable import HostCheckProbes

/// Netlink sock_diag and `/proc/net/*` must give identical facts on this machine.
@Suite(.serialized) struct LinuxSourceAgreementTests {
    /// A fact without what legitimately differs between the two sources: where it was read,
    /// and `v6only`, which only netlink reports.
    static func comparable(_ socket: SocketFact) -> SocketFact {
        var copy = socket
        copy.source = SourceLocation(file: "")
        copy.v6only = nil
        return copy
    }

    /// A fact without its owners: what the socket table alone says.
    static func tableRow(_ socket: SocketFact) -> SocketFact {
        var copy = comparable(socket)
        copy.ownership = .unknown
        copy.ownershipReason = nil
        copy.pids = []
        return copy
    }

    static func probe(_ source: LinuxProbeOptions.SocketSource) async throws -> Snapshot {
        try await LinuxProcProbe(hostName: "agreement", options: LinuxProbeOptions(socketSource: source)).collect()
    }

    @Test(.enabled(if: LinuxLive.procIsReadable))
    func netlinkAndProcfsGiveIdenticalFacts() async throws {
        let sockets = LiveSockets()
        defer { sockets.closeAll() }
        #expect(sockets.failures.isEmpty)

        // Our sockets have one owner, this process, unless a child spawned by another test holds
        // copies for a moment; probe until none does.
        let me = [Int(getpid())]
        func settled(_ snapshot: Snapshot) -> Bool { snapshot.sockets.filter(sockets.involves).allSatisfy { $0.pids == me } }
        let before = try await probeUntil({ try await Self.probe(.procfs) }, settled: settled)
        let netlink = try await probeUntil({ try await Self.probe(.netlink) }, settled: settled)
        let after = try await probeUntil({ try await Self.probe(.procfs) }, settled: settled)

        // Ours: exactly the same facts from both sources.
        // (Another process may hold a socket on one of our ephemeral ports: only ours count.)
        let pid = Int(getpid())
        let oursNetlink = Set(netlink.sockets.filter { sockets.involves($0) && $0.pids == [pid] }.map(Self.comparable))
        let oursProcfs = Set(before.sockets.filter { sockets.involves($0) && $0.pids == [pid] }.map(Self.comparable))
        #expect(oursNetlink.count >= 12)
        #expect(oursNetlink == oursProcfs)

        // The whole machine: every socket both procfs reads agree on (stable across the netlink
        // read between them) is in the netlink read with the same facts. (Not the reverse: other
        // work on the machine opens sockets that live only while netlink reads.)
        // Owners are compared above; here only the socket tables, because processes that exit
        // during one of the three fd walks change the owners of other work's sockets.
        let stable = Set(before.sockets.map(Self.tableRow)).intersection(after.sockets.map(Self.tableRow))
        let fromNetlink = Set(netlink.sockets.map(Self.tableRow))
        #expect(stable.subtracting(fromNetlink).isEmpty)
        #expect(netlink.host.coverage == before.host.coverage)
        #expect(netlink.host.sources.map(\.format) == ["linux-proc", "linux-sock-diag"])
        #expect(before.host.sources.map(\.format) == ["linux-proc"])
    }

    @Test(.enabled(if: LinuxLive.procIsReadable))
    func netlinkReportsV6only() async throws {
        let sockets = LiveSockets()
        defer { sockets.closeAll() }
        let snapshot = try await Self.probe(.netlink)
        func listener(_ port: Int) -> SocketFact? {
            snapshot.sockets.first { $0.protocol == .tcp && $0.localPort == port && $0.state == .listening }
        }
        #expect(listener(sockets.v6OnlyListener)?.v6only == true)
        #expect(listener(sockets.dualStackListener)?.v6only == false)
        #expect(listener(sockets.dualStackListener)?.localAddress == "::")
        #expect(listener(sockets.v4Listener)?.v6only == nil)
        let procfs = try await Self.probe(.procfs)
        #expect(procfs.sockets.allSatisfy { $0.v6only == nil })
    }
}
