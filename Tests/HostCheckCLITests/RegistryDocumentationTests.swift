import Foundation
import HostCheckCore
import Testing
@testable import HostCheckCLI

/// The docs' tables and the JSON Schema's enums name exactly what the registry holds, so a
/// capability cannot be added, renamed or dropped without its documentation.
@Suite struct RegistryDocumentationTests {
    static let registry = Registry.builtin

    static func document(_ path: String) throws -> [Substring] {
        let url = HostCheckRunner.packageRoot.appendingPathComponent(path)
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The backticked words of `text`, in order.
    static func codeSpans(_ text: Substring) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// The first column's code spans of every table row of `lines` (`| \`id\` | ... |`).
    static func firstColumns(_ lines: some Sequence<Substring>) -> [String] {
        lines.filter { $0.hasPrefix("| `") }.flatMap { line in
            codeSpans(line.split(separator: "|", omittingEmptySubsequences: true).first ?? "")
        }
    }

    /// The rows of every table of docs/captures.md whose header starts `| Format id`.
    @Test func captureTablesNameEveryFormatRead() throws {
        let lines = try Self.document("docs/captures.md")
        var ids: Set<String> = []
        for (index, line) in lines.enumerated() where line.hasPrefix("| Format id") {
            ids.formUnion(Self.firstColumns(lines[(index + 2)...].prefix { $0.hasPrefix("|") }))
        }
        ids.remove("hostcheck-bundle-info")
        let read = Set(Self.registry.captureFormats.filter(\.isRead).map(\.id))
        #expect(ids == read, "missing rows: \(read.subtracting(ids).sorted()); rows of no format: \(ids.subtracting(read).sorted())")
    }

    @Test func reportsDocumentEveryReporter() throws {
        let lines = try Self.document("docs/reports.md")
        let headings = lines.filter { $0.hasPrefix("## ") }.compactMap { $0.dropFirst(3).split(separator: " ").first.map(String.init) }
        let tableRows = Self.firstColumns(lines)
        let ids = Self.registry.reporters.map(\.id)
        for id in ids {
            #expect(headings.contains(id) || tableRows.contains(id), "no section or row for \(id) in docs/reports.md")
        }
    }

    @Test func fieldTableNamesEveryField() throws {
        let lines = try Self.document("docs/rule-packs.md")
        guard let header = lines.firstIndex(of: "| field | values |") else {
            Issue.record("docs/rule-packs.md has no field table")
            return
        }
        let rows = lines[(header + 2)...].prefix { $0.hasPrefix("|") }
        var documented: Set<String> = []
        for row in rows {
            let cells = row.split(separator: "|", omittingEmptySubsequences: true)
            let names = Self.codeSpans(cells[0])
            if names == ["owner"], cells.count > 1 {
                documented.formUnion(Self.codeSpans(cells[1]).map { "owner." + $0 })
            } else {
                documented.formUnion(names)
            }
        }
        #expect(documented == Set(Self.registry.fields.map(\.name)))
    }

    @Test func matcherTableNamesEveryMatcher() throws {
        let lines = try Self.document("docs/rule-packs.md")
        guard let header = lines.firstIndex(of: "| matcher | fields | example |") else {
            Issue.record("docs/rule-packs.md has no matcher table")
            return
        }
        let rows = lines[(header + 2)...].prefix { $0.hasPrefix("|") }
        let documented = Set(Self.firstColumns(rows)).subtracting(["ignore_case"])
        #expect(documented == Set(Self.registry.matchers.map(\.keyword)))
    }

    /// The snapshot schemas' word enums are the word fields' values.
    @Test(arguments: ["protocol", "family", "state"], ["snapshot-1.json", "snapshot-2.json"])
    func schemaEnumIsTheFieldsWords(_ name: String, schemaFile: String) throws {
        let url = HostCheckRunner.packageRoot.appendingPathComponent("docs/schema/" + schemaFile)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        let socket = try #require((defs["socket"] as? [String: Any])?["properties"] as? [String: Any])
        let values = try #require((socket[name] as? [String: Any])?["enum"] as? [String])
        let field = try #require(Self.registry.fields.first { $0.name == name })
        guard case .word(let words) = field.kind else {
            Issue.record("\(name) is not a word field")
            return
        }
        #expect(values == words)
    }

    /// What `hostcheck list` prints is the registry, one row per capability in its order.
    @Test(arguments: [ListSubject.probes, .captures, .reporters, .fields, .matchers])
    func listPrintsTheRegistry(_ subject: ListSubject) throws {
        let run = try HostCheckRunner.run(["list", subject.rawValue])
        #expect(run.status == 0, "\(run.stderr)")
        let firstWords = run.stdout.split(separator: "\n").map { String($0.split(separator: " ").first ?? "") }
        let expected: [String] = switch subject {
        case .probes: Self.registry.probes.map(\.id)
        case .captures: Self.registry.captureFormats.map(\.id)
        case .reporters: Self.registry.reporters.map(\.id)
        case .fields: Self.registry.fields.map(\.name)
        case .matchers: Self.registry.matchers.map(\.keyword)
        case .rules, .plugins: []
        }
        #expect(firstWords == expected)
    }

    @Test func formatHelpNamesEveryReporter() throws {
        let run = try HostCheckRunner.run(["check", "--help"])
        #expect(run.status == 0)
        let help = run.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        #expect(help.contains("Formats: " + Self.registry.reporters.map(\.id).joined(separator: ", ") + "."), "\(run.stdout)")
        #expect(!run.stdout.contains("{reporters}"))
    }

    @Test func builtinRegistryHasNoDuplicateIDs() {
        #expect(Self.registry.duplicateIDs.isEmpty)
        var doubled = Self.registry
        doubled.reporters += doubled.reporters.prefix(1)
        #expect(doubled.duplicateIDs == ["reporter text"])
    }
}
