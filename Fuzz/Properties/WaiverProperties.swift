import HostCheckRules

/// A waiver file either loads or gives located errors.
enum WaiverProperties {
    /// The violated property, or nil.
    static func check(_ bytes: [UInt8]) -> String? {
        let path = "waivers.yaml"
        let (waivers, diagnostics) = WaiverLoader.load(PackSource(path: path, bytes: bytes))
        return LocatedErrors.check(loaded: waivers != nil, diagnostics, file: path, bytes: bytes)
    }
}
