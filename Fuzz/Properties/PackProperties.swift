import HostCheckRules

/// A rule pack either loads or gives located errors.
enum PackProperties {
    /// A path in no existing directory, so that an include resolves to nothing on disk.
    static let path = "/nonexistent-hostcheck-fuzz/pack.yaml"

    /// The violated property, or nil.
    static func check(_ bytes: [UInt8]) -> String? {
        let (packs, diagnostics) = PackLoader.load([PackSource(path: path, bytes: bytes)], variableOverrides: [])
        return LocatedErrors.check(loaded: packs != nil, diagnostics, file: path, bytes: bytes)
    }
}
