import ArgumentParser

/// Options of the SARIF report (docs/reports.md, "sarif"; docs/cli.md).
struct SARIFOptions: ParsableArguments {
    @Option(name: .customLong("sarif-artifact"), help: ArgumentHelp(
        "The repository file a SARIF result points at when neither its evidence, its rule's pack nor its host's captures are a file in the repository (live facts, built-in packs). Default: README.md.",
        valueName: "file"))
    var artifact: String?
}
