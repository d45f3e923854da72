import Foundation
import HostCheckCore
import Testing
@testable import HostCheckRules

/// Process rules, counts, `when`, label scopes (docs/rule-packs.md, "Rules beyond one socket"):
/// each with an honest host that passes and missing, hostile or unverifiable evidence that must
/// not pass.
@Suite struct RuleShapeTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var rule: String
        var snapshot: Snapshot
        var outcome: Outcome
        var message: String?
        var description: String { name }
    }

    typealias T = TestSupport

    /// A host whose process list is complete only if `listed` (a `tasklist` among its sources).
    static func host(
        _ sockets: [SocketFact], _ processes: [ProcessFact], listed: Bool, coverage: Coverage = .full,
        platform: Platform = .windows, labels: [String: String] = [:]
    ) -> Snapshot {
        var coverage = coverage
        coverage.processes = .none
        var sources = [CaptureSource(file: "netstat.txt", format: "windows-netstat")]
        if listed { sources.append(CaptureSource(file: "tasklist.csv", format: "windows-tasklist-csv")) }
        let info = HostInfo(name: "wh-berlin-02", platform: platform, sources: sources, coverage: coverage, labels: labels)
        return Snapshot(host: info, sockets: sockets, processes: processes)
    }

    static let sshdRoot = "select: { processes: { name: sshd } }\nexpect: { user: root }\nwhen_none: fail"
    static let noNetcat = "select: { processes: { name: { equals: nc64.exe, ignore_case: true } } }\nexpect: none"
    static let oneListener = "select: { protocol: tcp, local_port: 3691, state: listening }\ncount: 1"
    static let httpsBesideHTTP = "select: { protocol: tcp, local_port: 443, state: listening }\ncount: { min: 1 }\nwhen: { listening: 80/tcp }"
    static let notProd = "applies_to: { labels: { env: { not: prod } } }\nselect: { protocol: tcp, local_port: 23, state: listening }\nexpect: none"
    static let prodOnly = "applies_to: { labels: { env: prod } }\nselect: { protocol: tcp, local_port: 23, state: listening }\nexpect: none"

    static var portsOnly22: Coverage {
        var coverage = Coverage.full
        coverage.ports = [22]
        return coverage
    }

    static let cases: [Case] = [
        // Process rules.
        Case(name: "sshd as root in a tasklist", rule: sshdRoot,
             snapshot: host([], [T.process(812, "sshd", user: "root")], listed: true), outcome: .pass),
        Case(name: "sshd as another user", rule: sshdRoot,
             snapshot: host([], [T.process(812, "sshd", user: "nobody")], listed: true), outcome: .fail, message: "process sshd (pid 812)"),
        Case(name: "no sshd in a complete list", rule: sshdRoot,
             snapshot: host([], [T.process(1, "init", user: "root")], listed: true), outcome: .fail, message: "no process selected"),
        Case(name: "no sshd among socket owners is not proof", rule: sshdRoot,
             snapshot: host([], [T.process(1, "init", user: "root")], listed: false), outcome: .unknown, message: "no source lists every process"),
        Case(name: "sshd seen, but the list is of socket owners", rule: sshdRoot,
             snapshot: host([], [T.process(812, "sshd", user: "root")], listed: false), outcome: .unknown),
        Case(name: "sshd without a user", rule: sshdRoot,
             snapshot: host([], [T.process(812, "sshd")], listed: true), outcome: .unknown, message: "user is not recorded"),
        Case(name: "no netcat in a tasklist", rule: noNetcat,
             snapshot: host([], [T.process(4, "System")], listed: true), outcome: .pass),
        Case(name: "netcat without a socket", rule: noNetcat,
             snapshot: host([], [T.process(7004, "NC64.EXE")], listed: true), outcome: .fail),
        Case(name: "netcat seen among socket owners still fails", rule: noNetcat,
             snapshot: host([], [T.process(7004, "nc64.exe")], listed: false), outcome: .fail),
        Case(name: "a name cut where netcat's could go on", rule: noNetcat,
             snapshot: host([], [T.process(7004, "nc6", truncated: true)], listed: true), outcome: .unknown),
        Case(name: "no netcat among socket owners is not proof", rule: noNetcat,
             snapshot: host([], [T.process(4, "System")], listed: false), outcome: .unknown),
        // Counts.
        Case(name: "one listener", rule: oneListener,
             snapshot: T.snapshot([T.socket(pids: [1])]), outcome: .pass, message: "1 socket selected, expected exactly 1"),
        Case(name: "two listeners", rule: oneListener,
             snapshot: T.snapshot([T.socket(pids: [1]), T.socket(.tcp, "::", pids: [2])]), outcome: .fail),
        Case(name: "no listener", rule: oneListener, snapshot: T.snapshot([]), outcome: .fail, message: "0 sockets selected"),
        Case(name: "two listeners fail on a partial capture too", rule: oneListener,
             snapshot: T.snapshot([T.socket(pids: [1]), T.socket(.tcp, "::", pids: [2])], coverage: portsOnly22), outcome: .fail),
        Case(name: "one seen on a capture of port 22 only proves at least one", rule: oneListener,
             snapshot: T.snapshot([T.socket(pids: [1])], coverage: portsOnly22), outcome: .unknown, message: "local port 22 only"),
        Case(name: "a listener whose port was printed as a service name", rule: oneListener,
             snapshot: T.snapshot([T.socket(pids: [1]), T.socket(.tcp, "::", nil, pids: [2])]), outcome: .unknown, message: "undecided"),
        // when.
        Case(name: "80 and 443", rule: httpsBesideHTTP,
             snapshot: T.snapshot([T.socket(.tcp, "0.0.0.0", 80), T.socket(.tcp, "0.0.0.0", 443)]), outcome: .pass),
        Case(name: "80 without 443", rule: httpsBesideHTTP,
             snapshot: T.snapshot([T.socket(.tcp, "0.0.0.0", 80)]), outcome: .fail),
        Case(name: "neither", rule: httpsBesideHTTP, snapshot: T.snapshot([]), outcome: .pass, message: "nothing is required"),
        Case(name: "a capture that cannot show 80", rule: httpsBesideHTTP,
             snapshot: T.snapshot([], coverage: portsOnly22), outcome: .unknown, message: "is unknown"),
        Case(name: "443 listens: the rule holds whether or not 80 does", rule: httpsBesideHTTP,
             snapshot: T.snapshot([T.socket(.tcp, "0.0.0.0", 443)]), outcome: .pass),
        // Label scopes, compared ignoring case.
        Case(name: "not prod, on a PROD host", rule: notProd,
             snapshot: host([T.socket(.tcp, "0.0.0.0", 23)], [], listed: true, labels: ["env": "PROD"]), outcome: .skip),
        Case(name: "not prod, on a host without labels", rule: notProd,
             snapshot: host([T.socket(.tcp, "0.0.0.0", 23)], [], listed: true), outcome: .fail),
        Case(name: "prod, on a Prod host", rule: prodOnly,
             snapshot: host([T.socket(.tcp, "0.0.0.0", 23)], [], listed: true, labels: ["env": "Prod"]), outcome: .fail),
        Case(name: "prod, on a host without labels", rule: prodOnly,
             snapshot: host([T.socket(.tcp, "0.0.0.0", 23)], [], listed: true), outcome: .skip),
    ]

    @Test(arguments: cases)
    func outcome(_ testCase: Case) throws {
        let (packs, diagnostics) = T.load(T.pack(rule: testCase.rule))
        let loaded = try #require(packs, "\(diagnostics)")
        let evaluator = try Evaluator(packs: loaded, filter: .none, waivers: nil, now: Date(timeIntervalSince1970: 0))
        let result = try #require(evaluator.evaluate(testCase.snapshot).results.first)
        #expect(result.outcome == testCase.outcome, "\(result.message)")
        if let message = testCase.message { #expect(result.message.contains(message), "\(result.message)") }
    }

    @Test func missingProcessCoverageIsNamedInResults() throws {
        let loaded = try #require(T.load(T.pack(rule: Self.noNetcat)).0)
        let evaluator = try Evaluator(packs: loaded, filter: .none, waivers: nil, now: Date(timeIntervalSince1970: 0))
        let result = try #require(evaluator.evaluate(Self.host([], [], listed: false)).results.first)
        #expect(result.outcome == .unknown && result.missingCoverage == ["processes"])
    }

    static let refusals: [(String, String)] = [
        ("select: { processes: { name: sshd }, local_port: 22 }\nexpect: none", "select of a process rule holds only processes:"),
        ("select: { processes: { nmae: sshd } }\nexpect: none", "did you mean 'name'?"),
        ("select: { local_port: 22 }\ncount: -1", "count must be a number of 0 or more"),
        ("select: { local_port: 22 }\ncount: { min: 3, max: 1 }", "count max 1 is below min 3"),
        ("select: { local_port: 22 }\ncount: 1\nwhen_none: fail", "when_none has no meaning beside count"),
        ("select: { local_port: 22 }\nexpect: none\nwhen: { listening: http }", "invalid listening port 'http'"),
        ("select: { local_port: 22 }\nexpect: none\nwhen: { listening: 80/tcp, sockets: { local_port: 1 } }", "when takes exactly one of"),
        ("applies_to: { labels: { env: { nicht: prod } } }\nselect: { local_port: 22 }\nexpect: none", "takes a glob, a list of globs or { not: globs }"),
        ("select: { local_port: 22 }", "missing required key 'expect'"),
    ]

    @Test(arguments: 0..<refusals.count)
    func lintRefuses(_ index: Int) {
        let (rule, message) = Self.refusals[index]
        let errors = T.errors(PackLoader.lint([T.source(T.pack(rule: rule))]))
        #expect(errors.contains { $0.contains(message) }, "\(errors)")
    }

    @Test func waiverPolicyIsRefusedAtItsLine() {
        let text = "hostcheck: 1\npack: { id: p, version: '1' }\nwaivers: { max_days: 0 }\nrules:\n  - { id: r, select: { local_port: 1 }, expect: none }\n"
        let errors = T.errors(PackLoader.lint([T.source(text)]))
        #expect(errors.contains { $0.hasPrefix("test.yaml:3:22: error: max_days must be a number of days of 1 or more") }, "\(errors)")
    }
}
