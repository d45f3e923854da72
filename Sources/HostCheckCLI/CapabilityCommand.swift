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
