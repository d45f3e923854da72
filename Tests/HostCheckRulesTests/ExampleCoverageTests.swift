import HostCheckCore
import Testing
@testable import HostCheckRules

/// An example host's `coverage:` has the shape of the snapshot's `host.coverage`
/// (``SnapshotKeys/coverage``), every key optional; what is left out is fully covered.
@Suite struct ExampleCoverageTests {
    typealias T = TestSupport

    static func rule(coverage: String, select: String = "{ local_port: 23 }", outcome: String = "pass") -> String {
        T.pack(rule: """
        select: \(select)
        expect: none
        examples:
          - outcome: \(outcome)
            host: { coverage: \(coverage) }
            sockets: []
        """)
    }

    static var full: Coverage { .full }

    static func with(_ change: (inout Coverage) -> Void) -> Coverage {
        var coverage = Coverage.full
        change(&coverage)
        return coverage
    }

    @Test(arguments: [
        ("{}", full),
        ("{ ports: all, users: all, states: all, netns: all }", full),
        ("{ tcp: none, ipv6: partial, owners: partial }", with { $0.tcp = .none; $0.ipv6 = .partial; $0.owners = .partial }),
        ("{ states: listening }", with { $0.states = .listening }),
        ("{ ports: [3691, 22, 3691] }", with { $0.ports = [22, 3691] }),
        ("{ ports: [] }", with { $0.ports = [] }),
        ("{ users: [bob, alice] }", with { $0.users = ["alice", "bob"] }),
        ("{ netns: host-only }", with { $0.netns = .hostOnly }),
        (#"{ assumed: ["ports: assumed from the rows"], full_capture: "netstat -ano" }"#,
         with { $0.assumed = ["ports: assumed from the rows"]; $0.fullCapture = "netstat -ano" }),
    ])
    func coverageReadsAsTheSnapshotShape(yaml: String, expected: Coverage) throws {
        let (packs, diagnostics) = T.load(Self.rule(coverage: yaml))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(packs?.rules.first?.examples.first?.snapshot.host.coverage == expected)
    }

    /// The pack examples' keys are the snapshot's: one list.
    @Test func exampleKeysAreTheSnapshotCoverageKeys() throws {
        let yaml = "{ " + SnapshotKeys.coverage.map { key in
            switch key {
            case "states": "states: all"
            case "ports", "users": "\(key): all"
            case "netns": "netns: all"
            case "assumed": "assumed: []"
            case "full_capture": "full_capture: x"
            default: "\(key): full"
            }
        }.joined(separator: ", ") + " }"
        let (_, diagnostics) = T.load(Self.rule(coverage: yaml))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test(arguments: [
        ("{ states: LISTENING }", "unknown coverage states 'LISTENING'"),
        ("{ tcp: yes }", "unknown coverage level 'yes'"),
        ("{ netns: host }", "unknown coverage netns 'host'"),
        ("{ ports: any }", "coverage ports must be 'all' or a list, found 'any'"),
        ("{ ports: [70000] }", "a coverage port must be 0...65535, found 70000"),
        ("{ ports: [http] }", "a coverage port must be a number, found 'http'"),
        ("{ users: [[alice]] }", "a coverage user must be a scalar, found a sequence"),
        ("{ sctp: none }", "unknown key 'sctp' in coverage"),
    ])
    func mistakesAreErrors(yaml: String, message: String) {
        let errors = T.errors(T.load(Self.rule(coverage: yaml)).1)
        #expect(errors.contains { $0.contains(message) }, "\(errors)")
    }

    /// Fail closed, both ways: a listening-only example cannot prove that no session to 2323
    /// exists (unknown), the same example with full coverage passes.
    @Test(arguments: [
        ("{ states: listening }", "unknown"),
        ("{ ports: [3691] }", "unknown"),
        ("{ states: all, ports: all }", "pass"),
        ("{}", "pass"),
    ])
    func coverageDecidesTheExampleOutcome(yaml: String, outcome: String) throws {
        let text = Self.rule(coverage: yaml, select: "{ protocol: tcp, local_port: 2323, state: established }", outcome: outcome)
        let packs = try #require(T.load(text).0)
        let report = PackTester.run(packs)
        #expect(report.failed == 0 && report.passed == 1, "\(report.render())")
    }
}
