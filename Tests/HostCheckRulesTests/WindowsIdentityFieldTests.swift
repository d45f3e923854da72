import HostCheckCore
import Testing
@testable import HostCheckRules

/// `owner.image`, `owner.signer` and `owner.signature_status` (docs/rule-packs.md, "Windows
/// identity: signer, signature status, sha256 and image").
@Suite struct WindowsIdentityFieldTests {
    static let magaya = "CN=Magaya Corporation, O=Magaya Corporation, L=Doral, S=Florida, C=US"

    static func host(_ process: ProcessFact?) -> Snapshot {
        TestSupport.snapshot(
            [TestSupport.socket(.tcp, "0.0.0.0", 3691, pids: [2044])], process.map { [$0] } ?? [], platform: .windows)
    }

    static func process(
        name: String? = "magaya.exe", truncated: Bool = false, path: String? = nil, status: String? = nil, signer: String? = nil
    ) -> ProcessFact {
        ProcessFact(
            pid: 2044, name: name, nameTruncated: truncated, path: path,
            identity: ProcessIdentity(signer: signer, signatureStatus: status), source: SourceLocation(file: "c", line: 1))
    }

    static func outcome(_ expect: String, _ process: ProcessFact?) -> RuleResult? {
        TestSupport.outcome(TestSupport.pack(rule: "select: { local_port: 3691 }\nexpect: { owner: \(expect) }"), host(process))
    }

    /// Valid and signed by Magaya (CN or O): pass; evidence that the file is not validly signed
    /// by Magaya: fail; no evidence either way: unknown, never pass.
    @Test(arguments: [
        ("{ signer: Magaya Corporation }", Optional(process(status: "Valid", signer: magaya)), Outcome.pass),
        ("{ signer: Magaya Corporation }", process(status: "Valid", signer: "O=Magaya Corporation, C=US"), .pass),
        (#"{ signer: "Magaya, Inc." }"#, process(status: "Valid", signer: #"CN="Magaya, Inc.", C=US"#), .pass),
        ("{ signer: Magaya }", process(status: "Valid", signer: magaya), .fail),
        ("{ signer: magaya corporation }", process(status: "Valid", signer: magaya), .fail),
        ("{ signer: { equals: magaya corporation, ignore_case: true } }", process(status: "Valid", signer: magaya), .pass),
        ("{ signer: Magaya Corporation }", process(status: "Valid", signer: "CN=Python Software Foundation"), .fail),
        ("{ signer: Florida }", process(status: "Valid", signer: magaya), .fail),
        ("{ signer: Magaya Corporation }", process(status: "NotSigned"), .fail),
        ("{ signer: Magaya Corporation }", process(status: "HashMismatch", signer: magaya), .fail),
        ("{ signer: Magaya Corporation }", process(status: "NotTrusted", signer: "CN=Magaya Corporation"), .fail),
        ("{ signer: Magaya Corporation }", process(status: "UnknownError", signer: magaya), .unknown),
        ("{ signer: Magaya Corporation }", process(status: "Valid"), .unknown),
        ("{ signer: Magaya Corporation }", process(status: "Valid", signer: "Magaya Corporation"), .unknown),
        ("{ signer: Magaya Corporation }", process(), .unknown),
        ("{ signer: Magaya Corporation }", nil, .unknown),
        ("{ signer: { not: Magaya Corporation } }", process(), .unknown),
        ("{ signature_status: Valid }", process(status: "Valid", signer: magaya), .pass),
        ("{ signature_status: Valid }", process(status: "NotSigned"), .fail),
        ("{ signature_status: Valid }", process(), .unknown),
    ])
    func signerAndStatus(_ expect: String, _ process: ProcessFact?, _ outcome: Outcome) throws {
        let result = try #require(Self.outcome(expect, process))
        #expect(result.outcome == outcome, "\(expect): \(result.message)")
    }

    /// The image is named alike whatever the source; a cut name is a prefix.
    @Test(arguments: [
        ("{ image: svchost }", Optional(process(name: "svchost")), Outcome.pass),
        ("{ image: svchost }", process(name: "SVCHOST.EXE"), .pass),
        ("{ image: svchost }", process(name: "svchost", path: #"C:\Windows\system32\svchost.exe"#), .pass),
        ("{ image: svchost }", process(name: "svchost", path: #"C:\Users\Public\nc64.exe"#), .fail),
        ("{ image: { glob: svc* } }", process(name: "svchost.exe"), .pass),
        ("{ image: { regex: '^svchost$' } }", process(name: "svchost.exe"), .pass),
        ("{ image: svchost.exe }", process(name: "svchost.exe"), .fail),
        ("{ image: svchost }", process(name: "svchost.exe.exe"), .fail),
        ("{ image: svchost }", process(name: "svchost.e", truncated: true), .unknown),
        ("{ image: svchost }", process(name: "svch", truncated: true), .unknown),
        ("{ image: svchost }", process(name: "plink.ex", truncated: true), .fail),
        ("{ image: { regex: '^svchost$' } }", process(name: "svchost.e", truncated: true), .unknown),
        ("{ image: magaya-server }", process(name: "magaya-serve", path: "/opt/magaya/bin/magaya-server"), .pass),
        ("{ image: svchost }", process(name: nil), .unknown),
    ])
    func image(_ expect: String, _ process: ProcessFact?, _ outcome: Outcome) throws {
        let result = try #require(Self.outcome(expect, process))
        #expect(result.outcome == outcome, "\(expect): \(result.message)")
    }

    @Test(arguments: [
        (magaya, ["Magaya Corporation", "Magaya Corporation"]),
        (#"CN="Magaya, Inc.", O="A ""quoted"" name""#, ["Magaya, Inc.", #"A "quoted" name"#]),
        (#"CN=Magaya\, Inc., C=US"#, ["Magaya, Inc."]),
        ("C=US, L=Doral", []),
        ("", []),
        ("Magaya Corporation", []),
    ])
    func subjectNames(_ subject: String, _ names: [String]) {
        #expect(CertificateSubject.names(subject) == names)
    }

    @Test func theFieldsAreTextOwnerFieldsInTheCatalog() throws {
        for name in ["owner.image", "owner.signer", "owner.signature_status"] {
            let field = try #require(RuleVocabulary.builtin.field(named: name))
            #expect(field.isOwnerField && field.kind == .text)
        }
    }
}
