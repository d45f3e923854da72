import Foundation
import HostCheckCore
import Testing
@testable import HostCheckRules

@Suite struct PackLoaderTests {
    @Test func loadsAFullRule() throws {
        let text = """
        hostcheck: 1
        pack:
          id: demo
          version: 2.1.0
          title: Demo
          references: [https://example.com]
        services:
          - name: magaya-network
            ports: [3691/tcp, 3691/udp]
            description: Magaya
        vars:
          images: ["magaya*", "mgy*"]
          port: 3691
        rules:
          - id: demo-rule
            title: Demo rule
            description: What it checks
            severity: critical
            tags: [a, b]
            references: [https://example.com/r]
            select: { protocol: [tcp, udp], local_port: $port, state: listening }
            expect: { owner: { name: { glob: $images, ignore_case: true } } }
            when_none: fail
            unknown_owner: fail
            supervisors: [systemd, inetd]
            remediation: Stop it.
            enabled: false
            applies_to: { platform: [windows], hosts: ["wh-*"] }
        """
        let (packs, diagnostics) = TestSupport.load(text)
        #expect(diagnostics.isEmpty)
        let pack = try #require(packs?.packs.first)
        #expect(pack.id == "demo" && pack.version == "2.1.0")
        #expect(pack.services.first?.ports.map(\.description) == ["3691/tcp", "3691/udp"])
        #expect(pack.sha256 == SHA256Hex.digest(Array(text.utf8)))
        #expect(pack.sha256.count == 64)
        let rule = try #require(pack.rules.first)
        #expect(rule.severity == .critical && rule.whenNone == .fail && rule.unknownOwner == .fail)
        #expect(rule.supervisors == ["systemd", "inetd"] && !rule.enabled)
        #expect(rule.scope?.platforms == [.windows])
        #expect(rule.location == SourceLocation(file: "test.yaml", line: 15, column: 5))
        #expect(packs?.ruleInfos.first?.id == "demo-rule")
        #expect(packs?.packInfos.first?.sha256 == pack.sha256)
        let expected = Predicate.owner(.field(.ownerName, .anyOf([.glob(Glob("magaya*", ignoreCase: true)!), .glob(Glob("mgy*", ignoreCase: true)!)])))
        #expect(rule.expect == .predicate(expected))
    }

    @Test func defaults() throws {
        let (packs, _) = TestSupport.load(TestSupport.pack(rule: "select: { local_port: 23 }\nexpect: none"))
        let rule = try #require(packs?.packs.first?.rules.first)
        #expect(rule.severity == .medium && rule.whenNone == .pass && rule.unknownOwner == .unknown)
        #expect(rule.supervisors == ["systemd"] && rule.enabled && rule.expect == .nothing)
    }

    @Test func plainScalarsTakeTheTypeOfTheirField() throws {
        let (packs, diagnostics) = TestSupport.load(TestSupport.pack(rule: "select: { owner: { name: no } }\nexpect: { owner: { kernel: true } }"))
        #expect(diagnostics.isEmpty)
        let rule = try #require(packs?.packs.first?.rules.first)
        #expect(rule.select == .owner(.field(.ownerName, .text("no", ignoreCase: false))))
        #expect(rule.expect == .predicate(.owner(.field(.ownerKernel, .boolean(true)))))
    }

    /// Each mistake, with the exact position it must be reported at.
    @Test(arguments: [
        ("select: { local_prot: 23 }\nexpect: none", "test.yaml:8:15: error: unknown field 'local_prot' in select (did you mean 'local_port'?)"),
        ("slect: { local_port: 23 }\nexpect: none", "test.yaml:8:5: error: unknown key 'slect' in a rule (did you mean 'select'?)"),
        ("select: { local_port: 70000 }\nexpect: none", "test.yaml:8:27: error: port 70000 is outside 0-65535, so this can never match"),
        ("select: { local_address: { cidr: 10.0.0.0/33 } }\nexpect: none", "test.yaml:8:38: error: invalid cidr '10.0.0.0/33' (expected e.g. 10.0.0.0/8 or fe80::/10)"),
        ("select: { owner: { name: { regex: 'a(' } } }\nexpect: none", "test.yaml:8:39: error: invalid regular expression 'a(' at character 2: missing ')' for the group opened here; write \\( for a literal parenthesis"),
        ("select: { state: listen }\nexpect: none", "test.yaml:8:22: error: unknown state 'listen' (did you mean 'listening'?)"),
        ("select: { owner: { kernel: yes } }\nexpect: none", "test.yaml:8:32: error: owner.kernel must be true or false, found 'yes'"),
        ("select: { local_port: $nope }\nexpect: none", "test.yaml:8:27: error: undefined variable '$nope'"),
        ("select: { local_port: 23 }\nexpect: maybe", "test.yaml:9:13: error: expect must be a mapping of fields or 'none'"),
        ("select: { local_port: { range: 9-1 } }\nexpect: none", "test.yaml:8:36: error: invalid range '9-1': 9 is above 1"),
        ("select: { local_port: { glob: '2*' } }\nexpect: none", "test.yaml:8:29: error: glob cannot be used on local_port (use equals, range, not)"),
        ("select: { owner: { nam: x } }\nexpect: none", "test.yaml:8:24: error: unknown owner field 'nam' in select (did you mean 'name'?)"),
        ("select: { local_port: 22 }\nexpect: none\nseverity: hgh", "test.yaml:10:15: error: unknown severity 'hgh' (did you mean 'high'?)"),
        ("expect: none", "test.yaml:7:5: error: a rule is missing required key 'select'"),
        ("select: { owner: { name: { glob: a, regex: b } } }\nexpect: none", "test.yaml:8:30: error: a matcher takes one of equals, glob, regex, range, cidr, not (found glob and regex); use any: for alternatives"),
    ])
    func reportsMistakesAtTheirPosition(rule: String, expected: String) {
        let (packs, diagnostics) = TestSupport.load(TestSupport.pack(rule: rule))
        #expect(packs == nil)
        #expect(TestSupport.errors(diagnostics).contains(expected), "\(diagnostics)")
    }

    @Test func unknownVersionIsAnError() {
        let (packs, diagnostics) = TestSupport.load("hostcheck: 2\npack: {id: x, version: '1'}\nrules: []\n")
        #expect(packs == nil)
        #expect(TestSupport.errors(diagnostics) == ["test.yaml:1:12: error: unsupported pack format version '2' (this hostcheck reads version 1)"])
    }

    @Test func wildcardLocalAddressIsALintWarning() throws {
        let (packs, diagnostics) = TestSupport.load(TestSupport.pack(rule: "select: { local_address: 0.0.0.0 }\nexpect: none"))
        #expect(packs != nil)
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.description.hasPrefix("test.yaml:8:30: warning: local_address 0.0.0.0"))
        #expect(warning.message.contains("exposure: any"))
    }

    @Test func lintFindsEveryErrorInOneRun() throws {
        let url = TestSupport.fixtures.appendingPathComponent("packs/three-mistakes.yaml")
        let source = PackSource(path: "rules/x.yaml", bytes: [UInt8](try Data(contentsOf: url)))
        let (packs, diagnostics) = PackLoader.load([source], variableOverrides: [])
        #expect(packs == nil)
        let errors = TestSupport.errors(diagnostics)
        #expect(errors.count == 3, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("rules/x.yaml:13:5: error: unknown key 'titel' in a rule (did you mean 'title'?)") })
        #expect(errors.contains { $0.hasPrefix("rules/x.yaml:19:6: error: yaml syntax error:") })
        #expect(errors.contains { $0.hasPrefix("rules/x.yaml:24:30: error: invalid cidr '10.0.0.0/40'") })
        #expect(diagnostics.map(\.location?.line) == diagnostics.map(\.location?.line).sorted { ($0 ?? 0) < ($1 ?? 0) })
    }

    @Test func errorsInSeveralPacksAreAllReported() {
        let a = TestSupport.source(TestSupport.pack(rule: "select: { local_port: x }\nexpect: none"), path: "a.yaml")
        let b = TestSupport.source(TestSupport.pack(rule: "select: { state: lisen }\nexpect: none").replacingOccurrences(of: "id: test", with: "id: test2"), path: "b.yaml")
        let (packs, diagnostics) = PackLoader.load([a, b], variableOverrides: [])
        #expect(packs == nil)
        #expect(diagnostics.map { $0.location?.file } == ["a.yaml", "b.yaml"])
    }

    @Test func duplicateRuleIdsAcrossPacksAreErrors() {
        let a = TestSupport.source(TestSupport.pack(rule: "select: { local_port: 1 }\nexpect: none"), path: "a.yaml")
        let b = TestSupport.source(TestSupport.pack(rule: "select: { local_port: 1 }\nexpect: none").replacingOccurrences(of: "id: test", with: "id: other"), path: "b.yaml")
        let (packs, diagnostics) = PackLoader.load([a, b], variableOverrides: [])
        #expect(packs == nil)
        #expect(TestSupport.errors(diagnostics).first?.hasPrefix("b.yaml:7:5: error: duplicate rule id 'r'") == true)
    }

    @Test func variableOverrides() throws {
        let text = TestSupport.pack(rule: "select: { local_port: 3691 }\nexpect: { owner: { name: { glob: $images } } }", vars: "vars:\n  images: [\"magaya*\"]")
        let (packs, diagnostics) = TestSupport.load(text, vars: ["test.images=nc*, x*"])
        #expect(diagnostics.isEmpty)
        let rule = try #require(packs?.packs.first?.rules.first)
        #expect(rule.expect == .predicate(.owner(.field(.ownerName, .anyOf([.glob(Glob("nc*")!), .glob(Glob("x*")!)])))))
        #expect(packs?.packs.first?.variables["images"] == .list(["nc*", "x*"]))
        let bare = TestSupport.load(text, vars: ["images=a*"])
        #expect(bare.1.isEmpty && bare.0?.packs.first?.variables["images"] == .list(["a*"]))
        for (bad, message) in [
            ("nope.images=x", "no loaded pack has id 'nope'"),
            ("test.imagez=x", "pack 'test' has no variable 'imagez' (did you mean 'images'?)"),
            ("missing-equals", "expected PACK.NAME=VALUE or NAME=VALUE"),
            ("nothing=x", "no loaded pack has a variable 'nothing'"),
        ] {
            let (failed, found) = TestSupport.load(text, vars: [bad])
            #expect(failed == nil)
            #expect(found.contains { $0.message.contains(message) }, "\(found)")
        }
    }

    @Test func sourcesExpandDirectoriesAndReportMissingPaths() throws {
        let directory = TestSupport.fixtures.appendingPathComponent("packs").path
        let sources = try PackLoader.sources(paths: [directory])
        #expect(sources.map { URL(fileURLWithPath: $0.path).lastPathComponent } == sources.map { URL(fileURLWithPath: $0.path).lastPathComponent }.sorted())
        #expect(sources.allSatisfy { $0.path.hasSuffix(".yaml") } && !sources.isEmpty)
        #expect(throws: PackSourceError.self) { try PackLoader.sources(paths: [directory + "/missing.yaml"]) }
        do {
            _ = try PackLoader.sources(paths: ["/nonexistent/dir"])
        } catch {
            #expect(error.code == .notFound)
        }
    }
}

@Suite struct LintTests {
    @Test func tenMistakesGiveTenLocatedErrorsInOneRun() throws {
        let url = TestSupport.fixtures.appendingPathComponent("packs/ten-mistakes.yaml")
        let source = PackSource(path: "rules/ten.yaml", bytes: [UInt8](try Data(contentsOf: url)))
        let diagnostics = PackLoader.lint([source], variableOverrides: [])
        let errors = TestSupport.errors(diagnostics)
        #expect(errors == [
            "rules/ten.yaml:9:5: error: unknown key 'titel' in a rule (did you mean 'title'?)",
            "rules/ten.yaml:13:27: error: port 70000 is outside 0-65535, so this can never match",
            "rules/ten.yaml:16:38: error: invalid cidr '10.0.0.0/40' (expected e.g. 10.0.0.0/8 or fe80::/10)",
            "rules/ten.yaml:19:39: error: invalid regular expression '(unclosed' at character 1: missing ')' for the group opened here; write \\( for a literal parenthesis",
            "rules/ten.yaml:22:22: error: unknown state 'listen' (did you mean 'listening'?)",
            "rules/ten.yaml:25:27: error: undefined variable '$admin_prots' (did you mean 'admin_ports'?)",
            "rules/ten.yaml:28:29: error: glob cannot be used on local_port (use equals, range, not)",
            "rules/ten.yaml:33:15: error: unknown severity 'urgent' (expected info, low, medium, high, critical)",
            "rules/ten.yaml:34:5: error: duplicate rule id 'one' (first at line 8)",
            "rules/ten.yaml:39:32: error: owner.kernel must be true or false, found 'yes'",
            "rules/ten.yaml:43:6: error: yaml syntax error: did not find expected key (while parsing a block mapping at line 40, column 5)",
        ], "\(errors)")
        let warnings = diagnostics.filter { $0.severity == .warning }.map(\.message)
        #expect(warnings == ["variable 'admin_ports' is not used by any rule"]
            + ["one", "eight", "eleven"].map { "rule '\($0)' has no examples (add examples: so `hostcheck test` can check it)" })
    }

    static let mutationInputs: [String] = ["rules/magaya-network.yaml", "docs/rule-packs.md"]

    @Test(arguments: mutationInputs)
    func mutatedPacksNeverCrashTheLoader(file: String) throws {
        let url = TestSupport.packageRoot.appendingPathComponent(file)
        var original = [UInt8](try Data(contentsOf: url))
        if file.hasSuffix(".md") {
            let block = try #require(DocumentationTests.blocks.first { $0.text.contains("id: matchers,") })
            original = Array(block.text.utf8)
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let alphabet = Array("{}[]:-,&*!|>'\"#\n $%?<".utf8)
        var rejected = 0
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + next() % 4) {
                let index = next() % bytes.count
                bytes[index] = next() % 3 == 0 ? UInt8(truncatingIfNeeded: next()) : alphabet[next() % alphabet.count]
            }
            let result = PackLoader.load([PackSource(path: "m.yaml", bytes: bytes)], variableOverrides: [])
            _ = WaiverLoader.load(PackSource(path: "w.yaml", bytes: bytes))
            if let packs = result.packs { _ = PackTester.run(packs) }
            if result.packs == nil {
                rejected += 1
                #expect(result.diagnostics.contains { $0.severity == .error })
                #expect(result.diagnostics.allSatisfy { !$0.message.contains("\n") })
            }
        }
        #expect(rejected > 0)
    }
}

@Suite struct PathTextTests {
    @Test(arguments: [("x", ""), ("a/b.yaml", "a"), ("/a", "/"), ("/a/b/c", "/a/b"), ("", "")])
    func directory(path: String, expected: String) {
        #expect(PathText.directory(of: path) == expected)
    }

    @Test(arguments: [("a/./b/../c.yaml", "a/c.yaml"), ("/x//y/../z", "/x/z"), ("../a", "../a"), ("x", "x")])
    func normalize(path: String, expected: String) {
        #expect(PathText.normalize(path) == expected)
    }

    @Test func singleCharacterPathLoads() {
        let text = "hostcheck: 1\npack: { id: x, version: '1' }\nrules: []\n"
        #expect(PackLoader.load([PackSource(path: "x", bytes: Array(text.utf8))], variableOverrides: []).packs != nil)
    }
}

@Suite struct DottedOwnerKeyTests {
    @Test func dottedOwnerKeysMeanOneOwnerMapping() throws {
        let dotted = TestSupport.pack(rule: "select: { local_port: 22, owner.name: sshd, owner.user: root }\nexpect: none")
        let nested = TestSupport.pack(rule: "select: { local_port: 22, owner: { name: sshd, user: root } }\nexpect: none")
        let a = try #require(TestSupport.load(dotted).0?.rules.first)
        let b = try #require(TestSupport.load(nested).0?.rules.first)
        #expect(a.select == b.select)
        let typo = TestSupport.pack(rule: "select: { owner.nme: x }\nexpect: none")
        #expect(TestSupport.errors(TestSupport.load(typo).1).first?.contains("did you mean 'owner.name'?") == true)
    }
}

@Suite struct NeverMatchingSelectTests {
    @Test(arguments: [
        ("select: { protocol: tcp, all: [{ protocol: udp }] }", true),
        ("select: { state: listening, any: [{ state: established }, { state: { not: listening } }] }", true),
        ("select: { state: listening, any: [{ state: established }, { local_port: 1 }] }", false),
        ("select: { protocol: tcp, none: [{ protocol: tcp }] }", false),
    ])
    func contradictorySelectsAreWarnedAbout(select: String, warned: Bool) {
        let (packs, diagnostics) = TestSupport.load(TestSupport.pack(rule: "\(select)\nexpect: none"))
        #expect(packs != nil)
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.hasPrefix("select can never match") } == warned, "\(diagnostics)")
    }
}
