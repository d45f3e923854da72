import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckCore
import HostCheckRules

/// `hostcheck registry import FILE`: keep a copy of IANA's port registry for `explain`.
struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Manage the port registry that `hostcheck explain` reads.",
        subcommands: [RegistryImportCommand.self]
    )
}

/// `hostcheck registry import FILE`.
struct RegistryImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import IANA's service-names-port-numbers.csv into the user's data directory.",
        discussion: "Download the CSV from https://www.iana.org/assignments/service-names-port-numbers/ first."
    )

    @Argument(help: ArgumentHelp("The IANA CSV file.", valueName: "file"))
    var file: String

    func run() async throws {
        let bytes = try FileAccess.read(file, as: .portRegistry)
        let text = String(decoding: bytes, as: UTF8.self)
        let registry = PortRegistry(text: text, file: file)
        guard text.hasPrefix("Service Name,Port Number,Transport Protocol"), !registry.assignments.isEmpty else {
            throw CLIError(.dataError, "\(file): not IANA's service-names-port-numbers.csv (its header is missing)")
        }
        let destination = RegistryLocation.importedPath
        do {
            try FileManager.default.createDirectory(
                atPath: FileAccess.parentDirectory(of: destination) ?? ".", withIntermediateDirectories: true)
        } catch {
            throw CLIError(.cannotWrite, "\(destination): cannot create its directory")
        }
        var out = try FileOutput.destination(destination, followSymlinks: false)
        out.write(bytes: bytes)
        try out.finish()
        var stdout = FileOutput.standardOutput()
        stdout.write("imported \(registry.assignments.count) port assignments into \(destination)\n")
        if !registry.diagnostics.isEmpty {
            stdout.write("\(registry.diagnostics.count) rows not understood, e.g. \(registry.diagnostics[0])\n")
        }
        try stdout.finish()
    }
}

/// Where `explain` finds its port registry.
enum RegistryLocation {
    /// `$XDG_DATA_HOME/hostcheck/port-registry.csv`, else `~/.local/share/hostcheck/port-registry.csv`.
    static var importedPath: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path) + "/.local/share"
        return base + "/hostcheck/port-registry.csv"
    }

    /// The registry: the explicit file (exit 66 if missing), else the imported copy, else
    /// `/etc/services`, else nil.
    static func load(explicit: String?) throws -> PortRegistry? {
        if let explicit {
            return PortRegistry(text: String(decoding: try FileAccess.read(explicit, as: .portRegistry), as: UTF8.self), file: explicit)
        }
        for candidate in [importedPath, "/etc/services"] where FileAccess.kind(of: candidate).exists {
            if let bytes = try? FileAccess.read(candidate, as: .portRegistry, origin: .listed) {
                return PortRegistry(text: String(decoding: bytes, as: UTF8.self), file: candidate)
            }
        }
        return nil
    }
}
