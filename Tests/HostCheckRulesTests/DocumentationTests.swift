import Foundation
import HostCheckBuiltinPacks
import HostCheckCore
import Testing
@testable import HostCheckRules

/// Runs every YAML example of docs/rule-packs.md, so the reference cannot rot.
@Suite struct DocumentationTests {
    struct Block: Sendable, CustomStringConvertible {
        var text: String
        var line: Int
        var description: String { "docs/rule-packs.md:\(line)" }
        var firstLine: String { text.split(separator: "\n").first.map(String.init) ?? "" }
        var fileName: String? {
            firstLine.hasPrefix("# file: ") ? String(firstLine.dropFirst("# file: ".count)) : nil
        }
    }

    static let blocks: [Block] = {
        let url = TestSupport.packageRoot.appendingPathComponent("docs/rule-packs.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var blocks: [Block] = []
        var current: [Substring]?
        var start = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current == nil, line == "```yaml" {
                current = []
                start = index + 2
            } else if let lines = current, line == "```" {
                blocks.append(Block(text: lines.joined(separator: "\n") + "\n", line: start))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }()

    static let builtins = BuiltinPacks.all.map { PackSource(path: "builtin:\($0.name)", bytes: $0.bytes) }

    @Test func documentHasExamples() {
        #expect(Self.blocks.count >= 10)
    }

    @Test(arguments: blocks)
    func exampleIsValid(block: Block) throws {
        let named = Dictionary(Self.blocks.compactMap { b in b.fileName.map { ($0, Array(b.text.utf8)) } }) { first, _ in first }
        let options = PackLoadOptions(builtins: Self.builtins, readFile: { path in named[String(path.split(separator: "/").last ?? "")] })
        // Leading blank lines make every diagnostic point at the line in the document.
        let padded = String(repeating: "\n", count: block.line - 1) + block.text
        let source = PackSource(path: "docs/rule-packs.md", bytes: Array(padded.utf8))
        if block.firstLine == "# lint: errors" {
            let errors = PackLoader.lint([source], options: options).filter { $0.severity == .error }
            #expect(errors.count >= 3, "\(errors)")
        } else if block.text.hasPrefix("hostcheck: 1\nwaivers:") {
            let (waivers, diagnostics) = WaiverLoader.load(source)
            #expect(waivers != nil && diagnostics.isEmpty, "\(diagnostics)")
        } else if block.text.hasPrefix("hostcheck: 1\nvars:") {
            let (_, diagnostics) = VariableFileLoader.load(source)
            #expect(diagnostics.isEmpty, "\(diagnostics)")
        } else {
            var packSource = source
            if block.text.hasPrefix("  - id:") {
                let wrapped = "hostcheck: 1\npack: { id: fragment, version: '1' }\nvars:\n  magaya_images: ['magaya*']\nrules:\n" + block.text
                packSource = PackSource(path: block.description, bytes: Array(wrapped.utf8))
            }
            let (packs, diagnostics) = PackLoader.load([packSource], options: options)
            #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
            let loaded = try #require(packs)
            let report = PackTester.run(loaded)
            #expect(report.failed == 0, "\(report.render())")
        }
    }

    @Test func shapesHaveAPassAFailAndAnUnknownExample() throws {
        let block = try #require(Self.blocks.first { $0.text.contains("id: shapes,") })
        let packs = try #require(PackLoader.load([PackSource(path: "shapes", bytes: Array(block.text.utf8))], variableOverrides: []).packs)
        let report = PackTester.run(packs)
        #expect(report.results.count == 12 && report.failed == 0)
        for rule in packs.rules {
            #expect(Set(report.results.filter { $0.rule == rule.id }.map(\.expectedOutcome)) == [.pass, .fail, .unknown])
        }
    }
}
