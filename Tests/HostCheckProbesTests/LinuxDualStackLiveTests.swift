#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HostCheckCore
import Testing
@testable import HostCheckProbes

/// A live dual-stack listener, an IPv6-only one and a link-local one, read by the live probe
/// and from an `ss -tulpn` capture made at the same moment: both must say the same family,
/// address, `v6only` and zone (docs/captures.md, "Dual-stack sockets").
@Suite(.serialized) struct LinuxDualStackLiveTests {
    static let ss = "/usr/bin/ss"
    static let available = LinuxLive.canRunPython && access(ss, X_OK) == 0

    static let script = """
        import socket, sys
        dual = socket.socket(socket.AF_INET6)
        dual.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        dual.bind(('::', 0)); dual.listen(4)
        only = socket.socket(socket.AF_INET6)
        only.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        only.bind(('::', 0)); only.listen(4)
        scoped, port = None, 0
        for line in open('/proc/net/if_inet6'):
            f = line.split()
            if f[3] == '20' and f[5] != 'lo':
                address = ':'.join(f[0][i:i + 4] for i in range(0, 32, 4))
                try:
                    scoped = socket.socket(socket.AF_INET6)
                    scoped.bind((address, 0, 0, int(f[1], 16))); scoped.listen(4)
                    port = scoped.getsockname()[1]
                    break
                except OSError:
                    scoped = None
        print(dual.getsockname()[1], only.getsockname()[1], port, flush=True)
        sys.stdin.read()
        """

    static func runSS() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ss)
        process.arguments = ["-tulpn"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func reading(_ socket: SocketFact?) -> String {
        guard let socket else { return "missing" }
        // `v6only` matters (and ss shows it) only on the any address.
        let v6only = socket.localAddress == "::" ? socket.v6only.map(String.init) ?? "nil" : "-"
        return "\(socket.family.rawValue) \(socket.localAddress)%\(socket.localZone ?? "-") v6only=\(v6only)"
    }

    @Test(.enabled(if: available))
    func liveAndSSCaptureAgreeOnDualStack() async throws {
        let child = try PythonChild(script: Self.script)
        defer { child.stop() }
        try #require(child.numbers.count == 3)
        let (dual, only, scoped) = (child.numbers[0], child.numbers[1], child.numbers[2])
        let live = try await LinuxProcProbe().collect()
        let captured = CaptureFixtures.parse(try Self.runSS(), name: "ss-tulpn.txt")
        let fromSS = try #require(captured.sockets?.sockets)
        func find(_ sockets: [SocketFact], _ port: Int) -> SocketFact? {
            sockets.first { $0.protocol == .tcp && $0.localPort == port && $0.state == .listening }
        }
        #expect(Self.reading(find(live.sockets, dual)) == "ipv6 ::%- v6only=false")
        #expect(Self.reading(find(live.sockets, only)) == "ipv6 ::%- v6only=true")
        for port in [dual, only] + (scoped > 0 ? [scoped] : []) {
            #expect(Self.reading(find(live.sockets, port)) == Self.reading(find(fromSS, port)), "port \(port)")
        }
        if scoped > 0 {
            let zone = find(live.sockets, scoped)?.localZone
            #expect(zone != nil && zone != "0", "the live probe keeps the link-local zone")
        }
        #expect(find(live.sockets, dual)?.acceptedFamilies == [.ipv4, .ipv6])
        #expect(find(live.sockets, only)?.acceptedFamilies == [.ipv6])
    }
}
