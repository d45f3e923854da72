/// The rule packs shipped in `rules/`, compiled into the binary so that a moved binary
/// still finds them (no `Bundle.module` lookup at run time).
public enum BuiltinPacks {
    /// One embedded pack file.
    public struct File: Sendable, Hashable {
        /// The file name in `rules/` (`magaya-network.yaml`).
        public let name: String
        /// The file's bytes.
        public let bytes: [UInt8]
    }

    /// Every built-in pack, sorted by file name. A test checks this equals `rules/*.yaml`
    /// (templates named `*.example.yaml` are documentation, not built-in packs).
    public static var all: [File] {
        [
            File(name: "legacy-cleartext.yaml", bytes: PackageResources.legacy_cleartext_yaml),
            File(name: "loopback-only-datastores.yaml", bytes: PackageResources.loopback_only_datastores_yaml),
            File(name: "magaya-network.yaml", bytes: PackageResources.magaya_network_yaml),
            File(name: "remote-admin.yaml", bytes: PackageResources.remote_admin_yaml),
            File(name: "windows-exposure.yaml", bytes: PackageResources.windows_exposure_yaml),
        ]
    }
}
