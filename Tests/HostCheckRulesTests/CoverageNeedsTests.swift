import HostCheckCore
@testable import HostCheckRules
import Testing

/// How a rule's selection projects onto each coverage dimension: the pass is kept only where
/// the sources could have shown a violation.
struct CoverageNeedsTests {
    typealias T = TestSupport

    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var rule: String
        var coverage: Coverage
        /// The missing dimensions expected; empty means the pass stands.
        var missing: [String]
        var testDescription: String { label }
    }

    static func covering(
        states: StateCoverage = .all, ports: [Int]? = nil, users: [String]? = nil, netns: NamespaceCoverage = .hostOnly,
        tcp: CoverageLevel = .full, udp: CoverageLevel = .full, ipv6: CoverageLevel = .full, owners: CoverageLevel = .full
    ) -> Coverage {
        Coverage(tcp: tcp, udp: udp, ipv4: .full, ipv6: ipv6, owners: owners, states: states, ports: ports, users: users, netns: netns)
    }

    static let telnet = "select: { protocol: tcp, local_port: 23, state: listening }\nexpect: none"
    static let magaya = "select: { protocol: [tcp, udp], local_port: 3691, state: listening }\nexpect: { owner: { name: magaya.exe } }"
    static let anyState3691 = "select: { local_port: 3691 }\nexpect: { owner: { name: magaya.exe } }"
    static let session2323 = "select: { protocol: tcp, remote_port: 2323, state: established }\nexpect: none"
    static let range = "select: { local_port: { range: 3690-3692 }, state: listening }\nexpect: none"
    static let notPort = "select: { local_port: { not: 3691 }, state: listening }\nexpect: none"
    static let mine = "select: { owner: { user: alice } }\nexpect: none"
    static let notMine = "select: { owner: { user: { not: bob } } }\nexpect: none"
    static let netns = "select: { local_port: 22 }\nexpect: none\nrequires: { netns: all }"
    static let statesAll = "select: { local_port: 22, state: listening }\nexpect: none\nrequires: { states: all }"

    static let cases: [Case] = [
        Case(label: "findstr :3691 proves the owner of 3691", rule: magaya, coverage: covering(ports: [3691]), missing: []),
        Case(label: "findstr :3691 proves nothing about telnet", rule: telnet, coverage: covering(ports: [3691]), missing: ["ports"]),
        Case(label: "a port range reaching past the filter", rule: range, coverage: covering(ports: [3691]), missing: ["ports"]),
        Case(label: "a port range inside the filter", rule: range, coverage: covering(ports: [3690, 3691, 3692]), missing: []),
        Case(label: "not a port reaches every other port", rule: notPort, coverage: covering(ports: [3691]), missing: ["ports"]),
        Case(label: "listening-only proves listeners", rule: telnet, coverage: covering(states: .listening), missing: []),
        Case(label: "listening-only proves no session", rule: session2323, coverage: covering(states: .listening), missing: ["states"]),
        Case(label: "a rule on every state of 3691, listening only", rule: anyState3691, coverage: covering(states: .listening),
             missing: ["states"]),
        Case(label: "findstr LISTENING and :3691 together", rule: magaya, coverage: covering(states: .listening, ports: [3691]),
             missing: []),
        Case(label: "one user's sockets, a rule about everyone's", rule: telnet, coverage: covering(users: ["alice"]), missing: ["users"]),
        Case(label: "one user's sockets, a rule about that user's", rule: mine, coverage: covering(users: ["alice"]), missing: []),
        Case(label: "one user's sockets, a rule about all but bob's", rule: notMine, coverage: covering(users: ["alice"]),
             missing: ["users"]),
        Case(label: "IPv6 not covered", rule: telnet, coverage: covering(ipv6: .none), missing: ["ipv6"]),
        Case(label: "UDP not covered, a TCP rule", rule: telnet, coverage: covering(udp: .none), missing: []),
        Case(label: "requires netns all, one namespace read", rule: netns, coverage: covering(), missing: ["netns"]),
        Case(label: "requires netns all, every namespace read", rule: netns, coverage: covering(netns: .all), missing: []),
        Case(label: "requires states all on a listening-only capture", rule: statesAll, coverage: covering(states: .listening),
             missing: ["states"]),
    ]

    @Test(arguments: cases)
    func aPassStandsOnlyInsideTheCoverage(_ test: Case) throws {
        var coverage = test.coverage
        coverage.fullCapture = "netstat -ano"
        let result = try #require(T.outcome(T.pack(rule: test.rule), T.snapshot([], coverage: coverage)))
        #expect(result.missingCoverage == test.missing)
        #expect(result.outcome == (test.missing.isEmpty ? .pass : .unknown))
        if !test.missing.isEmpty {
            #expect(result.message.hasSuffix("; capture with `netstat -ano` to settle it"))
        }
    }

    @Test func aFailureFoundInsideAFilteredCaptureStands() throws {
        let rogue = T.socket(.tcp, "0.0.0.0", 3691, pids: [7])
        let snapshot = T.snapshot([rogue], [T.process(7, "nc64.exe")], coverage: Self.covering(ports: [3691]))
        let result = try #require(T.outcome(T.pack(rule: Self.magaya), snapshot))
        #expect(result.outcome == .fail)
        #expect(result.missingCoverage.isEmpty)
    }

    @Test func theMessageNamesWhatWasAssumed() throws {
        var coverage = Self.covering(ports: [3691])
        coverage.assumed = ["ports: assumed from the rows: every row contains :3691 (a findstr filter)"]
        let result = try #require(T.outcome(T.pack(rule: Self.telnet), T.snapshot([], coverage: coverage)))
        #expect(result.message == "no socket selected, but the sources cover local port 3691 only "
            + "(ports: assumed from the rows: every row contains :3691 (a findstr filter))")
    }

    @Test(arguments: ["requires: { netns: some }", "requires: { colour: all }", "requires: all"])
    func aBadRequirementIsALocatedError(_ line: String) {
        let (packs, diagnostics) = T.load(T.pack(rule: Self.telnet + "\n" + line))
        #expect(packs == nil)
        #expect(T.errors(diagnostics).count == 1)
        #expect(T.errors(diagnostics).first?.hasPrefix("test.yaml:") == true)
    }
}

extension CoverageNeedsTests {
    @Test func anUnknownOwnerNamesTheCaptureThatSettlesIt() throws {
        var coverage = Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: .none)
        coverage.fullCapture = "netstat -ano"
        let socket = T.socket(.tcp, "0.0.0.0", 3691, ownership: .unknown, reason: .captureHasNoOwners)
        let result = try #require(T.outcome(T.pack(rule: Self.magaya), T.snapshot([socket], coverage: coverage)))
        #expect(result.outcome == .unknown)
        #expect(result.message == "tcp 0.0.0.0:3691: owner unknown (capture-has-no-owners); capture with `netstat -ano` to settle it")
        #expect(result.missingCoverage == ["owners"])
    }
}
