import Foundation
import HostCheckCore
import Testing
@testable import HostCheckRules

/// The owner identity fields and what they do to `owner.name` and `owner.path`
/// (docs/rule-packs.md, "How strong is this identity?").
@Suite struct OwnerIdentityFieldTests {
    static let verified = ProcessIdentity(uid: 998, exeDeleted: false, pathVerified: true, nameMismatch: false)

    static func host(name: String = "magaya-server", path: String? = "/opt/magaya/bin/magaya-server", identity: ProcessIdentity) -> Snapshot {
        let process = ProcessFact(
            pid: 812, ppid: 1, name: name, path: path, user: "magaya", identity: identity, source: SourceLocation(file: "/proc/812"))
        return TestSupport.snapshot([TestSupport.socket(.tcp, "0.0.0.0", 3691, pids: [812])], [process], platform: .linux)
    }

    static func result(_ expect: String, _ snapshot: Snapshot, unknownOwner: String = "unknown") throws -> RuleResult {
        let rule = "select: { local_port: 3691 }\nexpect: { owner: \(expect) }\nunknown_owner: \(unknownOwner)"
        return try #require(TestSupport.outcome(TestSupport.pack(rule: rule), snapshot))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var expect: String
        var name = "magaya-server"
        var path: String? = "/opt/magaya/bin/magaya-server"
        var identity: ProcessIdentity
        var outcome: Outcome
        var message: String
        var testDescription: String { label }
    }

    static let renamed = ProcessIdentity(uid: 65534, exeDeleted: false, pathVerified: true, nameMismatch: true)
    static let notFound = ProcessIdentity(
        uid: 65534, exeDeleted: false, pathVerified: false, pathProblem: "not-found", mountNamespace: 4_026_532_999, nameMismatch: false)
    static let deleted = ProcessIdentity(exeDeleted: true, pathVerified: false, pathProblem: "deleted", nameMismatch: false)

    static let cases: [Case] = [
        Case(label: "honest name passes", expect: "{ name: magaya-server }", identity: verified, outcome: .pass, message: "satisfied"),
        Case(label: "a renamed process's name is unknown, naming both names", expect: "{ name: magaya-server }",
             path: "/usr/bin/python3.11", identity: renamed, outcome: .unknown,
             message: "owner name 'magaya-server' (pid 812) is not its executable's name 'python3.11' (/usr/bin/python3.11): renamed; a path, unit or sha256 rule settles it"),
        Case(label: "a glob on a renamed name is unknown too", expect: "{ name: { glob: \"magaya*\" } }", path: "/usr/bin/python3.11",
             identity: renamed, outcome: .unknown, message: "renamed"),
        Case(label: "a path rule fails the renamed python, saying why", expect: "{ path: /opt/magaya/bin/magaya-server }",
             path: "/usr/bin/python3.11", identity: renamed, outcome: .fail, message: "is not its executable's name 'python3.11'"),
        Case(label: "a verified path passes", expect: "{ path: /opt/magaya/bin/magaya-server }", identity: verified, outcome: .pass,
             message: "satisfied path"),
        Case(label: "a path not found here is unknown", expect: "{ path: /opt/magaya/bin/magaya-server }", identity: notFound,
             outcome: .unknown, message: "not found in hostcheck's mount namespace (the process's mount namespace is mnt:[4026532999])"),
        Case(label: "an exact path on a deleted executable is unknown", expect: "{ path: /opt/magaya/bin/magaya-server }", identity: deleted,
             outcome: .unknown, message: "deleted or replaced"),
        Case(label: "path_verified: true fails a path that does not verify", expect: "{ path_verified: true }", identity: notFound,
             outcome: .fail, message: "not found in hostcheck's mount namespace"),
        Case(label: "exe_deleted: false fails a deleted executable", expect: "{ exe_deleted: false }", identity: deleted, outcome: .fail,
             message: "deleted or replaced"),
        Case(label: "name_mismatch: false fails a rename", expect: "{ name_mismatch: false }", path: "/usr/bin/python3.11",
             identity: renamed, outcome: .fail, message: "renamed"),
        Case(label: "a missing sha256 is unknown and says so", expect: "{ sha256: \"ab\" }", identity: verified, outcome: .unknown,
             message: "the sources record no sha256 for magaya-server (pid 812)"),
        Case(label: "uid", expect: "{ uid: 998 }", identity: verified, outcome: .pass, message: "satisfied uid 998"),
        Case(label: "another uid fails", expect: "{ uid: 0 }", identity: verified, outcome: .fail, message: "expected uid 0"),
        Case(label: "no unit recorded is unknown", expect: "{ unit: magaya.service }", identity: verified, outcome: .unknown,
             message: "the sources record no unit"),
        Case(label: "name_only is false with a path", expect: "{ name_only: false }", identity: verified, outcome: .pass, message: "satisfied"),
        Case(label: "name_only is true without path, hash or signer", expect: "{ name_only: true }", path: nil, identity: ProcessIdentity(),
             outcome: .pass, message: "satisfied"),
        Case(label: "a name-only pass says so", expect: "{ name: magaya-server }", path: nil, identity: ProcessIdentity(), outcome: .pass,
             message: "name only: magaya-server (pid 812) (the sources record no path, sha256 or signer)"),
    ]

    @Test(arguments: cases) func decides(_ test: Case) throws {
        let result = try Self.result(test.expect, Self.host(name: test.name, path: test.path, identity: test.identity))
        #expect(result.outcome == test.outcome, "\(result.message)")
        #expect(result.message.contains(test.message), "\(result.message)")
    }

    /// `unknown_owner: pass` forgives an owner that could not be read, never one whose identity
    /// is in doubt.
    @Test(arguments: ["{ name: magaya-server }", "{ path: /opt/magaya/bin/magaya-server }", "{ sha256: \"ab\" }"])
    func unknownOwnerPassDoesNotForgiveIdentity(expect: String) throws {
        let doubtful = expect.contains("name") ? Self.renamed : expect.contains("path") ? Self.notFound : Self.verified
        let result = try Self.result(expect, Self.host(path: expect.contains("name") ? "/usr/bin/python3.11" : "/opt/magaya/bin/magaya-server",
                                                       identity: doubtful), unknownOwner: "pass")
        #expect(result.outcome == .unknown, "\(result.message)")
    }

    /// Every identity field reads its member; a host that records the member passes a rule on it.
    @Test(arguments: [
        ("owner.uid", "{ uid: 998 }"), ("owner.sha256", "{ sha256: \(String(repeating: "a", count: 64)) }"),
        ("owner.unit", "{ unit: magaya.service }"), ("owner.cgroup", "{ cgroup: { glob: \"/system.slice/*\" } }"),
        ("owner.container_id", "{ container_id: \(String(repeating: "b", count: 64)) }"),
        ("owner.path_verified", "{ path_verified: true }"), ("owner.exe_deleted", "{ exe_deleted: false }"),
        ("owner.name_mismatch", "{ name_mismatch: false }"), ("owner.parent_name", "{ parent_name: systemd }"),
        ("owner.parent_path", "{ parent_path: /usr/lib/systemd/systemd }"),
    ])
    func everyFieldReadsItsMember(field: String, expect: String) throws {
        // The live Linux probe provides each; the Windows capture script records the hash too.
        #expect(RuleVocabulary.builtin.field(named: field)?.providedBy.first == "linux-proc")
        var identity = Self.verified
        identity.sha256 = String(repeating: "a", count: 64)
        identity.unit = "magaya.service"
        identity.cgroup = "/system.slice/magaya.service"
        identity.containerID = String(repeating: "b", count: 64)
        identity.parentName = "systemd"
        identity.parentPath = "/usr/lib/systemd/systemd"
        #expect(try Self.result(expect, Self.host(identity: identity)).outcome == .pass)
        let unread = try Self.result(expect, Self.host(identity: ProcessIdentity()))
        #expect(unread.outcome == .unknown, "\(unread.message)")
    }

    /// A socket held by systemd (socket activation) and its service: systemd is set aside, but
    /// a process that only renamed itself `systemd` is not.
    @Test(arguments: [(false, Outcome.pass), (true, .fail)])
    func aRenamedSupervisorIsJudged(renamed: Bool, outcome: Outcome) throws {
        let supervisor = ProcessFact(
            pid: 1, name: "systemd", path: renamed ? "/usr/bin/python3.11" : "/usr/lib/systemd/systemd",
            identity: ProcessIdentity(exeDeleted: false, pathVerified: true, nameMismatch: renamed), source: SourceLocation(file: "/proc/1"))
        let service = ProcessFact(
            pid: 812, name: "magaya-server", path: "/opt/magaya/bin/magaya-server", identity: Self.verified,
            source: SourceLocation(file: "/proc/812"))
        let snapshot = TestSupport.snapshot([TestSupport.socket(.tcp, "0.0.0.0", 3691, pids: [1, 812])], [supervisor, service], platform: .linux)
        let result = try Self.result("{ path: /opt/magaya/bin/magaya-server }", snapshot)
        #expect(result.outcome == outcome, "\(result.message)")
    }
}
