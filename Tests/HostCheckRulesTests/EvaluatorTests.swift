import Foundation
import HostCheckCore
import Testing
@testable import HostCheckRules

@Suite struct EvaluatorTests {
    typealias T = TestSupport

    static let ownerRule = T.pack(rule: """
    select: { protocol: [tcp, udp], local_port: 3691, state: listening }
    expect: { owner: { name: { glob: "magaya*", ignore_case: true } } }
    """)

    private func run(_ pack: String, _ snapshot: Snapshot) throws -> RuleResult {
        try #require(T.outcome(pack, snapshot))
    }

    // MARK: the four steps

    @Test func stepOneFail() throws {
        let result = try run(Self.ownerRule, T.snapshot([T.socket(pids: [6120], line: 8)], [T.process(6120, "nc64.exe")]))
        #expect(result.outcome == .fail)
        #expect(result.message == "tcp 0.0.0.0:3691 is owned by nc64.exe (pid 6120), expected name matching magaya* (any case)")
        #expect(result.evidence.first?.source == SourceLocation(file: "netstat.txt", line: 8))
        #expect(result.evidence.first?.processes.map(\.pid) == [6120])
    }

    @Test func failWinsOverUnknown() throws {
        let sockets = [T.socket(ownership: .unknown, reason: .captureHasNoOwners), T.socket(.udp, pids: [1])]
        let result = try run(Self.ownerRule, T.snapshot(sockets, [T.process(1, "nc64.exe")]))
        #expect(result.outcome == .fail)
        #expect(result.evidenceTotal == 1)
    }

    @Test func stepTwoUnknown() throws {
        let result = try run(Self.ownerRule, T.snapshot([T.socket(ownership: .unknown, reason: .captureHasNoOwners)]))
        #expect(result.outcome == .unknown)
        #expect(result.message == "tcp 0.0.0.0:3691: owner unknown (capture-has-no-owners)")
    }

    @Test func stepTwoUnknownWhenSelectIsUnknown() throws {
        let pack = T.pack(rule: "select: { owner: { name: nc64.exe } }\nexpect: none")
        let result = try run(pack, T.snapshot([T.socket(pids: [9])]))
        #expect(result.outcome == .unknown)
        #expect(result.message == "tcp 0.0.0.0:3691: owner pid 9 has no process record")
    }

    @Test(arguments: [(Outcome.pass, "pass"), (.fail, "fail")])
    func stepThreeWhenNone(expected: Outcome, word: String) throws {
        let pack = T.pack(rule: "select: { local_port: 22 }\nexpect: none\nwhen_none: \(word)")
        let result = try run(pack, T.snapshot([T.socket(pids: [1])]))
        #expect(result.outcome == expected)
        #expect(result.message == "no socket selected")
    }

    @Test func stepFourPass() throws {
        let result = try run(Self.ownerRule, T.snapshot([T.socket(pids: [7])], [T.process(7, "MagayaNetworkService.exe")]))
        #expect(result.outcome == .pass)
        #expect(result.evidence.count == 1)
    }

    @Test func selectUnknownButExpectTrueStillPasses() throws {
        let pack = T.pack(rule: "select: { owner: { name: x } }\nexpect: { local_port: 3691 }")
        let result = try run(pack, T.snapshot([T.socket(ownership: .unknown)]))
        #expect(result.outcome == .pass)
    }

    // MARK: coverage

    @Test(arguments: [
        (Coverage(tcp: .full, udp: .none, ipv4: .full, ipv6: .full, owners: .full), "select: { local_port: 3691 }", Outcome.unknown),
        (Coverage(tcp: .full, udp: .none, ipv4: .full, ipv6: .full, owners: .full), "select: { protocol: tcp, local_port: 3691 }", .pass),
        (Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .partial, owners: .full), "select: { protocol: tcp, local_port: 3691 }", .unknown),
        // `family: ipv4` also selects a dual-stack socket, which is listed with the IPv6 sockets.
        (Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .partial, owners: .full), "select: { family: ipv4, local_port: 3691 }", .unknown),
        (Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: .full), "select: { family: ipv4, local_port: 3691 }", .pass),
        (Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .partial, owners: .full), "select: { family: { not: ipv6 }, local_port: 3691 }", .pass),
        (Coverage(tcp: .full, udp: .full, ipv4: .none, ipv6: .full, owners: .full), "select: { family: ipv6, local_port: 3691 }", .pass),
        (Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: .partial), "select: { local_port: 3691 }", .pass),
    ])
    func coverageTurnsAnUnprovablePassIntoUnknown(coverage: Coverage, select: String, expected: Outcome) throws {
        let pack = T.pack(rule: "\(select)\nexpect: { local_port: 3691 }")
        let result = try run(pack, T.snapshot([T.socket(pids: [1])], coverage: coverage))
        #expect(result.outcome == expected)
    }

    @Test func partialOwnerCoverageActsThroughTheSocketsItHides() throws {
        let coverage = Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: .partial)
        let elsewhere = T.socket(.tcp, "0.0.0.0", 8080, ownership: .unknown, reason: .fdDirectoryUnreadable)
        #expect(try run(Self.ownerRule, T.snapshot([elsewhere], coverage: coverage)).outcome == .pass)
        let hidden = T.socket(ownership: .unknown, reason: .fdDirectoryUnreadable)
        let result = try run(Self.ownerRule, T.snapshot([hidden], coverage: coverage))
        #expect(result.outcome == .unknown)
        #expect(result.message == "tcp 0.0.0.0:3691: owner unknown (fd-directory-unreadable)")
    }

    @Test func coverageTurnsWhenNoneFailIntoUnknown() throws {
        let pack = T.pack(rule: "select: { protocol: udp, local_port: 53 }\nexpect: none\nwhen_none: fail")
        let coverage = Coverage(tcp: .full, udp: .none, ipv4: .full, ipv6: .full, owners: .full)
        #expect(try run(pack, T.snapshot([], coverage: coverage)).outcome == .unknown)
    }

    // MARK: owners

    @Test(arguments: [
        ([(1, "magaya"), (2, "magaya-worker")], Outcome.pass),
        ([(1, "magaya"), (2, "nc64.exe")], .fail),
        ([(1, "systemd"), (2, "magaya")], .pass),
        ([(1, "systemd")], .fail),
    ])
    func everyOwnerMustSatisfyExpect(owners: [(Int, String)], expected: Outcome) throws {
        let socket = T.socket(pids: owners.map(\.0))
        let result = try run(Self.ownerRule, T.snapshot([socket], owners.map { T.process($0.0, $0.1) }))
        #expect(result.outcome == expected)
    }

    @Test func anyOwnerMaySatisfySelect() throws {
        let pack = T.pack(rule: "select: { owner: { name: nc64.exe } }\nexpect: none")
        let socket = T.socket(pids: [1, 2])
        let result = try run(pack, T.snapshot([socket], [T.process(1, "svchost.exe"), T.process(2, "nc64.exe")]))
        #expect(result.outcome == .fail)
    }

    @Test func customSupervisors() throws {
        let pack = T.pack(rule: """
        select: { local_port: 3691 }
        expect: { owner: { name: magaya } }
        supervisors: [inetd]
        """)
        let snapshot = T.snapshot([T.socket(pids: [1, 2])], [T.process(1, "inetd"), T.process(2, "magaya")])
        #expect(try run(pack, snapshot).outcome == .pass)
        let systemd = T.snapshot([T.socket(pids: [1, 2])], [T.process(1, "systemd"), T.process(2, "magaya")])
        #expect(try run(pack, systemd).outcome == .fail)
    }

    @Test func unownedSocketHasNoOwnerToMatch() throws {
        let result = try run(Self.ownerRule, T.snapshot([T.socket(ownership: .unowned, reason: .noProcessHoldsInode)]))
        #expect(result.outcome == .fail)
        #expect(result.message.contains("has no owning process"))
    }

    @Test(arguments: [
        ("magaya-ser", true, Outcome.pass),
        ("nc64", true, .fail),
        ("mag", true, .unknown),
    ])
    func truncatedNames(name: String, truncated: Bool, expected: Outcome) throws {
        let pack = T.pack(rule: "select: { local_port: 3691 }\nexpect: { owner: { name: { glob: \"magaya*\" } } }")
        let result = try run(pack, T.snapshot([T.socket(pids: [1])], [T.process(1, name, truncated: truncated)]))
        #expect(result.outcome == expected)
        if expected == .unknown { #expect(result.message.contains("may be truncated")) }
    }

    @Test func kernelOwnsWindowsPID4() throws {
        let pack = T.pack(rule: "select: { protocol: tcp, local_port: 445, state: listening }\nexpect: { owner: { kernel: true } }")
        let smb = T.socket(.tcp, "0.0.0.0", 445, pids: [4])
        #expect(try run(pack, T.snapshot([smb], [WindowsKernelProcess.record(source: SourceLocation(file: "x"))])).outcome == .pass)
        #expect(try run(pack, T.snapshot([smb], [T.process(4, "evil.exe")])).outcome == .fail)
    }

    // MARK: unknown_owner

    @Test(arguments: [("fail", Outcome.fail), ("pass", .pass), ("unknown", .unknown)])
    func unknownOwnerPolicy(policy: String, expected: Outcome) throws {
        let pack = T.pack(rule: "select: { local_port: 3691 }\nexpect: { owner: { name: magaya } }\nunknown_owner: \(policy)")
        let result = try run(pack, T.snapshot([T.socket(ownership: .unknown, reason: .captureHasNoOwners)]))
        #expect(result.outcome == expected)
    }

    @Test func unknownOwnerDoesNotTouchOtherUnknowns() throws {
        let pack = T.pack(rule: "select: { local_port: 3691 }\nexpect: { local_address: { cidr: 10.0.0.0/8 } }\nunknown_owner: fail")
        let socket = T.socket(.tcp, "LAPTOP-1", 3691, pids: [1])
        #expect(try run(pack, T.snapshot([socket])).outcome == .unknown)
    }

    // MARK: combinators, fields

    @Test func allowlistShape() throws {
        let pack = T.pack(rule: """
        select: { state: listening, exposure: [any, specific] }
        expect:
          any:
            - { local_port: 22, owner: { path: /usr/sbin/sshd } }
            - { local_port: 3691, owner: { name: { glob: "magaya*", ignore_case: true } } }
        """)
        let ok = T.snapshot([T.socket(.tcp, "0.0.0.0", 22, pids: [1]), T.socket(.tcp, "127.0.0.1", 5432, pids: [2])],
                            [T.process(1, "sshd", path: "/usr/sbin/sshd"), T.process(2, "postgres")], platform: .linux)
        #expect(try run(pack, ok).outcome == .pass)
        let bad = T.snapshot([T.socket(.tcp, "::", 8080, pids: [3])], [T.process(3, "python3")], platform: .linux)
        #expect(try run(pack, bad).outcome == .fail)
    }

    @Test func noneCombinatorAndRemoteFields() throws {
        let pack = T.pack(rule: """
        select: { state: established }
        expect: { none: [{ remote_address: { cidr: 10.0.0.0/8 } }, { remote_port: 23 }] }
        """)
        let fine = T.socket(.tcp, "192.168.1.2", 50000, state: .established, pids: [1], remote: "8.8.8.8", remotePort: 443)
        let bad = T.socket(.tcp, "192.168.1.2", 50001, state: .established, pids: [1], remote: "::ffff:10.1.1.1", remotePort: 443)
        #expect(try run(pack, T.snapshot([fine])).outcome == .pass)
        #expect(try run(pack, T.snapshot([fine, bad])).outcome == .fail)
    }

    @Test func exposureField() throws {
        let pack = T.pack(rule: "select: { local_port: 5432 }\nexpect: { exposure: loopback }")
        #expect(try run(pack, T.snapshot([T.socket(.tcp, "::ffff:127.0.0.1", 5432)])).outcome == .pass)
        #expect(try run(pack, T.snapshot([T.socket(.tcp, "::", 5432)])).outcome == .fail)
    }

    // MARK: scope, enabled, errors

    @Test(arguments: [
        (Platform.windows, "wh-berlin-02", Outcome.fail),
        (.linux, "wh-berlin-02", .skip),
        (.unknown, "wh-berlin-02", .unknown),
        (.windows, "ny-01", .skip),
        (.windows, "unknown", .unknown),
    ])
    func appliesTo(platform: Platform, name: String, expected: Outcome) throws {
        let pack = T.pack(rule: "select: { local_port: 3691 }\nexpect: none\napplies_to: { platform: [windows], hosts: [\"WH-*\"] }")
        let result = try run(pack, T.snapshot([T.socket()], platform: platform, name: name))
        #expect(result.outcome == expected)
    }

    @Test func disabledRulesAreSkipped() throws {
        let pack = T.pack(rule: "select: { local_port: 3691 }\nexpect: none\nenabled: false")
        #expect(try run(pack, T.snapshot([T.socket()])).outcome == .skip)
    }

    @Test func unreadableCaptureIsAnErrorForEveryRule() throws {
        let failure = Diagnostic(.error, "unrecognised capture format", at: SourceLocation(file: "x.txt"))
        let result = try run(Self.ownerRule, T.snapshot([], diagnostics: [failure]))
        #expect(result.outcome == .error)
        #expect(result.message == "x.txt: error: unrecognised capture format")
    }

    @Test func evidenceIsCapped() throws {
        let sockets = (1...60).map { T.socket(.tcp, "0.0.0.0", 3691, pids: [$0], line: $0) }
        let result = try run(Self.ownerRule, T.snapshot(sockets, (1...60).map { T.process($0, "nc") }))
        #expect(result.outcome == .fail)
        #expect(result.evidence.count == 50 && result.evidenceTotal == 60)
        #expect(result.message.hasSuffix("(and 59 more)"))
    }
}

@Suite struct KernelSynthesisTests {
    @Test(arguments: [(Platform.windows, Outcome.pass), (.linux, .unknown)])
    func pid4WithoutRecordIsTheKernelOnWindows(platform: Platform, expected: Outcome) throws {
        let pack = TestSupport.pack(rule: "select: { local_port: 445 }\nexpect: { owner: { kernel: true } }")
        let snapshot = TestSupport.snapshot([TestSupport.socket(.tcp, "0.0.0.0", 445, pids: [4])], platform: platform)
        #expect(try #require(TestSupport.outcome(pack, snapshot)).outcome == expected)
    }
}

@Suite struct EvidenceNoteTests {
    @Test func unknownEvidenceSaysWhy() throws {
        let hidden = TestSupport.snapshot([TestSupport.socket(ownership: .unknown, reason: .captureHasNoOwners)])
        let unknown = try #require(TestSupport.outcome(EvaluatorTests.ownerRule, hidden))
        #expect(unknown.evidence.first?.note == "owner unknown (capture-has-no-owners)")
    }
}

@Suite struct ScopeVariableTests {
    @Test func appliesToTakesVariables() throws {
        let text = TestSupport.pack(
            rule: "select: { local_port: 3691 }\nexpect: none\napplies_to: { platform: $platforms, hosts: [$berlin, \"ny-*\"] }",
            vars: "vars:\n  platforms: [windows]\n  berlin: \"wh-berlin-*\""
        )
        let (packs, diagnostics) = TestSupport.load(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let scope = try #require(packs?.rules.first?.scope)
        #expect(scope.platforms == [.windows] && scope.hosts.map(\.pattern) == ["wh-berlin-*", "ny-*"])
    }
}

@Suite struct UnknownOwnerCoverageTests {
    @Test func aPassFromUnknownOwnerStillNeedsCoverage() throws {
        let pack = TestSupport.pack(rule: "select: { local_port: 3691 }\nexpect: { owner: { name: magaya } }\nunknown_owner: pass")
        let socket = TestSupport.socket(ownership: .unknown, reason: .captureHasNoOwners)
        let partialUDP = Coverage(tcp: .full, udp: .partial, ipv4: .full, ipv6: .full, owners: .none)
        #expect(try #require(TestSupport.outcome(pack, TestSupport.snapshot([socket], coverage: partialUDP))).outcome == .unknown)
        #expect(try #require(TestSupport.outcome(pack, TestSupport.snapshot([socket]))).outcome == .pass)
    }
}
