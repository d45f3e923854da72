import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore
import HostCheckReporters

/// `hostcheck facts`: show what a probe sees, as a table or as snapshot JSON.
struct FactsCommand: CapabilityCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts",
        abstract: "Show the sockets and owners of the live host, captures or a snapshot.",
        discussion: """
        Examples:
          hostcheck facts --listening
          hostcheck facts --capture netstat.txt --capture tasklist.csv --port 3691
          hostcheck facts --format json > host.json
        """
    )

    @OptionGroup var input: InputOptions<OneHost>

    @Option(name: .long, help: ArgumentHelp("table (for a person) or json (a snapshot for --snapshot).", valueName: "format"))
    var format: FactsFormat = .table

    @Option(name: .long, help: ArgumentHelp("Only sockets with this local or remote port (1-65535).", valueName: "port"))
    var port: Int?

    @Flag(name: .long, help: "Only listening sockets (TCP LISTEN and unconnected UDP).")
    var listening = false

    @Flag(name: .long, help: "Indent the JSON (default: compact, one line).")
    var pretty = false

    /// How many tasks lay out the JSON of a large snapshot: one per core, at most 4.
    static var tasks: Int { min(4, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))) }

    /// From this many sockets, `run` exits as soon as its output is written.
    static let exitEarlyAbove = 100_000

    func validate() throws {
        if input.fleet != nil { throw ValidationError("facts reads one host; use --capture, --snapshot or --live") }
        if let port, !PortArgument.range.contains(port) {
            throw ValidationError(PortArgument.message(String(port), option: "--port"))
        }
    }

    func run(registry: Registry) async throws {
        let jobs = try await HostInputs(
            source: input.source, hostName: input.host, labels: input.labels, coverage: try input.coverageDeclaration,
            registry: registry
        ).labelledJobs()
        guard let job = jobs.first else { return }
        var snapshot = await job.load()
        // Every socket read, kept until the process ends (see the end of `run`).
        let all = snapshot.sockets
        if port != nil || listening {
            snapshot.sockets = SnapshotTable.filter(all, port: port, listeningOnly: listening)
        }
        var out = FileOutput.standardOutput()
        switch format {
        case .json:
            await snapshot.writeJSON(pretty: pretty, tasks: Self.tasks) { out.write(bytes: $0) }
        case .table:
            // The summary says how many of all the sockets read are shown.
            var whole = snapshot
            whole.sockets = all
            out.write(SnapshotTable.render(whole, sockets: snapshot.sockets))
        }
        try out.finish()
        if snapshot.diagnostics.contains(where: { $0.severity == .error }) {
            for diagnostic in snapshot.diagnostics where diagnostic.severity == .error {
                printError(TerminalText.neutralised(diagnostic.description))
            }
            throw CommandExit(status: ExitStatus.unknownOrError.rawValue)
        }
        if all.count >= Self.exitEarlyAbove {
            // Everything is written: the process ends here rather than free a large capture's
            // facts one by one (the exit status is that of a normal return).
            withExtendedLifetime((snapshot, all)) { () -> Void in exitProcess(ExitStatus.success.rawValue) }
        }
    }
}

/// Output formats of `facts`.
enum FactsFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json
}

/// exit(3) from the C library (Glibc, Musl or Darwin), named apart from `ParsableCommand.exit`.
private func exitProcess(_ status: Int32) -> Never {
    exit(status)
}
