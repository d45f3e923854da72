/// The rule packs shipped in `rules/`, compiled into the binary so that a moved binary
/// still finds them (no `Bundle.module` lookup at run time).
///
/// The bytes come from `EmbeddedPacks`, the source the HostCheckPackEmbed build-tool plugin
/// generates from this target's `rules/` after validating every pack (docs/architecture.md,
/// "Embedding packs at build time").
public enum BuiltinPacks {
    /// One embedded pack file.
    public struct File: Sendable, Hashable {
        /// The file name in `rules/` (`magaya-network.yaml`); hostcheck calls the pack `builtin:NAME`.
        public let name: String
        /// The file's bytes.
        public let bytes: [UInt8]

        /// A pack file named `name` (a file name, `site.yaml`) holding `bytes`; a distribution
        /// makes these from the `EmbeddedPacks.files` its own HostCheckPackEmbed run generates.
        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// Every built-in pack, sorted by file name. A test checks this equals `rules/*.yaml`
    /// (templates named `*.example.yaml` are documentation, not built-in packs).
    public static var all: [File] {
        EmbeddedPacks.files.map { File(name: $0.name, bytes: $0.bytes) }
    }
}
