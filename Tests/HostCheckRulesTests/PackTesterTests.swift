import Foundation
import HostCheckBuiltinPacks
import HostCheckCore
import Testing
@testable import HostCheckRules

@Suite struct PackTesterTests {
    typealias T = TestSupport

    @Test func everyBuiltinExamplePasses() throws {
        let sources = BuiltinPacks.all.map { PackSource(path: "builtin:\($0.name)", bytes: $0.bytes) }
        let packs = try #require(PackLoader.load(sources, variableOverrides: []).packs)
        let report = PackTester.run(packs)
        #expect(report.failed == 0, "\(report.render())")
    }

    @Test func everyBuiltinRuleHasAPassAFailAndAnUnknownExample() throws {
        let sources = BuiltinPacks.all.map { PackSource(path: "builtin:\($0.name)", bytes: $0.bytes) }
        let packs = try #require(PackLoader.load(sources, variableOverrides: []).packs)
        let report = PackTester.run(packs)
        for rule in packs.rules {
            let outcomes = Set(report.results.filter { $0.rule == rule.id }.map(\.expectedOutcome))
            #expect(outcomes.isSuperset(of: [.pass, .fail, .unknown]), "rule \(rule.id) needs a pass, a fail and an unknown example")
        }
    }

    @Test func magayaRulesHaveAPassAFailAndAnUnknownExample() throws {
        let report = PackTester.run(try BuiltinPackTests.magaya())
        for rule in Set(report.results.map(\.rule)) {
            let outcomes = Set(report.results.filter { $0.rule == rule }.map(\.expectedOutcome))
            #expect(outcomes.isSuperset(of: [.pass, .fail, .unknown]), "rule \(rule) needs a pass, a fail and an unknown example")
        }
        #expect(!report.results.isEmpty && report.failed == 0)
    }

    @Test func brokenExampleFailsWithAReadableDiff() throws {
        let text = T.pack(rule: """
        select: { protocol: tcp, local_port: 23, state: listening }
        expect: none
        examples:
          - name: telnetd listening
            sockets: [{ protocol: tcp, local_address: 0.0.0.0, local_port: 23, pids: [5] }]
            processes: [{ pid: 5, name: in.telnetd }]
            outcome: pass
          - name: nothing on 23
            sockets: []
            outcome: pass
          - sockets: [{ protocol: tcp, local_address: 0.0.0.0, local_port: 23, ownership: unknown }]
            outcome: unknown
            message: owner is known
        """)
        let packs = try #require(T.load(text).0)
        let report = PackTester.run(packs)
        #expect(report.passed == 1 && report.failed == 2)
        #expect(report.render() == """
        test.yaml:11:9: FAIL r example 'telnetd listening'
          expected outcome: pass
          actual outcome:   fail
          actual message:   tcp 0.0.0.0:23 is owned by in.telnetd (pid 5), expected no such socket
        test.yaml:18:9: FAIL r example at line 18
          expected outcome: unknown
          actual outcome:   fail
          expected message to contain: owner is known
          actual message:   tcp 0.0.0.0:23 has an unknown owner (no reason given), expected no such socket
        1 passed, 2 failed
        """)
    }

    @Test func exampleMistakesAreLocated() {
        let text = T.pack(rule: """
        select: { local_port: 23 }
        expect: none
        examples:
          - sockets: [{ protocol: tpc, local_address: 0.0.0.0 }]
            processes: [{ name: x }]
            outcom: fail
        """)
        let (packs, diagnostics) = T.load(text)
        #expect(packs == nil)
        #expect(T.errors(diagnostics) == [
            "test.yaml:11:9: error: an example is missing required key 'outcome'",
            "test.yaml:11:31: error: unknown protocol 'tpc' (did you mean 'tcp'?)",
            "test.yaml:12:21: error: an example process is missing required key 'pid'",
            "test.yaml:13:9: error: unknown key 'outcom' in an example (did you mean 'outcome'?)",
        ])
    }

    @Test func lintWarnsAboutRulesWithoutExamples() {
        let source = T.source(T.pack(rule: "select: { local_port: 23 }\nexpect: none"))
        let diagnostics = PackLoader.lint([source], variableOverrides: [])
        #expect(diagnostics.map(\.description) == ["test.yaml:7:5: warning: rule 'r' has no examples (add examples: so `hostcheck test` can check it)"])
    }
}

@Suite struct DisabledRuleExampleTests {
    @Test func disabledRulesAreTestedAsIfEnabled() throws {
        let text = TestSupport.pack(rule: """
        select: { local_port: 23 }
        expect: none
        enabled: false
        examples:
          - sockets: [{ protocol: tcp, local_address: 0.0.0.0, local_port: 23, pids: [1] }]
            outcome: fail
        """)
        let packs = try #require(TestSupport.load(text).0)
        #expect(PackTester.run(packs).failed == 0)
    }
}

@Suite struct PastedJSONExampleTests {
    @Test func factsPastedFromSnapshotJSONRead() throws {
        let text = TestSupport.pack(rule: """
        select: { protocol: tcp, local_port: 3691, state: listening }
        expect: { owner: { name: { glob: "magaya*" } } }
        examples:
          - sockets:
              - { "protocol": "tcp", "family": "ipv4", "local_address": "0.0.0.0", "local_port": 3691,
                  "local_port_name": null, "local_zone": null, "remote_address": null, "remote_port": null,
                  "state": "listening", "v6only": null, "netns": null,
                  "ownership": "owned", "ownership_reason": null, "pids": [6120],
                  "source": { "file": "netstat.txt", "line": 8 } }
            processes:
              - { "pid": 6120, "ppid": null, "name": "nc64.exe", "name_truncated": false, "path": null,
                  "cmdline": null, "user": null, "services": [], "kernel": false,
                  "source": { "file": "tasklist.csv", "line": 9 } }
            outcome: fail
        """)
        let (packs, diagnostics) = TestSupport.load(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let report = PackTester.run(try #require(packs))
        #expect(report.results.count == 1 && report.failed == 0, "\(report.render())")
        #expect(report.results.first?.actual.evidence.first?.socket?.remoteAddress == nil)
    }
}
