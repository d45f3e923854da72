import ArgumentParser
import HostCheckCore
import HostCheckRules

/// `hostcheck explain PORT[/PROTO]`: what the loaded packs and the port registry know about a port.
struct ExplainCommand: CapabilityCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show what the rule packs and the port registry know about a port.",
        discussion: """
        The registry is --port-registry FILE (IANA's service-names-port-numbers.csv or a file in
        /etc/services format), else the copy made by `hostcheck registry import`, else /etc/services.
        """
    )

    @Argument(help: ArgumentHelp("A port from 1 to 65535, optionally with a protocol (tcp or udp): 3691 or 3691/tcp.", valueName: "port[/proto]"))
    var port: String

    @OptionGroup var rules: RuleOptions

    @Option(name: .long, help: ArgumentHelp("A port registry file (IANA CSV or /etc/services format).", valueName: "file"),
            completion: .file())
    var portRegistry: String?

    func run(registry: Registry) async throws {
        let (number, proto) = try ExplainCommand.parse(port)
        let packs = try PackCompiler.load(try PackSelection.sources(for: rules.packs, registry: registry), options: try rules.loadOptions(registry: registry))
        var out = FileOutput.standardOutput()
        out.write("\(number)\(proto.map { "/\($0.rawValue)" } ?? "")\n\nRule packs:\n")
        let known = packs.knowledge(port: number, protocol: proto)
        var packLines: [String] = []
        for pack in packs.packs {
            let services = known.services.filter { $0.pack == pack.id }.map(\.service)
            let selecting = known.rules.filter { $0.pack == pack.id }
            guard !services.isEmpty || !selecting.isEmpty else { continue }
            packLines.append("  \(pack.id) (\(pack.file))")
            for service in services {
                let ports = service.ports.map(\.description).joined(separator: ", ")
                packLines.append("    service \(service.name)  \(ports)\(service.description.map { "  \($0)" } ?? "")")
            }
            for rule in selecting {
                packLines.append("    rule \(rule.id) [\(rule.severity.rawValue)]\(rule.title.map { "  \($0)" } ?? "")")
            }
        }
        out.write(packLines.isEmpty ? "  nothing in the loaded packs\n" : packLines.joined(separator: "\n") + "\n")

        let registry = try RegistryLocation.load(explicit: portRegistry)
        out.write("\nPort registry (\(registry.map(\.file) ?? "none found")):\n")
        let assignments = registry?.lookup(port: number, protocol: proto?.rawValue) ?? []
        if assignments.isEmpty {
            out.write("  no assignment\n")
        }
        for assignment in assignments {
            var line = "  \(assignment.service)  \(assignment.port)/\(assignment.protocol)"
            if let description = assignment.description { line += "  \(description)" }
            if let registered = assignment.registered { line += "  (registered \(registered))" }
            out.write(TerminalText.neutralised(line) + "\n")
        }
        try out.finish()
    }

    /// Parses `3691` or `3691/tcp`.
    static func parse(_ text: String) throws -> (Int, TransportProtocol?) {
        let parts = text.lowercased().split(separator: "/", omittingEmptySubsequences: false)
        guard let number = Int(parts[0]), PortArgument.range.contains(number), parts.count <= 2 else {
            throw CLIError(.usage, PortArgument.message(text, option: nil) + ", optionally /tcp or /udp")
        }
        guard parts.count == 2 else { return (number, nil) }
        guard let proto = TransportProtocol(rawValue: String(parts[1])) else {
            throw CLIError(.usage, "'\(parts[1])' is not a protocol: use tcp or udp")
        }
        return (number, proto)
    }
}
