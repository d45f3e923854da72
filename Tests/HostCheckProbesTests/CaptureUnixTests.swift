import HostCheckCore
import Testing
@testable import HostCheckProbes

@Suite("unix captures: ss, net-tools netstat, /proc/net")
struct CaptureUnixTests {
    static func snapshot(_ name: String) throws -> Snapshot {
        try CaptureProbe(paths: [CaptureFixtures.windows("unix/\(name)")], hostName: nil).snapshot()
    }

    @Test func ssGivesSocketsWithEveryOwner() throws {
        let snapshot = try Self.snapshot("ss-tulpn.txt")
        #expect(snapshot.host.platform == .linux)
        #expect(snapshot.host.sources.map(\.format) == ["linux-ss"])
        #expect(snapshot.sockets.map(\.protocol) == [.udp, .udp, .udp, .tcp, .tcp, .tcp, .tcp, .tcp])
        #expect(snapshot.sockets.map(\.state) == [
            .listening, .listening, .established, .listening, .listening, .listening, .established, .listening,
        ])
        let forked = snapshot.sockets[3]
        #expect(forked.localPort == 3691)
        #expect(forked.pids == [4242, 4243])
        #expect(snapshot.sockets[1].localAddress == "127.0.0.53")
        #expect(snapshot.sockets[1].localZone == "lo")
        #expect(snapshot.sockets[4].family == .ipv6)
        #expect(snapshot.sockets[4].localAddress == "::")
        #expect(snapshot.sockets[5].localAddress == "::")
        #expect(snapshot.sockets[5].v6only == false)
        #expect(snapshot.sockets[7].ownership == .unknown)
        #expect(snapshot.sockets[7].ownershipReason == .captureRowHasNoOwner)
        #expect(snapshot.processesByPID()[612]?.name == "systemd-resolve")
        #expect(snapshot.processesByPID()[612]?.nameTruncated == true)
        #expect(snapshot.processesByPID()[4242]?.name == "python3")
        #expect(snapshot.host.coverage.owners == .partial)
        #expect(snapshot.problems.isEmpty)
    }

    @Test func ssWithoutNetidReadsTheProtocolFromTheState() throws {
        let snapshot = try Self.snapshot("ss-tl.txt")
        #expect(snapshot.sockets.map(\.protocol) == [.tcp])
        #expect(snapshot.sockets.first?.localPort == 22)
        #expect(snapshot.diagnostics.map(\.severity) == [.note])
    }

    @Test func netToolsNetstatKeepsProgramNamesWithSpaces() throws {
        let snapshot = try Self.snapshot("netstat-tulpn.txt")
        #expect(snapshot.host.sources.map(\.format) == ["linux-netstat"])
        #expect(snapshot.problems.isEmpty)
        #expect(snapshot.sockets.map(\.state) == [.listening, .listening, .listening, .listening, .listening])
        #expect(snapshot.sockets.map(\.family) == [.ipv4, .ipv4, .ipv6, .ipv4, .ipv6])
        #expect(snapshot.sockets.map(\.pids) == [[4242], [], [800], [4242], [442]])
        #expect(snapshot.sockets[1].ownershipReason == .captureRowHasNoOwner)
        #expect(snapshot.processesByPID()[800]?.name == "sshd: /usr/sbin")
        #expect(snapshot.processesByPID()[800]?.nameTruncated == true)
        #expect(snapshot.processesByPID()[4242]?.nameTruncated == false)
        #expect(snapshot.host.coverage.owners == .partial)
    }

    @Test func procNetTCPDecodesLittleEndianHex() throws {
        let snapshot = try Self.snapshot("proc-net-tcp.txt")
        #expect(snapshot.host.sources.map(\.format) == ["proc-net"])
        #expect(snapshot.sockets.map(\.localAddress) == ["0.0.0.0", "127.0.0.1", "10.0.0.5"])
        #expect(snapshot.sockets.map(\.localPort) == [3691, 5432, 40001])
        #expect(snapshot.sockets.map(\.state) == [.listening, .established, .timeWait])
        #expect(snapshot.sockets.map(\.remoteAddress) == [nil, "127.0.0.1", "10.0.0.9"])
        #expect(snapshot.sockets.map(\.ownership) == [.unknown, .unknown, .unowned])
        #expect(snapshot.sockets.last?.ownershipReason == .inodeZero)
        #expect(snapshot.host.coverage.owners == .none)
    }

    @Test func promptsOfUnixShellsAreDecoration() {
        #expect(PastedNoise.classify("loxberry@loxberry:~/config/system $ netstat -tanp") == .prompt)
        #expect(PastedNoise.classify("root@host:/# ss -tulpn") == .prompt)
        #expect(PastedNoise.classify("tasklist.exe                  4242 Console") == nil)
    }

    @Test func lsofMergesTheRowsOfOneSocket() throws {
        let snapshot = try Self.snapshot("lsof-i.txt")
        #expect(snapshot.host.sources.map(\.format) == ["lsof"])
        #expect(snapshot.problems.isEmpty)
        #expect(snapshot.sockets.count == 5)
        let shared = try #require(snapshot.sockets.first)
        #expect(shared.pids == [4242, 4243])
        #expect(shared.localAddress == "0.0.0.0")
        #expect(shared.state == .listening)
        #expect(snapshot.sockets[1].family == .ipv6)
        #expect(snapshot.sockets[1].localAddress == "::")
        #expect(snapshot.sockets[2].remoteAddress == "10.0.0.9")
        #expect(snapshot.sockets[2].state == .established)
        #expect(snapshot.sockets[3].localAddress == "fe80::aede:48ff:fe00:1122")
        #expect(snapshot.sockets[3].localZone == "4")
        #expect(snapshot.sockets[4].protocol == .udp)
        #expect(snapshot.sockets[4].state == .listening)
        #expect(snapshot.processesByPID()[4242]?.user == "ops")
        #expect(snapshot.diagnostics.map(\.severity) == [.note])
    }
}

