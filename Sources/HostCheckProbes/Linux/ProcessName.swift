/// The Linux naming rules (docs/architecture.md, "Facts"), on raw bytes.
enum ProcessName {
    /// `comm` is at most 15 bytes (`TASK_COMM_LEN` 16 with its NUL).
    static let commLimit = 15

    /// `comm` without its single trailing newline (a name may itself contain newlines).
    static func comm(fromFile bytes: [UInt8]) -> [UInt8] {
        bytes.last == 0x0A ? Array(bytes.dropLast()) : bytes
    }

    /// argv[0] from `cmdline`: up to the first NUL; a title rewritten with spaces and no NUL
    /// separators (`nginx: master process`) gives its first space-separated word.
    static func argv0(cmdline bytes: [UInt8]) -> [UInt8] {
        let trimmed = dropTrailingNULs(bytes)
        if let nul = trimmed.firstIndex(of: 0) { return Array(trimmed[..<nul]) }
        if let space = trimmed.firstIndex(of: 0x20) { return Array(trimmed[..<space]) }
        return Array(trimmed)
    }

    /// The process name and whether it may be truncated: `comm` extended to
    /// basename(argv[0]) when `comm` is its 15-byte prefix, else truncated when `comm` is
    /// exactly 15 bytes.
    static func name(comm: [UInt8], cmdline: [UInt8]) -> (name: String, truncated: Bool) {
        guard comm.count == commLimit else { return (text(comm), false) }
        let argv0 = argv0(cmdline: cmdline)
        let base = argv0.lastIndex(of: UInt8(ascii: "/")).map { Array(argv0[($0 + 1)...]) } ?? argv0
        if base.count >= comm.count, base.starts(with: comm) {
            return (text(base), false)
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

    /// The `exe` link target without a ` (deleted)` suffix; nil when empty.
    static func exePath(_ bytes: [UInt8]) -> String? {
        let suffix = Array(" (deleted)".utf8)
        let path = bytes.count > suffix.count && bytes.suffix(suffix.count).elementsEqual(suffix)
            ? Array(bytes.dropLast(suffix.count)) : bytes
        return path.isEmpty ? nil : text(path)
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
