import ArgumentParser
import HostCheckRules

/// Command names checked before parsing: `hostcheck chek` and `hostcheck help chek` are usage
/// errors (64) that name the command meant, where swift-argument-parser would say "unexpected
/// argument", or print the top-level help with exit 0.
enum CommandNames {
    /// The usage error for a first word that names no command, or a `help` that names none;
    /// nil when the words are commands (or options, left to the parser).
    static func problem(in arguments: [String]) -> CLIError? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let commands = HostCheck.configuration.subcommands
        if first == "help" {
            var level = commands
            var path = "hostcheck"
            for word in arguments.dropFirst() where !word.hasPrefix("-") {
                guard let command = level.first(where: { name(of: $0) == word }) else {
                    let names = level.map(name(of:))
                    let what = level.isEmpty ? "'\(path)' has no sub-command" : "no command"
                    return CLIError(.usage, "help: \(what) \(MessageText.quote(word))\(MessageText.didYouMean(word, among: names))"
                        + (names.isEmpty ? "" : "; commands: \(names.joined(separator: ", "))"))
                }
                path += " " + word
                level = command.configuration.subcommands
            }
            return nil
        }
        let names = commands.map(name(of:))
        guard !names.contains(first) else { return nil }
        return CLIError(.usage, "unknown command \(MessageText.quote(first))\(MessageText.didYouMean(first, among: names + ["help"])); "
            + "commands: \((names + ["help"]).joined(separator: ", ")) (hostcheck --help)")
    }

    private static func name(of command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? "\(command)"
    }
}
