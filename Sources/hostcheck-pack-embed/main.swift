// hostcheck-pack-embed OUTPUT.swift PACK.yaml ...: the tool behind the HostCheckPackEmbed
// build-tool plugin (docs/architecture.md, "Embedding packs at build time"). It loads the packs
// as `hostcheck lint` does, writes every diagnostic compiler-style to standard error (so the
// build log shows `file:line:col: error: ...`), and only when none is an error writes a Swift
// source declaring `EmbeddedPacks.files` with each pack's name and bytes.
//
// It depends on HostCheckRules and HostCheckCore only, never on the CLI or the built-in packs:
// HostCheckBuiltinPacks is built with it, so anything more would be a cycle.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore
import HostCheckRules

/// Writes `text` to standard error.
func printError(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    bytes.withUnsafeBytes { raw in _ = write(2, raw.baseAddress, raw.count) }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let output = arguments.first else {
    printError("usage: hostcheck-pack-embed OUTPUT.swift [PACK.yaml ...]")
    exit(64)
}
var files: [(name: String, source: PackSource)] = []
for path in arguments.dropFirst().sorted(by: { PackEmbedding.fileName($0) < PackEmbedding.fileName($1) }) {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
        printError("\(path): error: cannot read the pack")
        exit(66)
    }
    files.append((PackEmbedding.fileName(path), PackSource(path: path, bytes: [UInt8](data))))
}
let diagnostics = PackEmbedding.validate(files)
for diagnostic in diagnostics { printError(diagnostic.description) }
if diagnostics.contains(where: { $0.severity == .error }) {
    printError("hostcheck-pack-embed: error: \(diagnostics.filter { $0.severity == .error }.count) error(s) in the rule packs; nothing embedded")
    exit(65)
}
let source = PackEmbedding.swiftSource(files.map { ($0.name, $0.source.bytes) })
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output))
} catch {
    printError("\(output): error: cannot write the generated source: \(error)")
    exit(73)
}
