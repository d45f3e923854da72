#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary file beside a report's final name, renamed over it once complete.
///
/// Everything happens relative to one descriptor of the directory, opened once, so a parent
/// directory swapped while the report is written cannot redirect the write. The temporary is
/// created with `O_CREAT|O_EXCL|O_NOFOLLOW` under a random name (a pre-created file or symbolic
/// link of any guessable name is never opened), and is removed on every failure.
struct ReplacementFile {
    /// The open directory.
    let directory: Int32
    /// The final name in `directory`.
    let name: String
    /// The temporary's name in `directory`.
    let temporaryName: String
    /// The open temporary.
    let descriptor: Int32
    /// The permission bits and owner to give the report: those of the file it replaces, nil for
    /// a new file (created 0644 under the umask).
    let replaced: (mode: mode_t, owner: uid_t, group: gid_t)?
    /// The run's ``OutputGate`` and this temporary's token there: a timeout removes it.
    let tracking: (gate: OutputGate, token: Int)?

    /// Creates the temporary in `directory` (an open directory this value now owns) for the
    /// final `name`; `replaced` is the `lstat` of the regular file there, nil for none.
    /// Returns the reason on failure, with `directory` closed.
    static func create(in directory: Int32, name: String, replacing replaced: stat?) -> Result<ReplacementFile, WriteFailure> {
        let createMode: mode_t = replaced == nil ? 0o644 : 0o600
        for _ in 0..<100 {
            let temporaryName = temporaryName(for: name)
            let fd = openat(directory, temporaryName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, createMode)
            if fd >= 0 {
                let gate = CommandContext.current?.gate
                return .success(ReplacementFile(
                    directory: directory, name: name, temporaryName: temporaryName, descriptor: fd,
                    replaced: replaced.map { ($0.st_mode & 0o777, $0.st_uid, $0.st_gid) },
                    tracking: gate.map { ($0, $0.track(directory: directory, name: temporaryName)) }))
            }
            if errno == EEXIST || errno == ELOOP { continue }
            let reason = "cannot create a temporary file beside it: \(FileSystemCalls.lastError())"
            close(directory)
            return .failure(WriteFailure(reason))
        }
        close(directory)
        return .failure(WriteFailure("cannot create a temporary file beside it: 100 random names were taken"))
    }

    /// Gives the temporary the replaced file's mode (and, as root, owner), flushes it to disk,
    /// closes it and renames it over the final name. On failure the temporary is removed.
    /// Either way both descriptors are closed.
    func commit() -> WriteFailure? {
        untrack()
        if let failure = settle() {
            discard()
            return failure
        }
        if fsync(descriptor) != 0, errno != EINVAL {
            let failure = WriteFailure("cannot flush it to disk: \(FileSystemCalls.lastError())")
            discard()
            return failure
        }
        if close(descriptor) != 0 {
            let failure = WriteFailure(FileSystemCalls.lastError())
            unlinkat(directory, temporaryName, 0)
            close(directory)
            return failure
        }
        var now = stat()
        if fstatat(directory, name, &now, AT_SYMLINK_NOFOLLOW) == 0,
           let refusal = ReportTargetKind(mode: now.st_mode).refusal {
            unlinkat(directory, temporaryName, 0)
            close(directory)
            return WriteFailure("it changed while the report was written: \(refusal)")
        }
        if renameat(directory, temporaryName, directory, name) != 0 {
            let failure = WriteFailure(FileSystemCalls.lastError())
            unlinkat(directory, temporaryName, 0)
            close(directory)
            return failure
        }
        _ = fsync(directory)
        close(directory)
        return nil
    }

    /// Closes and removes the temporary without touching the final name.
    func discard() {
        untrack()
        close(descriptor)
        unlinkat(directory, temporaryName, 0)
        close(directory)
    }

    private func untrack() {
        if let tracking { tracking.gate.untrack(tracking.token) }
    }

    /// The owner (as root, or a group the user is in) and the mode of the replaced file.
    private func settle() -> WriteFailure? {
        guard let replaced else { return nil }
        var current = stat()
        guard fstat(descriptor, &current) == 0 else { return WriteFailure(FileSystemCalls.lastError()) }
        if current.st_uid != replaced.owner || current.st_gid != replaced.group {
            if geteuid() == 0 {
                guard fchown(descriptor, replaced.owner, replaced.group) == 0 else {
                    return WriteFailure("cannot give it the owner of the file it replaces: \(FileSystemCalls.lastError())")
                }
            } else {
                _ = fchown(descriptor, uid_t.max, replaced.group)
            }
        }
        guard fchmod(descriptor, replaced.mode) == 0 else {
            return WriteFailure("cannot give it the mode of the file it replaces: \(FileSystemCalls.lastError())")
        }
        return nil
    }

    /// `.NAME.tmp-` and twelve random letters and digits: hidden from pack, bundle and fleet
    /// listings, and never the same name twice.
    static func temporaryName(for name: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        var generator = SystemRandomNumberGenerator()
        let random = (0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        let stem = name.utf8.count <= 200 ? name : "hostcheck"
        return "." + stem + ".tmp-" + String(decoding: random, as: UTF8.self)
    }
}

/// Why a report destination could not be written (the path is added by the caller).
struct WriteFailure: Error {
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
