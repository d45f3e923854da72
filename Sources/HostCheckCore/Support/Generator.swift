/// The tool and version that made a snapshot or a results document.
public struct Generator: Sendable, Hashable {
    public var name: String
    public var version: String

    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    /// This build of hostcheck.
    public static let hostcheck = Generator(name: "hostcheck", version: HostCheckVersion.current)
}

/// The version of hostcheck, reported by `--version` and written into every JSON document.
public enum HostCheckVersion {
    public static let current = "0.1.0"
}
