import ArgumentParser

/// Options for reports of fleets: the progress line and the GitHub annotation cap
/// (docs/cli.md, "check"; docs/reports.md, "github").
struct FleetReportOptions: ParsableArguments {
    @Flag(name: .long, help: "No progress line on standard error (it is shown only on a terminal, for runs over a second).")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp(
        "The most ::error/::warning annotations --format github writes per run (1 or more; GitHub shows 10 per step); beyond it, one per rule.",
        valueName: "n"))
    var maxAnnotations: Int = 10

    mutating func validate() throws {
        guard maxAnnotations >= 1 else { throw CLIError(.usage, "--max-annotations takes a number of at least 1") }
    }
}
