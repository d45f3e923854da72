import Foundation
import HostCheckCore
import Testing
@testable import HostCheckRules

/// `owner.ppid`: a field added as one file and one catalog line.
@Suite struct OwnerPPIDFieldTests {
    static let rule = """
        select: { local_port: 22 }
        expect: { owner: { ppid: 1 } }
        """

    static func sshd(ppid: Int?) -> Snapshot {
        let process = ProcessFact(pid: 812, ppid: ppid, name: "sshd", source: SourceLocation(file: "proc", line: 1))
        return TestSupport.snapshot([TestSupport.socket(.tcp, "0.0.0.0", 22, pids: [812])], [process], platform: .linux)
    }

    /// Started by init: pass; started by another process: fail; parent not read: unknown.
    @Test(arguments: [(Optional(1), Outcome.pass), (Optional(4242), .fail), (nil, .unknown)])
    func parentDecidesTheOutcome(ppid: Int?, outcome: Outcome) throws {
        let result = try #require(TestSupport.outcome(TestSupport.pack(rule: Self.rule), Self.sshd(ppid: ppid)))
        #expect(result.outcome == outcome, "\(result.message)")
    }

    @Test func isAnIntegerOwnerFieldInTheCatalog() throws {
        let field = try #require(RuleVocabulary.builtin.field(named: "owner.ppid"))
        #expect(field.isOwnerField && field.kind == .integer && field.key == "ppid")
        #expect(RuleVocabulary.builtin.matchers(for: field) == ["equals", "range", "not"])
    }
}
