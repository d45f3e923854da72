import HostCheckCore

/// How the machine formats name each pack a run loaded: its id, version, where it came from and
/// the SHA-256 of its bytes (``RunInfo/packs``), so that which packs ran is never a surprise
/// (docs/reports.md, "Packs in every machine format").
enum PackProvenance {
    /// `built-in` for a pack compiled into the binary (file `builtin:NAME.yaml`), else `path`.
    static func source(_ pack: PackInfo) -> String {
        pack.file.hasPrefix("builtin:") ? "built-in" : "path"
    }

    /// `magaya-network 1.0.0 builtin:magaya-network.yaml sha256:ade3…`: id, version, file (a path
    /// or `builtin:NAME.yaml`) and digest, unescaped (each format escapes it for itself).
    static func line(_ pack: PackInfo) -> String {
        "\(pack.id) \(pack.version) \(pack.file) sha256:\(pack.sha256)"
    }
}
