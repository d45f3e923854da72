import Foundation
import HostCheckBuiltinPacks
import HostCheckCore
import Testing
@testable import HostCheckRules

@Suite struct BuiltinPackTests {
    typealias T = TestSupport

    static func magaya() throws -> LoadedPacks {
        let url = T.packageRoot.appendingPathComponent("rules/magaya-network.yaml")
        let source = PackSource(path: "rules/magaya-network.yaml", bytes: [UInt8](try Data(contentsOf: url)))
        let (packs, diagnostics) = PackLoader.load([source], variableOverrides: [])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return try #require(packs)
    }

    @Test(arguments: [
        (String?("nc64.exe"), Ownership.owned, Outcome.fail),
        ("MagayaNetworkService.exe", .owned, .pass),
        ("Magaya.exe", .owned, .pass),
        ("magaya-server", .owned, .pass),
        (nil, .unknown, .unknown),
    ])
    func magayaPack(owner: String?, ownership: Ownership, expected: Outcome) throws {
        let evaluator = try Evaluator(packs: try Self.magaya(), filter: .none, waivers: nil, now: Date())
        let socket = T.socket(ownership: ownership, reason: ownership == .unknown ? .captureHasNoOwners : nil, pids: owner == nil ? [] : [6120])
        let processes = owner.map { [T.process(6120, $0)] } ?? []
        let result = try #require(evaluator.evaluate(T.snapshot([socket], processes)).results.first)
        #expect(result.rule == "magaya-3691-owner" && result.severity == .high)
        #expect(result.outcome == expected, "\(result.message)")
        if expected == .fail { #expect(result.message.contains("nc64.exe (pid 6120)")) }
    }

    @Test func magayaPassesWithoutAListener() throws {
        let evaluator = try Evaluator(packs: try Self.magaya(), filter: .none, waivers: nil, now: Date())
        let other = T.socket(.tcp, "0.0.0.0", 445, pids: [4])
        #expect(evaluator.evaluate(T.snapshot([other])).results.first?.outcome == .pass)
    }

    @Test func magayaImagesCanBeOverridden() throws {
        let url = T.packageRoot.appendingPathComponent("rules/magaya-network.yaml")
        let source = PackSource(path: "rules/magaya-network.yaml", bytes: [UInt8](try Data(contentsOf: url)))
        let packs = try #require(PackLoader.load([source], variableOverrides: ["magaya-network.magaya_images=nc*"]).packs)
        let evaluator = try Evaluator(packs: packs, filter: .none, waivers: nil, now: Date())
        let snapshot = T.snapshot([T.socket(pids: [1])], [T.process(1, "nc64.exe")])
        #expect(evaluator.evaluate(snapshot).results.first?.outcome == .pass)
    }

    @Test func everyBuiltinPackLoadsCleanly() {
        let sources = BuiltinPacks.all.map { PackSource(path: "builtin:\($0.name)", bytes: $0.bytes) }
        #expect(!sources.isEmpty)
        let (packs, diagnostics) = PackLoader.load(sources, variableOverrides: [])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        #expect(packs?.packs.count == sources.count)
    }

    @Test func embeddedListEqualsRulesDirectory() throws {
        let directory = T.packageRoot.appendingPathComponent("rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)            .filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".example.yaml") }.sorted()
        #expect(BuiltinPacks.all.map(\.name) == names, "templates (*.example.yaml) are the only files left out")
        for file in BuiltinPacks.all {
            let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(file.name)))
            #expect(bytes == file.bytes, "\(file.name) differs from the embedded copy")
        }
    }
}
