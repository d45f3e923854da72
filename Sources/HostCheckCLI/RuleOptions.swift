import ArgumentParser
import HostCheckCore
import HostCheckRules

extension Severity: ExpressibleByArgument {}

/// Options that choose packs, variables and rules.
struct RuleOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Rule pack files or directories (default: the built-in packs; ./rules only when named). "
            + "A directory gives its *.yaml and *.yml files except templates (*.example.yaml), which are read when named.",
        valueName: "pack|dir"), completion: Completions.packs)
    var packs: [String] = []

    @Option(name: .customLong("var"), help: ArgumentHelp(
        "Override a pack variable: PACK.NAME=VALUE or NAME=VALUE (a list variable takes comma-separated values).",
        valueName: "pack.name=value"))
    var variables: [String] = []

    @Option(name: .customLong("vars"), help: ArgumentHelp(
        "A YAML file of variable overrides (see docs/rule-packs.md); --var wins over it.", valueName: "file"),
        completion: Completions.yaml)
    var variableFiles: [String] = []

    @Option(name: .customLong("include-root"), help: ArgumentHelp(
        "Let packs' include: reach files under this directory too (repeatable); by default an include must stay in its pack's directory tree.",
        valueName: "dir"), completion: .directory)
    var includeRoots: [String] = []

    @Option(name: .customLong("rule"), help: ArgumentHelp(
        "Only this rule id, bare or PACK/ID (repeatable; hostcheck list rules shows them).", valueName: "id"),
        completion: Completions.ruleIDs)
    var ruleIDs: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("Only rules with this tag (repeatable).", valueName: "tag"))
    var tags: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only rules of this severity or above.", valueName: "severity"))
    var minSeverity: Severity?

    func validate() throws {
        try VariableArgument.validate(variables)
    }
}

/// `--var` values: `PACK.NAME=VALUE` or `NAME=VALUE`, checked as a usage error (64) before any
/// pack is read.
enum VariableArgument {
    static func validate(_ values: [String]) throws {
        for value in values {
            let key = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard value.contains("="), !key.isEmpty, !key.hasPrefix("."), !key.hasSuffix(".") else {
                throw ValidationError("--var takes PACK.NAME=VALUE or NAME=VALUE (e.g. --var magaya-network.magaya_images=magaya*), not \(MessageText.quote(value))")
            }
        }
    }
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
