import Foundation
import HostCheckCore
import Testing
@testable import HostCheckRules

/// Dual-stack `family`, the `v6only` field, the held-by-no-process matcher (`owner.kernel`) and
/// PID 0 rows (docs/rule-packs.md, "Dual-stack sockets and sockets held by no process").
@Suite struct DualStackAndKernelTests {
    typealias T = TestSupport

    static func socket(_ address: String, v6only: Bool?, port: Int = 4001) -> SocketFact {
        var socket = T.socket(.tcp, address, port, pids: [7])
        socket.v6only = v6only
        return socket
    }

    // The expected outcomes were written before running: `expect: none` fails when the
    // socket is selected, passes when it is not, and is unknown when selection is unknown.
    @Test(arguments: [
        ("family: ipv4", "::", false as Bool?, Outcome.fail),
        ("family: ipv6", "::", false, .fail),
        ("family: { not: ipv6 }", "::", false, .pass),
        ("family: ipv4", "::", true, .pass),
        ("family: ipv6", "::", true, .fail),
        ("family: ipv4", "::", nil, .unknown),
        ("family: ipv6", "::", nil, .unknown),
        ("family: ipv4", "0.0.0.0", nil, .fail),
        ("family: ipv6", "0.0.0.0", nil, .pass),
        ("family: ipv4", "::ffff:10.0.0.5", nil, .fail),
        ("family: ipv4", "fe80::1", nil, .pass),
        ("family: ipv6", "fe80::1", nil, .fail),
        ("v6only: false", "::", false, .fail),
        ("v6only: true", "::", false, .pass),
        ("v6only: true", "::", nil, .unknown),
        ("v6only: false", "0.0.0.0", nil, .pass),
    ])
    func familyAndV6only(select: String, address: String, v6only: Bool?, expected: Outcome) throws {
        let pack = T.pack(rule: "select: { local_port: 4001, \(select) }\nexpect: none")
        let result = try #require(T.outcome(pack, T.snapshot([Self.socket(address, v6only: v6only)], [T.process(7, "srv")], platform: .linux)))
        #expect(result.outcome == expected, "\(result.message)")
    }

    @Test func anUnknownFamilySaysWhatWouldSettleIt() throws {
        let pack = T.pack(rule: "select: { local_port: 4001, family: ipv4 }\nexpect: none")
        let result = try #require(T.outcome(pack, T.snapshot([Self.socket("::", v6only: nil)], [T.process(7, "srv")], platform: .linux)))
        #expect(result.outcome == .unknown)
        #expect(result.message.contains("v6only unknown"), "\(result.message)")
    }

    @Test func aFamilyIPv4PassOnADualStackSocketNeedsIPv6Coverage() throws {
        let pack = T.pack(rule: "select: { local_port: 4001, family: ipv4 }\nexpect: { owner: { name: srv } }")
        let snapshot = { (coverage: Coverage) in
            T.snapshot([Self.socket("::", v6only: false)], [T.process(7, "srv")], platform: .linux, coverage: coverage)
        }
        let full = try #require(T.outcome(pack, snapshot(.full)))
        #expect(full.outcome == .pass)
        let partial = try #require(T.outcome(pack, snapshot(Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .none, owners: .full))))
        #expect(partial.outcome == .unknown)
        #expect(partial.missingCoverage == ["ipv6"])
    }

    // MARK: held by no process

    static let kernelRule = T.pack(rule: "select: { local_port: 2049 }\nexpect: { owner: { kernel: true } }")

    @Test(arguments: [
        (Ownership.unowned, OwnershipReason.noProcessHoldsInode as OwnershipReason?, [Int](), Platform.linux, Outcome.pass),
        (.unowned, .inodeZero, [], .linux, .pass),
        (.unowned, .windowsPidZero, [], .windows, .pass),
        (.owned, nil, [4], .windows, .pass),
        (.owned, nil, [4], .linux, .unknown),
        (.owned, nil, [9], .linux, .fail),
        (.unknown, .holderNotVisible, [], .linux, .unknown),
        (.unknown, .captureHasNoOwners, [], .windows, .unknown),
    ])
    func heldByNoProcess(ownership: Ownership, reason: OwnershipReason?, pids: [Int], platform: Platform, expected: Outcome) throws {
        let socket = T.socket(.tcp, "0.0.0.0", 2049, ownership: ownership, reason: reason, pids: pids)
        let result = try #require(T.outcome(Self.kernelRule, T.snapshot([socket], [T.process(9, "python3")], platform: platform)))
        #expect(result.outcome == expected, "\(result.message)")
    }

    @Test(arguments: [
        ("owner: { name: sshd }", Outcome.pass),
        ("owner: { name: { not: sshd } }", .pass),
        ("owner: { kernel: false }", .pass),
        ("owner: { kernel: true }", .fail),
        ("owner: { kernel: true, name: System }", .pass),
    ])
    func otherOwnerFieldsAreAbsentWithoutAProcess(select: String, expected: Outcome) throws {
        // A Linux socket no process holds: only the kernel matcher selects it.
        let socket = T.socket(.tcp, "0.0.0.0", 2049, ownership: .unowned, reason: .noProcessHoldsInode)
        let pack = T.pack(rule: "select: { local_port: 2049, \(select) }\nexpect: none")
        let result = try #require(T.outcome(pack, T.snapshot([socket], platform: .linux)))
        #expect(result.outcome == expected, "\(result.message)")
    }

    // MARK: PID 0 rows

    static let timeWait = T.socket(
        .tcp, "10.0.0.5", 3691, state: .timeWait, ownership: .unowned, reason: .windowsPidZero, remote: "10.0.0.9", remotePort: 50001)

    @Test(arguments: [
        ("select: { local_port: 3691 }\nexpect: { owner: { name: magaya.exe } }", Outcome.pass),
        ("select: { local_port: 3691, owner: { name: { not: magaya.exe } } }\nexpect: none", .pass),
        ("select: { local_port: 3691, state: time_wait }\nexpect: { owner: { name: magaya.exe } }", .fail),
        ("select: { local_port: 3691, state: time_wait, owner: { kernel: true } }\nexpect: none", .fail),
        ("select: { local_port: 3691, remote_port: 50001 }\nexpect: none", .fail),
    ])
    func pidZeroRowsAreSeenOnlyWhenAsked(rule: String, expected: Outcome) throws {
        let magaya = T.socket(.tcp, "0.0.0.0", 3691, pids: [2])
        let result = try #require(T.outcome(T.pack(rule: rule), T.snapshot([magaya, Self.timeWait], [T.process(2, "magaya.exe")])))
        #expect(result.outcome == expected, "\(result.message)")
    }

    @Test func aListenerHeldByNoProcessIsNeverHidden() throws {
        let listener = T.socket(.tcp, "0.0.0.0", 3691, ownership: .unowned, reason: .inodeZero)
        let pack = T.pack(rule: "select: { local_port: 3691 }\nexpect: { owner: { name: magaya.exe } }")
        let result = try #require(T.outcome(pack, T.snapshot([listener], platform: .linux)))
        #expect(result.outcome == .fail)
    }

    // MARK: services

    @Test(arguments: [
        ([String](), true, Outcome.fail),
        ([], false, .unknown),
        (["MagayaSvc"], true, .pass),
    ])
    func servicesListedAsNoneFail(services: [String], listed: Bool, expected: Outcome) throws {
        var process = T.process(6120, "nc64.exe")
        process.services = services
        process.servicesListed = listed
        let pack = T.pack(rule: "select: { local_port: 3691 }\nexpect: { owner: { service: MagayaSvc } }")
        let result = try #require(T.outcome(pack, T.snapshot([T.socket(pids: [6120])], [process])))
        #expect(result.outcome == expected, "\(result.message)")
    }
}
