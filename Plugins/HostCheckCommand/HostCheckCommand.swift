import Foundation
import PackagePlugin

/// `swift package hostcheck lint|test [ARGUMENT ...]`: builds the hostcheck product (debug, in
/// the package's own build directory, so an earlier `swift build` is reused) and runs it on this
/// package's rule packs (docs/swift-extensions.md).
///
/// With no path among the arguments it checks the package's `rules/`. hostcheck runs in the
/// package's directory, so its diagnostics read `rules/x.yaml:12:7: error: ...`; a non-zero
/// exit of hostcheck fails the command with that exit status.
@main
struct HostCheckCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        guard let subcommand = arguments.first, ["lint", "test"].contains(subcommand) else {
            Diagnostics.error("usage: swift package hostcheck lint|test [hostcheck option ...] [PACK|DIR ...]")
            throw CommandFailure(subcommand: "usage", status: 64)
        }
        var rest = Array(arguments.dropFirst())
        if !rest.contains(where: { !$0.hasPrefix("-") }) { rest.append("rules") }
        let build = try packageManager.build(.product("hostcheck"), parameters: .init(configuration: .debug, logging: .concise))
        guard build.succeeded, let tool = build.builtArtifacts.first(where: { $0.kind == .executable && $0.url.lastPathComponent == "hostcheck" }) else {
            Diagnostics.error("building hostcheck failed:\n\(build.logText)")
            throw CommandFailure(subcommand: "build", status: 70)
        }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = [subcommand] + rest
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw CommandFailure(subcommand: subcommand, status: process.terminationStatus)
        }
    }
}

/// hostcheck (or the usage, or its build) failed; SwiftPM then exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    /// What failed: `lint`, `test`, `usage` or `build`.
    let subcommand: String
    /// hostcheck's exit status (64 for the usage, 70 for the build).
    let status: Int32

    var description: String { "hostcheck \(subcommand) exited with status \(status)" }
}
