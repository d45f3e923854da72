import ArgumentParser
import HostCheckCore
import HostCheckReporters

/// `hostcheck facts`: show what a probe sees, as a table or as snapshot JSON.
struct FactsCommand: AsyncParsableCommand {
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

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("table or json.", valueName: "format"))
    var format: FactsFormat = .table

    @Option(name: .long, help: ArgumentHelp("Only sockets with this local port.", valueName: "n"))
    var port: Int?

    @Flag(name: .long, help: "Only listening sockets (TCP LISTEN and unconnected UDP).")
    var listening = false

    @Flag(name: .long, help: "Indent the JSON (default: compact, one line).")
    var pretty = false

    func validate() throws {
        if input.fleet != nil { throw ValidationError("facts reads one host; use --capture, --snapshot or --live") }
    }

    func run() async throws {
        let jobs = try await HostInputs(source: input.source, hostName: input.host, labels: input.labels).labelledJobs()
        guard let job = jobs.first else { return }
        var snapshot = await job.load()
        if port != nil || listening {
            let port = port
            let listening = listening
            snapshot.sockets = snapshot.sockets.filter { socket in
                (port == nil || socket.localPort == port) && (!listening || socket.state == .listening)
            }
        }
        var out = FileOutput.standardOutput()
        switch format {
        case .json:
            snapshot.writeJSON(pretty: pretty) { out.write(bytes: $0) }
        case .table:
            out.write(SnapshotTable.render(snapshot))
        }
        try out.finish()
        if snapshot.diagnostics.contains(where: { $0.severity == .error }) {
            for diagnostic in snapshot.diagnostics where diagnostic.severity == .error {
                printError(TerminalText.neutralised(diagnostic.description))
            }
            throw CommandExit(status: ExitStatus.unknownOrError.rawValue)
        }
    }
}

/// Output formats of `facts`.
enum FactsFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json
}
