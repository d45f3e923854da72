import Foundation
import Testing

/// The live probe over the `/proc` fixture trees of HostCheckProbesTests, end to end: what it
/// cannot see (hidden processes, unread network namespaces) makes the rules that need it
/// `unknown` (exit 2), naming the run that settles it; a complete tree passes or fails as it
/// should (docs/cli.md, "What a live run can see").
@Suite struct LiveCoverageFixtureTests {
    static func procRoot(_ name: String) -> String {
        HostCheckRunner.packageRoot.appendingPathComponent("Tests/HostCheckProbesTests/Fixtures/proc/\(name)").path
    }

    /// Two rules: one selects by owner, one needs every network namespace.
    static func pack() throws -> String {
        let directory = try HostCheckRunner.temporaryDirectory()
        let path = directory.appendingPathComponent("live.yaml").path
        try """
        hostcheck: 1
        pack: { id: live, version: 1.0.0, title: live coverage }
        rules:
          - id: no-python-listeners
            title: No python3 process may listen
            severity: high
            select: { state: listening, owner: { name: python3 } }
            expect: none
          - id: nothing-on-3691-anywhere
            title: Nothing listens on 3691 in any network namespace
            severity: high
            requires: { netns: all }
            select: { local_port: 3691, state: listening }
            expect: none
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var tree: String
        var arguments: [String] = []
        var status: Int32
        /// `rule outcome` for each rule, as the text report's lines start.
        var outcomes: [String]
        var messages: [String] = []
        var testDescription: String { ([tree] + arguments).joined(separator: " ") }
    }

    static let cases: [Case] = [
        // `unshare --pid --fork --mount-proc`: 3691's holder is not visible, so whether python3
        // listens is unknown; that something listens on 3691 is proven.
        Case(tree: "pid-namespace-mounted", status: 1,
             outcomes: ["FAIL high live/nothing-on-3691-anywhere", "UNKNOWN high live/no-python-listeners"],
             messages: ["tcp 0.0.0.0:3691: owner unknown (holder-not-visible)", "sudo hostcheck check --all-namespaces"]),
        // The child namespace over the host's proc root sees every process: no python3
        // listens (a pass), the socket on 3691 without a process fails.
        Case(tree: "pid-namespace-host-proc", status: 1,
             outcomes: ["FAIL high live/nothing-on-3691-anywhere"],
             messages: ["tcp 0.0.0.0:3691 has no owning process, expected no such socket", "1 pass, 0 skip"]),
        // Another network namespace exists and was not read.
        Case(tree: "namespaces-readable", status: 2,
             outcomes: ["UNKNOWN high live/nothing-on-3691-anywhere"],
             messages: [
                "one network namespace only", "1 other network namespace was not read; use --all-namespaces", "1 pass, 0 skip",
             ]),
        // Read: the container's listener on 3691 fails the rule.
        Case(tree: "namespaces-readable", arguments: ["--all-namespaces"], status: 1,
             outcomes: ["FAIL high live/nothing-on-3691-anywhere"],
             messages: ["tcp 0.0.0.0:3691 is owned by magaya-server (pid 1200), expected no such socket"]),
        // One namespace, all of it read: a compliant host passes.
        Case(tree: "namespaces-none", status: 0, outcomes: [], messages: ["2 pass, 0 skip"]),
    ]

    @Test(arguments: cases)
    func outcomes(_ fixture: Case) throws {
        let run = try HostCheckRunner.run(
            ["check", "--proc-root", Self.procRoot(fixture.tree)] + fixture.arguments + [try Self.pack()])
        #expect(run.status == fixture.status, "\(run.stdout)\(run.stderr)")
        let attention = run.stdout.split(separator: "\n").filter { line in
            ["  FAIL", "  UNKNOWN", "  ERROR", "  PASS"].contains { line.hasPrefix($0) }
        }.map { String($0.dropFirst(2)) }
        #expect(attention.map { $0.split(separator: " ").prefix(3).joined(separator: " ") } == fixture.outcomes)
        for message in fixture.messages {
            #expect(run.stdout.contains(message), "missing: \(message)\n\(run.stdout)")
        }
    }
}
