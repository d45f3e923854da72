import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckCore
import HostCheckReporters
import HostCheckRules

/// `hostcheck check`: evaluate rule packs against one host or a fleet and report.
struct CheckCommand: CapabilityCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate rule packs against the live host, captures, a snapshot or a fleet.",
        discussion: """
        Examples:
          hostcheck check
          hostcheck check rules/magaya-network.yaml \\
              --capture netstat.txt --capture tasklist.csv
          hostcheck check packs/ --fleet captures/ \\
              --format text --format json:out/results.json
        """
    )

    @OptionGroup var rules: RuleOptions
    @OptionGroup var input: InputOptions<HostsOrFleet>
    @OptionGroup var report: ReportOptions
    @OptionGroup var sarif: SARIFOptions
    @OptionGroup var fleetReport: FleetReportOptions
    @OptionGroup var limit: TimeoutOption

    @Option(name: .long, help: ArgumentHelp("A waiver file.", valueName: "file"), completion: Completions.yaml)
    var waivers: String?

    @Option(name: .long, help: ArgumentHelp("Exit 1 only for fails of this severity or above.", valueName: "severity"))
    var failOn: Severity?

    @Option(name: .long, help: ArgumentHelp("Hosts evaluated in parallel (fleets; default: the number of cores).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("The date used for waiver expiry (YYYY-MM-DD or ISO 8601).", valueName: "date"))
    var now: String?

    func run(registry: Registry) async throws {
        let started = Date()
        let clock = try ClockOption.parse(now)
        let specs = try report.specs(registry: registry)
        guard jobs >= 1 else { throw CLIError(.usage, "--jobs takes a number of at least 1") }
        try OutputConflicts.check(
            specs, followSymlinks: report.followOutputSymlinks,
            inputs: rules.inputPaths + input.source.inputPaths + (waivers.map { [InputPath(path: $0, role: "--waivers")] } ?? []))

        let packs = try PackCompiler.load(try PackSelection.sources(for: rules.packs, registry: registry), options: try rules.loadOptions(registry: registry))
        let waiverSet = try waivers.map { try WaiverFile.load($0) }
        let filter = RuleFilter(ruleIDs: rules.ruleIDs, tags: rules.tags, minSeverity: rules.minSeverity)
        let evaluator = try RunEvaluator.make(packs: packs, filter: filter, waivers: waiverSet?.waivers, now: clock)
        let hostJobs: [HostJob]
        do {
            hostJobs = try await HostInputs(
                source: input.source, hostName: input.host, labels: input.labels, coverage: try input.coverageDeclaration,
                registry: registry
            ).labelledJobs()
        } catch let empty as EmptyFleet {
            throw CLIError(.usage, empty.message)
        }

        var channels = try ReportChannels(
            specs: specs, options: report, registry: registry, pluginTimeout: input.pluginTimeout,
            sarifArtifact: sarif.artifact, maxAnnotations: fleetReport.maxAnnotations)
        let run = RunInfo(
            packs: packs.packInfos, rules: evaluator.ruleInfos, waiversSHA256: waiverSet?.sha256,
            startedAt: ClockOption.iso8601(started),
            diagnostics: packs.overriddenOverrides + (waiverSet?.diagnostics ?? []) + evaluator.startDiagnostics)
        try channels.begin(run)

        let policy = ExitPolicy(failOn: failOn, reporter: ExitPolicy.reporterPolicy(specs, registry: registry))
        var tally = policy.makeTally()
        var counts = OutcomeCounts()
        var waiverUsage = WaiverUsage()
        var progress = Progress(total: hostJobs.count, enabled: !fleetReport.quiet && !channels.streamsToTerminal)
        try await HostEvaluation.forEach(hostJobs, evaluator: evaluator, parallelism: jobs) { results in
            tally.add(results, failOn: failOn, counting: &counts)
            waiverUsage.record(results)
            try channels.host(results)
            progress.advance()
        }
        progress.finish()
        let summary = Summary(
            hosts: hostJobs.count, rules: evaluator.ruleInfos.count, counts: counts,
            durationSeconds: Date().timeIntervalSince(started), diagnostics: evaluator.finish(waiverUsage))
        try channels.end(summary)
        let status = policy.status(for: tally)
        if status != 0 { throw CommandExit(status: status) }
    }
}
