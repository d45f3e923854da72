import Foundation
import HostCheckBuiltinPacks
import HostCheckCore
import Testing
@testable import HostCheckRules

@Suite struct IncludeAndVariableTests {
    typealias T = TestSupport

    static let directory = T.fixtures.appendingPathComponent("includes").path
    static let builtins = BuiltinPacks.all.map { PackSource(path: "builtin:\($0.name)", bytes: $0.bytes) }

    private func source(_ name: String) throws -> PackSource {
        let path = Self.directory + "/" + name
        return PackSource(path: path, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func includesAndOverrides() throws {
        let (packs, diagnostics) = PackLoader.load([try source("site.yaml")], options: PackLoadOptions(builtins: Self.builtins))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let loaded = try #require(packs)
        #expect(loaded.packs.map(\.id) == ["baseline", "magaya-network", "site-berlin"])
        let telnet = try #require(loaded.rules.first { $0.id == "no-telnet" })
        #expect(telnet.severity == .critical && telnet.pack == "baseline")
        #expect(telnet.select == .all([.field(.localPort, .integer(2323)), .field(.protocol, .text("tcp", ignoreCase: false)), .field(.state, .text("listening", ignoreCase: false))]))
        #expect(loaded.rules.first { $0.id == "no-ftp" }?.enabled == false)
    }

    @Test func includedFileGivenAlsoOnTheCommandLineLoadsOnceWithOverrides() throws {
        let (packs, diagnostics) = PackLoader.load([try source("baseline.yaml"), try source("site.yaml")], options: PackLoadOptions(builtins: Self.builtins))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(packs?.rules.first { $0.id == "no-telnet" }?.severity == .critical)
        #expect(packs?.packs.count == 3)
    }

    @Test func cyclesMissingFilesAndStrayOverridesAreLocated() throws {
        let (packs, diagnostics) = PackLoader.load([try source("cycle-a.yaml")], options: PackLoadOptions())
        #expect(packs == nil)
        let errors = T.errors(diagnostics).map { $0.replacingOccurrences(of: Self.directory + "/", with: "") }
        #expect(errors.contains { $0.hasPrefix("cycle-b.yaml:3:11: error: include cycle: ") })
        #expect(errors.contains { $0.hasPrefix("cycle-b.yaml:3:25: error: included pack 'missing.yaml' not found") })
        #expect(errors.contains { $0 == "cycle-b.yaml:5:3: error: override for rule 'nope', which no included pack defines" })
    }

    @Test func unknownBuiltinIsLocated() {
        let text = "hostcheck: 1\npack: { id: x, version: '1' }\ninclude: [builtin:magaya-netwrk]\nrules: []\n"
        let (_, diagnostics) = PackLoader.load([T.source(text)], options: PackLoadOptions(builtins: Self.builtins))
        #expect(T.errors(diagnostics) == ["test.yaml:3:11: error: no built-in pack 'magaya-netwrk' (did you mean 'magaya-network'?)"])
    }

    static let typed = T.pack(
        rule: "select: { local_port: $ports }\nexpect: none",
        vars: "vars:\n  ports: { type: [port], default: [22, 23] }\n  host: { type: address }"
    )

    @Test func typedVariablesAreChecked() throws {
        #expect(T.errors(T.load(Self.typed).1).isEmpty)
        let (packs, diagnostics) = T.load(Self.typed, vars: ["test.ports=22,99999"])
        #expect(packs == nil)
        #expect(T.errors(diagnostics) == ["test.yaml:6:3: error: --var 'test.ports=22,99999': variable 'ports' must be a list of ports: port 99999 is outside 0-65535"])
        let badDefault = Self.typed.replacingOccurrences(of: "[22, 23]", with: "[22, x]")
        #expect(T.errors(T.load(badDefault).1) == ["test.yaml:6:35: error: default variable 'ports' must be a list of ports: 'x' is not a port"])
    }

    @Test func typedVariableWithoutValueIsAnErrorWhereUsed() {
        let text = T.pack(rule: "select: { local_address: $host }\nexpect: none", vars: "vars:\n  host: { type: address }")
        #expect(T.errors(T.load(text).1) == ["test.yaml:9:30: error: variable '$host' has no value (set it with --var test.host=... or --vars FILE)"])
        #expect(T.load(text, vars: ["test.host=10.0.0.1"]).1.isEmpty)
    }

    @Test func variableFiles() throws {
        let file = PackSource(path: "vars.yaml", bytes: Array("hostcheck: 1\nvars:\n  test:\n    ports: [80, 443]\n    hots: x\n".utf8))
        let (packs, diagnostics) = PackLoader.load([T.source(Self.typed)], options: PackLoadOptions(variableFiles: [file]))
        #expect(packs == nil)
        #expect(T.errors(diagnostics) == ["vars.yaml:5:5: error: pack 'test' has no variable 'hots' (did you mean 'host'?)"])
        let good = PackSource(path: "vars.yaml", bytes: Array("hostcheck: 1\nvars:\n  test:\n    ports: [80, 443]\n".utf8))
        let loaded = try #require(PackLoader.load([T.source(Self.typed)], options: PackLoadOptions(variableOverrides: ["test.ports=8080"], variableFiles: [good])).packs)
        #expect(loaded.packs.first?.variables["ports"] == .list(["8080"]))
        let fileOnly = try #require(PackLoader.load([T.source(Self.typed)], options: PackLoadOptions(variableFiles: [good])).packs)
        #expect(fileOnly.packs.first?.variables["ports"] == .list(["80", "443"]))
    }
}

@Suite struct MetadataTests {
    typealias T = TestSupport

    @Test func complianceMappings() throws {
        let text = T.pack(rule: "select: { local_port: 23 }\nexpect: none\ncompliance: { cis: ['2.2.18'], nist_800_53: [CM-7, SC-8] }")
        let rule = try #require(T.load(text).0?.rules.first)
        #expect(rule.compliance == ["cis": ["2.2.18"], "nist_800_53": ["CM-7", "SC-8"]])
        let bad = T.pack(rule: "select: { local_port: 23 }\nexpect: none\ncompliance: { pci: ['1.1'] }")
        #expect(T.errors(T.load(bad).1) == ["test.yaml:10:19: error: unknown key 'pci' in compliance (did you mean 'pci_dss'?)"])
    }

    @Test func knowledgeOfAPort() throws {
        let packs = try BuiltinPackTests.magaya()
        let known = packs.knowledge(port: 3691, protocol: .tcp)
        #expect(known.services.map(\.service.name) == ["magaya-network"])
        #expect(known.rules.map(\.id) == ["magaya-3691-owner"])
        #expect(packs.knowledge(port: 3692, protocol: nil).rules.isEmpty)
        #expect(packs.knowledge(port: 3691, protocol: nil).services.count == 1)
    }
}

@Suite struct UnusedVariableTests {
    @Test func unusedVariablesAreWarnedAbout() {
        let text = TestSupport.pack(rule: "select: { local_port: $used }\nexpect: none", vars: "vars:\n  used: 22\n  spare: [a]")
        let (packs, diagnostics) = TestSupport.load(text)
        #expect(packs != nil)
        #expect(diagnostics.map(\.description) == ["test.yaml:7:3: warning: variable 'spare' is not used by any rule"])
    }
}
