/// The tool and version that made a snapshot or a results document.
public struct Generator: Sendable, Hashable {
    /// The tool name (`hostcheck`, or an external probe plugin's name).
    public var name: String
    /// The tool version (`0.1.0`).
    public var version: String

    /// Creates the record of a tool and its version.
    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    /// This build of hostcheck.
    public static let hostcheck = Generator(name: "hostcheck", version: HostCheckVersion.current)
}

/// The version of hostcheck, reported by `--version` and written into every JSON document.
public enum HostCheckVersion {
    /// This build's version (`0.1.0`).
    public static let current = "0.1.0"
}
