import HostCheckCore

/// SHA-256 of pack and waiver files, as lowercase hex: the fingerprint results carry so an
/// audit can tell which exact file was evaluated (Core's ``SHA256``, the one implementation).
enum SHA256Hex {
    /// Lowercase hex SHA-256 of `bytes`.
    static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hex(bytes)
    }
}
