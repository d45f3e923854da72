import Foundation
import HostCheckCore
import Testing
@testable import HostCheckRules

/// `--var` wins over an including pack's `overrides:` (with a warning), the run records the
/// variables each pack used, and a pack's waiver policy is enforced at run time
/// (docs/rule-packs.md, "Includes and overrides", "Waiver policy").
@Suite struct VariablePrecedenceTests {
    static let baseline = """
        hostcheck: 1
        pack: { id: baseline, version: 1.0.0 }
        vars:
          telnet_port: { type: port, default: 23 }
        rules:
          - id: no-telnet
            select: { protocol: tcp, local_port: $telnet_port, state: listening }
            expect: none
        """
    static let site = """
        hostcheck: 1
        pack: { id: site, version: 1.0.0 }
        include: [baseline.yaml]
        overrides:
          no-telnet:
            vars: { telnet_port: 2323 }
        waivers: { require_expiry: true, max_days: 30 }
        rules:
          - id: no-rdp
            select: { protocol: tcp, local_port: 3389, state: listening }
            expect: none
        """

    static func load(vars: [String]) -> (LoadedPacks?, [Diagnostic]) {
        let files = ["baseline.yaml": Array(baseline.utf8)]
        let options = PackLoadOptions(variableOverrides: vars, readFile: { files[String($0.split(separator: "/").last ?? "")] })
        return PackLoader.load([PackSource(path: "site.yaml", bytes: Array(site.utf8))], options: options)
    }

    static func outcome(_ packs: LoadedPacks, port: Int) throws -> Outcome? {
        let evaluator = try Evaluator(packs: packs, filter: .none, waivers: nil, now: Date(timeIntervalSince1970: 0))
        let snapshot = TestSupport.snapshot([TestSupport.socket(.tcp, "0.0.0.0", port)], platform: .linux)
        return evaluator.evaluate(snapshot).results.first { $0.rule == "no-telnet" }?.outcome
    }

    @Test func withoutTheCommandLineTheOverrideApplies() throws {
        let (packs, diagnostics) = Self.load(vars: [])
        let loaded = try #require(packs)
        #expect(diagnostics.isEmpty && loaded.overriddenOverrides.isEmpty)
        #expect(try Self.outcome(loaded, port: 2323) == .fail)
        #expect(try Self.outcome(loaded, port: 2424) == .pass)
        let baseline = try #require(loaded.packInfos.first { $0.id == "baseline" })
        #expect(baseline.variables == ["telnet_port": .scalar("23")])
        #expect(baseline.ruleVariables == ["no-telnet": ["telnet_port": .scalar("2323")]])
    }

    @Test func theCommandLineWinsWithAWarningAndIsRecorded() throws {
        let (packs, diagnostics) = Self.load(vars: ["baseline.telnet_port=2424"])
        let loaded = try #require(packs)
        let warning = try #require(loaded.overriddenOverrides.first)
        #expect(warning.description.hasPrefix("site.yaml:5:3: warning: override for rule 'no-telnet' sets variable 'telnet_port', but --var 'baseline.telnet_port=2424' sets it too"))
        #expect(diagnostics.contains(warning))
        #expect(try Self.outcome(loaded, port: 2424) == .fail)
        #expect(try Self.outcome(loaded, port: 2323) == .pass)
        let baseline = try #require(loaded.packInfos.first { $0.id == "baseline" })
        #expect(baseline.variables == ["telnet_port": .scalar("2424")])
        #expect(baseline.ruleVariables.isEmpty)
    }

    static func waiver(_ expires: String?, line: Int) -> Waiver {
        Waiver(
            rule: "no-telnet", hosts: [], reason: "test", expires: expires,
            expiresAt: expires.flatMap { try? Waiver.endOfDay($0).get() }, location: SourceLocation(file: "w.yaml", line: line))
    }

    @Test func aWaiverWithinThePolicyAppliesOneOutsideIsAnErrorAndNeverApplies() throws {
        let loaded = try #require(Self.load(vars: []).0)
        let now = try #require(try? Waiver.endOfDay("2026-12-05").get()).advanced(by: -86_399)
        let snapshot = TestSupport.snapshot([TestSupport.socket(.tcp, "0.0.0.0", 2323)], platform: .linux)
        for (waiver, applies) in [(Self.waiver("2026-12-20", line: 3), true), (Self.waiver(nil, line: 6), false), (Self.waiver("2027-02-01", line: 9), false)] {
            let set = WaiverSet(waivers: [waiver], file: "w.yaml", sha256: "")
            let evaluator = try Evaluator(packs: loaded, filter: .none, waivers: set, now: Date(timeIntervalSince1970: now))
            let result = try #require(evaluator.evaluate(snapshot).results.first { $0.rule == "no-telnet" })
            #expect(result.outcome == (applies ? .waived : .fail), "\(waiver)")
            #expect(evaluator.diagnostics.contains { $0.severity == .error } == !applies, "\(evaluator.diagnostics)")
        }
    }
}
