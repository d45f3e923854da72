import ArgumentParser
import HostCheckCore
import HostCheckRules

extension Severity: ExpressibleByArgument {}

/// Options that choose packs, variables and rules.
struct RuleOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Rule pack files or directories (default: ./rules if present, else the built-in packs).",
        valueName: "pack|dir"))
    var packs: [String] = []

    @Option(name: .customLong("var"), help: ArgumentHelp(
        "Override a pack variable: PACK.NAME=VALUE (a list variable takes comma-separated values).",
        valueName: "pack.name=value"))
    var variables: [String] = []

    @Option(name: .customLong("vars"), help: ArgumentHelp(
        "A YAML file of variable overrides (see docs/rule-packs.md); --var wins over it.", valueName: "file"))
    var variableFiles: [String] = []

    @Option(name: .customLong("include-root"), help: ArgumentHelp(
        "Let packs' include: reach files under this directory too (repeatable); by default an include must stay in its pack's directory tree.",
        valueName: "dir"))
    var includeRoots: [String] = []

    @Option(name: .customLong("rule"), help: ArgumentHelp("Only this rule id (repeatable).", valueName: "id"))
    var ruleIDs: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("Only rules with this tag (repeatable).", valueName: "tag"))
    var tags: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only rules of this severity or above.", valueName: "severity"))
    var minSeverity: Severity?
}

extension RuleOptions {
    /// Pack loading options: variable overrides and files, and the built-in packs for includes.
    func loadOptions(registry: Registry) throws -> PackLoadOptions {
        let files = try variableFiles.map { PackSource(path: $0, bytes: try FileAccess.read($0, as: .variables)) }
        for root in includeRoots where FileSystem.isDirectory(root) != true {
            throw CLIError(.usage, "--include-root \(root): not a directory")
        }
        return PackLoadOptions(
            variableOverrides: variables, variableFiles: files, builtins: registry.packSources,
            vocabulary: registry.vocabulary, includeRoots: includeRoots)
    }
}
