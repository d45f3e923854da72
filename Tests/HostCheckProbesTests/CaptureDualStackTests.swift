import HostCheckCore
import Testing
@testable import HostCheckProbes

/// How each source reads a dual-stack socket, and how two listings of one host merge
/// (docs/captures.md, "Dual-stack sockets", "One socket in two listings").
@Suite("dual-stack captures and merged listings")
struct CaptureDualStackTests {
    static func snapshot(_ names: [String]) throws -> Snapshot {
        try CaptureProbe(paths: names.map { CaptureFixtures.windows("unix/\($0)") }, hostName: nil).snapshot()
    }

    static func reading(_ socket: SocketFact?) -> String {
        guard let socket else { return "missing" }
        return "\(socket.family.rawValue) \(socket.localAddress) v6only=\(socket.v6only.map(String.init) ?? "nil")"
    }

    static func port(_ snapshot: Snapshot, _ port: Int, _ family: AddressFamily? = nil) -> SocketFact? {
        snapshot.sockets.first { $0.localPort == port && (family == nil || $0.family == family) }
    }

    @Test(arguments: [
        ("ss-dual-modern.txt", "ipv6 :: v6only=false", "ipv6 :: v6only=true", "ipv4 0.0.0.0 v6only=nil"),
        ("ss-dual-old.txt", "ipv4 0.0.0.0 v6only=nil", "ipv6 :: v6only=nil", "ipv4 0.0.0.0 v6only=nil"),
    ])
    func ssReadsTheAnyAddressByItsRendering(file: String, star4001: String, ipv6On22: String, ipv4On22: String) throws {
        let snapshot = try Self.snapshot([file])
        #expect(Self.reading(Self.port(snapshot, 4001)) == star4001)
        #expect(Self.reading(Self.port(snapshot, 22, .ipv6)) == ipv6On22)
        #expect(Self.reading(Self.port(snapshot, 22, .ipv4)) == ipv4On22)
        #expect(snapshot.problems.isEmpty)
    }

    @Test func anAmbiguousStarIsNeverAGuess() throws {
        let snapshot = try Self.snapshot(["ss-dual-ambiguous.txt"])
        let socket = try #require(Self.port(snapshot, 4001))
        #expect(Self.reading(socket) == "ipv6 :: v6only=nil")
        #expect(socket.acceptedFamilies == nil)
        #expect(snapshot.diagnostics.contains { $0.severity == .note && $0.message.contains("v6only unknown") })
    }

    @Test func linuxNetstatCannotTell() throws {
        let snapshot = try Self.snapshot(["netstat-dual.txt"])
        let socket = try #require(Self.port(snapshot, 4001))
        #expect(Self.reading(socket) == "ipv6 :: v6only=nil")
        #expect(socket.acceptedFamilies == nil)
        #expect(Self.port(snapshot, 22)?.acceptedFamilies == [.ipv4])
    }

    @Test func macOSNetstatTellsDualStackFromIPv6Only() throws {
        let snapshot = try Self.snapshot(["macos-pair-netstat-an.txt"])
        #expect(Self.reading(Self.port(snapshot, 3691)) == "ipv6 :: v6only=false")
        #expect(Self.port(snapshot, 3691)?.acceptedFamilies == [.ipv4, .ipv6])
        #expect(Self.reading(Self.port(snapshot, 22)) == "ipv6 :: v6only=true")
        #expect(Self.port(snapshot, 22)?.acceptedFamilies == [.ipv6])
    }

    @Test func netstatAndLsofOfOneHostGiveOneSocketPerSocket() throws {
        let snapshot = try Self.snapshot(["macos-pair-netstat-an.txt", "macos-pair-lsof.txt"])
        // 7 netstat rows, 5 lsof rows; 5 pairs merge. The second UDP 5353 and 8080 have no owned partner.
        #expect(snapshot.sockets.count == 7)
        let magaya = try #require(Self.port(snapshot, 3691))
        #expect(magaya.pids == [4242])
        #expect(magaya.v6only == false)
        #expect(Self.port(snapshot, 22)?.v6only == true)
        #expect(Self.port(snapshot, 22)?.pids == [300])
        #expect(Self.port(snapshot, 5432)?.pids == [610])
        #expect(snapshot.sockets.filter { $0.localPort == 52344 }.map(\.pids) == [[5000]])
        #expect(snapshot.sockets.filter { $0.localPort == 5353 }.map(\.ownership.rawValue).sorted() == ["owned", "unknown"])
        #expect(Self.port(snapshot, 8080)?.ownership == .unknown)
        #expect(snapshot.diagnostics.contains { $0.message.contains("5 sockets listed without an owner") })
    }

    @Test func oneListingAloneIsNeverMerged() throws {
        var first = SocketFact(
            protocol: .tcp, family: .ipv4, localAddress: "0.0.0.0", localPort: 80, state: .listening,
            ownership: .unknown, ownershipReason: .captureHasNoOwners, source: SourceLocation(file: "a.txt", line: 1))
        var second = first
        second.ownership = .owned
        second.ownershipReason = nil
        second.pids = [5]
        second.source = SourceLocation(file: "a.txt", line: 2)
        #expect(SocketMerge.merged([first, second]).merged == 0)
        first.source = SourceLocation(file: "b.txt", line: 1)
        let merged = SocketMerge.merged([first, second])
        #expect(merged.merged == 1)
        #expect(merged.sockets.map(\.pids) == [[5]])
        // Another state, port or family is another socket.
        var other = first
        other.state = .established
        #expect(SocketMerge.merged([other, second]).merged == 0)
        other = first
        other.family = .ipv6
        other.localAddress = "::"
        #expect(SocketMerge.merged([other, second]).merged == 0)
    }
}
