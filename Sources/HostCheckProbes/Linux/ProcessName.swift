/// The Linux naming rules (docs/architecture.md, "Facts"), on raw bytes.
enum ProcessName {
    /// `comm` is at most 15 bytes (`TASK_COMM_LEN` 16 with its NUL).
    static let commLimit = 15

    /// `comm` without its single trailing newline (a name may itself contain newlines).
    static func comm(fromFile bytes: [UInt8]) -> [UInt8] {
        bytes.last == 0x0A ? Array(bytes.dropLast()) : bytes
    }

    /// The process name and whether it may be truncated: `comm` extended to the basename of
    /// the executable when `comm` is its 15-byte prefix, else truncated when `comm` is exactly
    /// 15 bytes. `argv[0]` is never used: the process writes it (docs/rule-packs.md, "How
    /// strong is this identity?").
    static func name(comm: [UInt8], exePath: String?) -> (name: String, truncated: Bool) {
        guard comm.count == commLimit else { return (text(comm), false) }
        if let exePath {
            let path = Array(exePath.utf8)
            let base = path.lastIndex(of: UInt8(ascii: "/")).map { Array(path[($0 + 1)...]) } ?? path
            if base.count >= comm.count, base.starts(with: comm) { return (text(base), false) }
        }
        return (text(comm), true)
    }

    /// The command line: NUL-separated argv joined with spaces, trailing NULs dropped;
    /// nil when empty (kernel threads, zombies).
    static func cmdline(_ bytes: [UInt8]) -> String? {
        let trimmed = dropTrailingNULs(bytes)
        guard !trimmed.isEmpty else { return nil }
        return text(trimmed.map { $0 == 0 ? 0x20 : $0 })
    }

    static func dropTrailingNULs(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0 { end -= 1 }
        return bytes[..<end]
    }

    /// Bytes as text; invalid UTF-8 becomes U+FFFD.
    static func text(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
