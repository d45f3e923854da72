import Foundation
import HostCheckCore
import Testing
@testable import HostCheckRules

@Suite struct YAMLReaderTests {
    private func read(_ text: String, limits: YAMLLimits = YAMLLimits()) -> YAMLReadResult {
        YAMLReader.read(Array(text.utf8), file: "t.yaml", limits: limits)
    }

    @Test func buildsLocatedTreeWithStyles() throws {
        let result = read("a: no\nb: 'yes'\nc:\n  - 1\n  - [x, \"y\"]\nd: |\n  text\n")
        #expect(result.diagnostics.isEmpty)
        let pairs = try #require(result.root?.pairs)
        #expect(pairs.map(\.key) == ["a", "b", "c", "d"])
        #expect(pairs[0].value.content == .scalar("no", .plain))
        #expect(pairs[0].value.location == SourceLocation(file: "t.yaml", line: 1, column: 4))
        #expect(pairs[1].value.content == .scalar("yes", .singleQuoted))
        #expect(pairs[1].keyLocation == SourceLocation(file: "t.yaml", line: 2, column: 1))
        let items = try #require(pairs[2].value.items)
        #expect(items[0].location == SourceLocation(file: "t.yaml", line: 4, column: 5))
        #expect(items[1].items?.last?.content == .scalar("y", .doubleQuoted))
        #expect(pairs[3].value.content == .scalar("text\n", .literal))
    }

    @Test(arguments: [
        ("a: &x 1\n", "1:4", "anchors are not allowed"),
        ("a: 1\nb: *x\n", "2:4", "aliases are not allowed"),
        ("a: !!str 1\n", "1:4", "tags are not allowed"),
        ("a: !custom 1\n", "1:4", "tags are not allowed"),
        ("base: {x: 1}\nd:\n  <<: {y: 2}\n", "3:3", "merge keys"),
        ("? [a, b]\n: x\n", "1:3", "mapping keys must be scalars"),
        ("a: 1\n---\nb: 2\n", "2:1", "more than one yaml document"),
        ("a:\n  b: 1\n  c: 2\n  b: 3\n", "4:3", "duplicate key 'b' (first at line 2)"),
    ])
    func refuses(text: String, at position: String, message: String) {
        let result = read(text)
        let match = result.diagnostics.first { $0.description.contains(message) }
        #expect(match?.severity == .error)
        #expect(match?.description.hasPrefix("t.yaml:\(position): error:") == true, "\(result.diagnostics)")
    }

    @Test func syntaxErrorCarriesLibyamlProblemAndLocation() throws {
        let result = read("a:\n  b: 1\n c: 2\n")
        let first = try #require(result.diagnostics.first)
        #expect(first.severity == .error)
        #expect(first.location?.line == 3)
        #expect(first.message.hasPrefix("yaml syntax error: "))
    }

    @Test func aliasBombIsRefusedQuickly() {
        var text = "level_0: &level_0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...8 {
            let aliases = Array(repeating: "*level_\(level - 1)", count: 9).joined(separator: ", ")
            text += "level_\(level): &level_\(level) [\(aliases)]\n"
        }
        #expect(text.utf8.count > 800 && text.utf8.count < 1500)
        let start = Date()
        let result = read(text)
        #expect(Date().timeIntervalSince(start) < 0.5)
        #expect(result.diagnostics.contains { $0.message.contains("aliases are not allowed") })
        #expect(result.diagnostics.contains { $0.message.contains("anchors are not allowed") })
    }

    @Test func nonScalarKeyIsRefusedQuickly() {
        let start = Date()
        let result = read("? [a, b]\n: x\n")
        #expect(Date().timeIntervalSince(start) < 0.5)
        #expect(result.hasErrors)
    }

    @Test func depthBombStopsAtTheLimit() throws {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let start = Date()
        let result = read(text)
        #expect(Date().timeIntervalSince(start) < 0.5)
        #expect(result.root == nil)
        let error = try #require(result.diagnostics.first { $0.message.contains("nesting deeper than 64") })
        #expect(error.location?.column == 65)
    }

    @Test func depthAtTheLimitIsAccepted() {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(!read(text).hasErrors)
    }

    @Test func sizeAndNodeCountAreCapped() {
        let big = read("a: 1\n", limits: YAMLLimits(maxBytes: 3))
        #expect(big.diagnostics.first?.message.contains("more than the limit") == true)
        let many = read("[1, 2, 3, 4, 5, 6]", limits: YAMLLimits(maxNodes: 5))
        #expect(many.diagnostics.contains { $0.message.contains("more than 5 yaml nodes") })
        #expect(many.root == nil)
    }

    @Test func messagesEchoAtMostOneShortLine() throws {
        let key = String(repeating: "k", count: 500)
        let result = read("\(key): 1\n\(key): 2\n")
        let message = try #require(result.diagnostics.first).message
        #expect(!message.contains("\n"))
        #expect(message.count < 120)
    }

    @Test func recoversAfterASyntaxErrorToFindMore() {
        let result = read("a:\n  b: 1\n c: 2\nd: &x 3\n")
        #expect(result.recovered)
        #expect(result.diagnostics.contains { $0.location?.line == 3 && $0.message.hasPrefix("yaml syntax error") })
        #expect(result.diagnostics.contains { $0.location?.line == 4 && $0.message.contains("anchors") })
    }

    @Test(arguments: ["", "---\n", "# only a comment\n"])
    func emptyInputHasNoRoot(text: String) {
        let result = read(text)
        #expect(result.root == nil)
        #expect(result.diagnostics.isEmpty)
    }
}

@Suite struct YAMLRefusalSummaryTests {
    @Test func refusalsBeyondTheFirstFewAreCounted() {
        let text = "a: &a 1\nb: [" + Array(repeating: "*a", count: 20).joined(separator: ", ") + "]\n"
        let result = YAMLReader.read(Array(text.utf8), file: "t.yaml")
        let aliases = result.diagnostics.filter { $0.message == "yaml aliases are not allowed" }
        #expect(aliases.count == 3)
        #expect(result.diagnostics.contains { $0.description == "t.yaml:2:17: error: 17 more yaml aliases refused" })
    }
}
