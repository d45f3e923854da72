// HostCheckKit is the Swift extension seam (docs/swift-extensions.md): one import that gives a
// package everything it needs to build its own hostcheck. Its public API is the public API of
// the modules below; everything else in them is `package` (docs/architecture.md, "The registry").

// The facts and results models, the Probe and Reporter protocols, diagnostics.
@_exported import HostCheckCore
// Rule fields and matchers (the registry's vocabulary).
@_exported import HostCheckRules
// Probe and capture format descriptors, and the built-in catalogs.
@_exported import HostCheckProbes
// Reporter descriptors and the built-in report formats.
@_exported import HostCheckReporters
// The built-in packs, and the type a distribution's own embedded packs take.
@_exported import HostCheckBuiltinPacks
// `Registry` and `HostCheckMain.main(registry:)`, the command-line entry point.
@_exported import HostCheckCLI
