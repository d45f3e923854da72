import ArgumentParser

/// A command that runs with the binary's ``Registry``: ``HostCheckMain`` calls
/// ``run(registry:)`` after parsing, so the registry is passed as a value, never looked up.
protocol CapabilityCommand: AsyncParsableCommand {
    func run(registry: Registry) async throws
}

extension CapabilityCommand {
    /// Not used: ``HostCheckMain`` calls ``run(registry:)``.
    func run() async throws {
        throw CLIError(.software, "\(Self.configuration.commandName ?? "command") runs only through HostCheckMain")
    }
}

/// Words in help texts that ``HostCheckMain`` replaces with what the registry holds.
enum HelpPlaceholder {
    /// The ids of the reporters, for `--format`.
    static let reporters = "{reporters}"

    /// `text` with every placeholder filled from `registry`.
    static func fill(_ text: String, registry: Registry) -> String {
        text.replacing(reporters, with: registry.reporters.map(\.id).joined(separator: ", "))
    }
}
