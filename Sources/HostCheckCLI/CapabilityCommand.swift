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

    /// `text` with every placeholder filled from `registry`; a help line that grows past
    /// `width` columns is wrapped at a space, keeping its indentation.
    static func fill(_ text: String, registry: Registry, width: Int = 80) -> String {
        let ids = registry.reporters.map(\.id).joined(separator: ", ")
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            guard line.contains(reporters) else { return [String(line)] }
            let filled = line.replacing(reporters, with: ids)
            let indent = String(filled.prefix { $0 == " " })
            var lines: [String] = []
            var current = indent
            for word in filled.split(separator: " ") {
                if current.count > indent.count, current.count + 1 + word.count > width {
                    lines.append(current)
                    current = indent
                }
                current += (current.count > indent.count ? " " : "") + word
            }
            lines.append(current)
            return lines
        }.joined(separator: "\n")
    }
}
