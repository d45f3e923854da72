import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckRules

/// What the shell completions (`hostcheck --generate-completion-script bash|zsh|fish`) offer
/// for option values and arguments (docs/cli.md, "Shell completion").
///
/// Lists come from the run's registry (``CommandContext``) when the script is generated; rule
/// ids and probe plugins are computed by the binary each time completion is asked for, from the
/// packs the command line names so far (else the built-in packs) and the plugin path.
enum Completions {
    /// `--format`: the report formats of the registry.
    static var formats: CompletionKind {
        .list(CommandContext.registry.reporters.map(\.id))
    }

    /// Pack arguments: `*.yaml`, `*.yml` and directories.
    static let packs = CompletionKind.file(extensions: ["yaml", "yml"])

    /// A YAML file (`--waivers`, `--vars`).
    static let yaml = CompletionKind.file(extensions: ["yaml", "yml"])

    /// A snapshot (`--snapshot`).
    static let snapshot = CompletionKind.file(extensions: ["json"])

    /// `--rule`: the ids of the rules in the packs named on the command line, else the built-in packs.
    static var ruleIDs: CompletionKind {
        .custom { words, index, _ in ruleIDs(words: words, completing: index) }
    }

    /// `--probe`: the registry's live probes and the probe plugins found (docs/plugins.md).
    static var probes: CompletionKind {
        .custom { _, _, _ in
            let registry = CommandContext.registry
            let plugins = PluginDiscovery(environment: ProcessInfo.processInfo.environment).all()
                .filter { $0.kind == .probe && $0.refusal == nil }.map(\.name)
            return registry.probes.filter { $0.source == .live }.map(\.id) + plugins
        }
    }

    /// `--socket-source`'s values.
    static let socketSources = CompletionKind.list(["automatic", "netlink", "procfs"])

    /// The rule ids for `words` (the shell words of the command line, the program first),
    /// leaving out the word at `index` being completed and the `--rule` before it.
    static func ruleIDs(words: [String], completing index: Int) -> [String] {
        var arguments = words
        if arguments.indices.contains(index) { arguments.remove(at: index) }
        if index > 0, arguments.indices.contains(index - 1), arguments[index - 1] == "--rule" { arguments.remove(at: index - 1) }
        arguments = Array(arguments.dropFirst())
        let registry = CommandContext.registry
        let paths = ((try? HostCheck.parseAsRoot(arguments)) as? any PackArguments)?.packPaths ?? []
        guard let sources = try? PackSelection.sources(for: paths, registry: registry) else { return [] }
        let options = PackLoadOptions(builtins: registry.packSources, vocabulary: registry.vocabulary)
        guard let packs = PackLoader.load(sources, options: options).packs else { return [] }
        var seen: Set<String> = []
        return packs.ruleInfos.map(\.id).filter { seen.insert($0).inserted }
    }
}

/// A command that reads rule packs named as arguments, for the completion of rule ids.
protocol PackArguments {
    /// The pack files and directories given (empty: the built-in packs).
    var packPaths: [String] { get }
}

extension CheckCommand: PackArguments {
    var packPaths: [String] { rules.packs }
}

extension TestCommand: PackArguments {
    var packPaths: [String] { rules.packs }
}

extension ExplainCommand: PackArguments {
    var packPaths: [String] { rules.packs }
}
