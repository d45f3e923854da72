import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckCore
import HostCheckProbes
import HostCheckReporters
import HostCheckRules

/// `hostcheck list probes|captures|reporters|fields|matchers|rules|plugins`: what the registry
/// holds, the rules of the packs, or the external plugins found (docs/plugins.md).
struct ListCommand: CapabilityCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the probes, capture formats, report formats, rule fields, matchers, the rules of the packs, or the plugins found."
    )

    @Argument(help: "What to list.")
    var what: ListSubject

    @Argument(help: ArgumentHelp(
        "Packs for `list rules` (default: the built-in packs; ./rules only when named; templates *.example.yaml only when named).",
        valueName: "pack|dir"), completion: Completions.packs)
    var packs: [String] = []

    func run(registry: Registry) async throws {
        var out = FileOutput.standardOutput()
        if what == .plugins {
            let discovery = PluginDiscovery(environment: ProcessInfo.processInfo.environment)
            for note in discovery.skipped { printError("hostcheck: note: \(note), skipped") }
            for row in Self.pluginRows(discovery) {
                out.write(TerminalText.neutralised(row[0].padding(24) + row[1].padding(8) + row[2]) + "\n")
            }
        } else if what == .rules {
            let options = PackLoadOptions(builtins: registry.packSources, vocabulary: registry.vocabulary)
            let loaded = try PackCompiler.load(try PackSelection.sources(for: packs, registry: registry), options: options)
            for rule in loaded.ruleInfos {
                let name = "\(rule.pack)/\(rule.id)"
                out.write("\(name.padding(44))\(rule.severity.rawValue.padding(10))\(rule.title ?? "")\n")
            }
        } else {
            for row in Self.rows(what, registry: registry) {
                let cells = row.enumerated().map { index, cell in
                    index == row.count - 1 ? cell : cell.padding(index == 0 ? 24 : 16)
                }
                out.write(TerminalText.neutralised(cells.joined()) + "\n")
            }
        }
        try out.finish()
    }

    /// The table `list` prints for a registry subject: one row per capability, its id first.
    static func rows(_ subject: ListSubject, registry: Registry) -> [[String]] {
        switch subject {
        case .probes:
            registry.probes.map { probe in
                let options = probe.options.isEmpty ? "" : " (options: \(probe.options.map(\.name).joined(separator: ", ")))"
                return [probe.id, probe.source.rawValue, probe.platforms.map(\.rawValue).joined(separator: ","), probe.summary + options]
            }
        case .captures:
            registry.captureFormats.map { format in
                [format.id, format.isRead ? "read" : "refused", format.platform.rawValue, format.summary + "; covers: " + format.coverage.summary]
            }
        case .reporters:
            registry.reporters.map { reporter in
                let options = reporter.options.isEmpty ? "" : " (honours: \(reporter.options.map { "--\($0.rawValue)" }.joined(separator: ", ")))"
                let exit = reporter.exitPolicy == nil ? "" : " (own exit codes when alone on stdout)"
                return [reporter.id, reporter.summary + options + exit]
            }
        case .fields:
            registry.fields.map { field in
                [field.name, field.kind.name, field.summary + "; from: " + field.providedBy.joined(separator: ", ")]
            }
        case .matchers:
            registry.matchers.map { matcher in
                let kinds = Self.kindNames.filter { matcher.appliesTo($0.kind) }.map(\.name).joined(separator: ",")
                return [matcher.keyword, kinds, matcher.summary]
            }
        case .rules, .plugins:
            []
        }
    }

    /// The table of `list plugins`: name, kind and path of each plugin found, in search order,
    /// with the reason a refused one may not run (docs/plugins.md, "Discovery").
    static func pluginRows(_ discovery: PluginDiscovery) -> [[String]] {
        discovery.all().map { plugin in
            [plugin.name, plugin.kind.rawValue, plugin.path + (plugin.refusal.map { " (refused: \($0))" } ?? "")]
        }
    }

    /// The field types a matcher may apply to, by name (`word` for any word field).
    static let kindNames: [(name: String, kind: FieldKind)] = [
        ("word", .word([])), ("port", .port), ("integer", .integer), ("address", .address), ("text", .text), ("boolean", .boolean),
    ]
}

/// What `list` lists.
enum ListSubject: String, ExpressibleByArgument, CaseIterable, Sendable {
    case probes, captures, reporters, fields, matchers, rules, plugins
}

extension String {
    /// The string padded with spaces to `width` (at least one space after it).
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
