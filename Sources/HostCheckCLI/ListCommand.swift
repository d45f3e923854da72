import ArgumentParser
import HostCheckCore
import HostCheckProbes
import HostCheckReporters
import HostCheckRules

/// `hostcheck list probes|reporters|rules`.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the probes, report formats, or the rules of the packs."
    )

    @Argument(help: "probes, reporters or rules.")
    var what: ListSubject

    @Argument(help: ArgumentHelp("Packs for `list rules` (default: ./rules or the built-in packs).", valueName: "pack|dir"))
    var packs: [String] = []

    func run() async throws {
        var out = FileOutput.standardOutput()
        switch what {
        case .probes:
            for probe in Probes.all { out.write("\(probe.id.padding(20))\(probe.summary)\n") }
        case .reporters:
            for reporter in Reporters.all { out.write("\(reporter.id.padding(20))\(reporter.summary)\n") }
        case .rules:
            let options = PackLoadOptions(builtins: PackSelection.builtinSources())
            let loaded = try PackCompiler.load(try PackSelection.sources(for: packs), options: options)
            for rule in loaded.ruleInfos {
                let name = "\(rule.pack)/\(rule.id)"
                out.write("\(name.padding(44))\(rule.severity.rawValue.padding(10))\(rule.title ?? "")\n")
            }
        }
        try out.finish()
    }
}

/// What `list` lists.
enum ListSubject: String, ExpressibleByArgument, CaseIterable, Sendable {
    case probes, reporters, rules
}

extension String {
    /// The string padded with spaces to `width` (at least one space after it).
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
