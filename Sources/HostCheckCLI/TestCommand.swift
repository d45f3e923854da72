import ArgumentParser
import HostCheckCore
import HostCheckRules

/// `hostcheck test`: run the `examples:` of every rule, like a test runner.
struct TestCommand: CapabilityCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the examples of the rule packs and report N passed, N failed.",
        discussion: "Exits 0 when every example gives its expected outcome, 1 when one does not, 65 for an invalid pack."
    )

    @OptionGroup var rules: RuleOptions

    @Flag(name: .shortAndLong, help: "List passing examples too.")
    var verbose = false

    func run(registry: Registry) async throws {
        let packs = try PackCompiler.load(try PackSelection.sources(for: rules.packs, registry: registry), options: try rules.loadOptions(registry: registry))
        let report = PackTester.run(packs)
        var out = FileOutput.standardOutput()
        for line in report.render(verbose: verbose).split(separator: "\n", omittingEmptySubsequences: false) {
            out.write(TerminalText.neutralised(String(line)) + "\n")
        }
        try out.finish()
        if report.failed > 0 { throw CommandExit(status: ExitStatus.failed.rawValue) }
        if report.results.isEmpty {
            printError("hostcheck: warning: the packs have no examples")
        }
    }
}
