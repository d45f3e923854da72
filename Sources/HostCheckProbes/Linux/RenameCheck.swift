#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Rename detection (docs/rule-packs.md, "How strong is this identity?"): `comm` is the name a
/// process gives itself (`prctl(PR_SET_NAME)` changes it freely, `argv[0]` is never looked at).
/// It is consistent when it is a prefix of the executable's basename, or of the basename of a
/// command in the standard `PATH` directories that is the same file (`python3` for
/// `python3.11`, `sh` for `dash`).
struct RenameCheck {
    /// The standard `PATH` directories, searched under `root`.
    static let pathDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    /// Prefixed to each `PATH` directory (empty for the live system; a fixture tree in tests).
    var root: String = ""
    /// The names in each directory, listed once per run and only for a 15-byte `comm`.
    private var listings: [String: [[UInt8]]] = [:]

    init(root: String = "") {
        self.root = root
    }

    /// True when `comm` names neither the executable nor a `PATH` command that is it.
    mutating func isMismatch(comm: [UInt8], exePath: String, exe: FileID) -> Bool {
        let path = Array(exePath.utf8)
        let base = path.lastIndex(of: UInt8(ascii: "/")).map { Array(path[($0 + 1)...]) } ?? path
        if base.starts(with: comm) { return false }
        for directory in Self.pathDirectories {
            for name in candidates(comm: comm, in: directory) {
                let candidate = root + directory + "/" + ProcessName.text(name)
                if case .success(let status) = FileStatus.of(candidate), status.id == exe { return false }
            }
        }
        return true
    }

    /// The names in `directory` that `comm` may stand for: itself when shorter than the
    /// 15-byte limit (the kernel cut nothing), else every name it is a prefix of.
    private mutating func candidates(comm: [UInt8], in directory: String) -> [[UInt8]] {
        guard !comm.isEmpty, !comm.contains(UInt8(ascii: "/")) else { return [] }
        guard comm.count >= ProcessName.commLimit else { return [comm] }
        if listings[directory] == nil { listings[directory] = Self.list(root + directory) }
        return (listings[directory] ?? []).filter { $0.starts(with: comm) }
    }

    private static func list(_ directory: String) -> [[UInt8]] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name != [0x2E], name != [0x2E, 0x2E] { names.append(name) }
        }
        return names
    }
}
