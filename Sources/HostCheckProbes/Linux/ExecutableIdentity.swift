#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether the path the `exe` link names is the file the process runs, looked up in
/// hostcheck's own mount namespace (docs/rule-packs.md, "How strong is this identity?").
///
/// The link's text is what the kernel resolved in the *process's* mount namespace: a process
/// in a namespace of its own (a tmpfs over `/opt`) can show any path. Only `stat` of that
/// path here, with the same device and inode as `stat("/proc/PID/exe")`, verifies it.
struct ExecutableIdentity: Sendable, Hashable {
    /// The executable path, with ` (deleted)` removed only when the file has no link left.
    var path: String?
    var deleted: Bool?
    var verified: Bool?
    /// `not-found`, `other-file`, `deleted`, `unreadable`; nil when verified or no path is known.
    var problem: String?

    static let deletedSuffix = Array(" (deleted)".utf8)

    /// Decides from the `exe` link's text, `stat` of the link (the running file) and a way to
    /// `stat` a path in hostcheck's namespace.
    static func decide(
        link: [UInt8]?, exe: Result<FileStatus, SystemError>,
        statPath: (String) -> Result<FileStatus, SystemError>
    ) -> ExecutableIdentity {
        guard let link, !link.isEmpty else { return ExecutableIdentity() }
        guard case .success(let running) = exe else {
            return ExecutableIdentity(path: ProcessName.text(link), deleted: nil, verified: false, problem: "unreadable")
        }
        let deleted = running.links == 0
        var bytes = link
        if deleted, bytes.count > deletedSuffix.count, bytes.suffix(deletedSuffix.count).elementsEqual(deletedSuffix) {
            bytes.removeLast(deletedSuffix.count)
        }
        let path = ProcessName.text(bytes)
        if deleted { return ExecutableIdentity(path: path, deleted: true, verified: false, problem: "deleted") }
        switch statPath(path) {
        case .success(let named) where named.id == running.id:
            return ExecutableIdentity(path: path, deleted: false, verified: true, problem: nil)
        case .success:
            return ExecutableIdentity(path: path, deleted: false, verified: false, problem: "other-file")
        case .failure(let error) where error.isGone || error.code == ENOTDIR:
            return ExecutableIdentity(path: path, deleted: false, verified: false, problem: "not-found")
        case .failure:
            return ExecutableIdentity(path: path, deleted: false, verified: false, problem: "unreadable")
        }
    }
}
