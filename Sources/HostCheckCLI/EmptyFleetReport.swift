import HostCheckCore

/// How `check` ends on a `--fleet` directory with no host in it: a usage error (exit 64), or,
/// when Nagios reads the exit code (`--format nagios` alone, on standard output), the plugin's
/// `HOSTCHECK UNKNOWN - ...` line and exit 3.
enum EmptyFleetReport {
    /// The Nagios plugin status `UNKNOWN`.
    static let nagiosUnknown: Int32 = 3

    /// The error to end the command with; for Nagios, its line is written first.
    static func exit(_ empty: EmptyFleet, specs: [FormatSpec]) throws -> any Error {
        guard specs.count == 1, let spec = specs.first, spec.path == nil, spec.id == "nagios" else {
            return CLIError(.usage, empty.message)
        }
        var out = FileOutput.standardOutput()
        out.write("HOSTCHECK UNKNOWN - \(TerminalText.neutralised(empty.message))\n")
        try out.finish()
        printError("hostcheck: error: \(empty.message)")
        return CommandExit(status: nagiosUnknown)
    }
}
