import ArgumentParser

/// Options of the SARIF report (docs/reports.md, "sarif"; docs/cli.md).
struct SARIFOptions: ParsableArguments {
    @Option(name: .customLong("sarif-artifact"), help: ArgumentHelp(
        "The repository file a SARIF result points at when neither its evidence, its rule's pack nor its host's captures are a file in the repository (live facts, built-in packs): a path relative to the repository root. Default: README.md.",
        valueName: "file"))
    var artifact: String?

    /// The file must be a path inside the repository: relative, not leaving it with `..`, and
    /// with no `:` in its first component (no URL scheme, drive letter or `builtin:`).
    func validate() throws {
        guard let artifact else { return }
        var depth = 0
        var components: [Substring] = []
        for component in artifact.split(separator: "/") where component != "." {
            depth += component == ".." ? -1 : 1
            if depth < 0 { break }
            components.append(component)
        }
        guard !artifact.hasPrefix("/"), depth >= 0, let first = components.first, first != "..",
              !first.contains(":"), !artifact.utf8.contains(0) else {
            throw ValidationError("--sarif-artifact takes a path relative to the repository root that stays inside it, such as .github/workflows/hostcheck.yml")
        }
    }
}
