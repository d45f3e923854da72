import ArgumentParser
import HostCheckCore

/// The root command.
struct HostCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hostcheck",
        abstract: "Evaluate host-check rule packs against live or captured socket and process facts.",
        discussion: """
        Exit codes:
          0   every result passed, was skipped or waived
          1   a rule failed
          2   some result is unknown or error
          64  usage error          65  invalid pack, waiver file, variable or snapshot
          66  input not found      70  internal error       74  output cannot be written
          75  timed out (--timeout)
        With --format nagios alone on stdout: the Nagios plugin codes 0-3, and every error is
        one HOSTCHECK UNKNOWN line with exit 3.
        """,
        version: HostCheckVersion.current,
        subcommands: [CheckCommand.self, FactsCommand.self, LintCommand.self, TestCommand.self, ExplainCommand.self, RegistryCommand.self, ListCommand.self],
        defaultSubcommand: nil
    )
}
