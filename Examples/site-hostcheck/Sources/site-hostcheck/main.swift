import HostCheckKit

// hostcheck's own capabilities and packs, plus this site's report format and pack. No global
// state: the registry is a value handed to the entry point.
var registry = Registry.builtin
registry.reporters.append(SiteSummaryReporter.descriptor)
registry.packs += EmbeddedPacks.files.map { BuiltinPacks.File(name: $0.name, bytes: $0.bytes) }
await HostCheckMain.main(registry: registry)
