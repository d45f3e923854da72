import Foundation
import PackagePlugin

/// Validates and embeds a target's rule packs at build time (docs/swift-extensions.md).
///
/// The packs are the `*.yaml`/`*.yml` files of the target's `rules/` directory (templates named
/// `*.example.yaml` are left out); exclude `rules` in the target so that SwiftPM does not
/// warn about files it does not handle. hostcheck-pack-embed loads them as `hostcheck lint`
/// does: an error fails the build with `file:line:col: error: ...` in the build log; otherwise
/// it generates `EmbeddedPacks.swift`, declaring `EmbeddedPacks.files` (name and bytes of each pack).
@main
struct HostCheckPackEmbed: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let rules = target.directoryURL.appending(path: "rules")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rules.path(percentEncoded: false))) ?? []
        let packs = names
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.contains(".example.") }
            .sorted()
            .map { rules.appending(path: $0) }
        let tool = try context.tool(named: "hostcheck-pack-embed")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPacks.swift")
        return [
            .buildCommand(
                displayName: "Validating and embedding \(packs.count) rule pack(s) of \(target.name)",
                executable: tool.url,
                arguments: [output.path(percentEncoded: false)] + packs.map { $0.path(percentEncoded: false) },
                inputFiles: packs,
                outputFiles: [output]
            )
        ]
    }
}
