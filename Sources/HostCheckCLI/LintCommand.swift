import ArgumentParser
import HostCheckCore
import HostCheckRules

/// `hostcheck lint`: report every problem of a pack set, compiler-style, in one run.
struct LintCommand: CapabilityCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check rule packs and report every problem as FILE:LINE:COL: error: message.",
        discussion: "Exits 65 when any error is found, 0 with warnings only."
    )

    @Argument(help: ArgumentHelp(
        "Rule pack files or directories (default: the built-in packs; ./rules only when named). "
            + "A directory gives its *.yaml and *.yml files except templates (*.example.yaml), which are read when named.",
        valueName: "pack|dir"), completion: Completions.packs)
    var packs: [String] = []

    @Option(name: .customLong("var"), help: ArgumentHelp("Override a pack variable: PACK.NAME=VALUE or NAME=VALUE.", valueName: "pack.name=value"))
    var variables: [String] = []

    @Option(name: .customLong("include-root"), help: ArgumentHelp(
        "Let packs' include: reach files under this directory too (repeatable).", valueName: "dir"), completion: .directory)
    var includeRoots: [String] = []

    @Option(name: .long, help: ArgumentHelp("A waiver file, checked against the packs' waiver policy.", valueName: "file"),
            completion: Completions.yaml)
    var waivers: String?

    @Option(name: .long, help: ArgumentHelp("The date the waiver policy is checked at (YYYY-MM-DD or ISO 8601).", valueName: "date"))
    var now: String?

    func validate() throws {
        try VariableArgument.validate(variables)
    }

    func run(registry: Registry) async throws {
        let sources = try PackSelection.sources(for: packs, registry: registry)
        for root in includeRoots where FileSystem.isDirectory(root) != true {
            throw CLIError(.usage, "--include-root \(root): not a directory")
        }
        let options = PackLoadOptions(
            variableOverrides: variables, builtins: registry.packSources, vocabulary: registry.vocabulary,
            includeRoots: includeRoots)
        let clock = try ClockOption.parse(now)
        let diagnostics = try waivers.map { path in
            PackLoader.lint(sources, options: options, waivers: PackSource(path: path, bytes: try FileAccess.read(path, as: .waivers)), now: clock)
        } ?? PackLoader.lint(sources, options: options)
        var out = FileOutput.standardOutput()
        for diagnostic in diagnostics.sorted(by: DiagnosticOrder.byLocation) {
            out.write(TerminalText.neutralised(diagnostic.description) + "\n")
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        out.write("\(sources.count) pack file\(sources.count == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        try out.finish()
        if errors > 0 { throw CommandExit(status: ExitStatus.dataError.rawValue) }
    }
}
