#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An open report destination: the descriptor written to, and what finishing it means.
///
/// The final path component decides (docs/cli.md, "Reports"): a stream name is the descriptor
/// itself; a character device or a FIFO is written in place, never replaced; a regular file or a
/// new path is replaced atomically (``ReplacementFile``); anything else is refused (exit 74).
/// A destination dropped before ``finish()`` (a later error) closes its descriptor and removes
/// its temporary, so a failed run leaves no half-written report and no stray file.
final class ReportDestination {
    /// The descriptor written to.
    let descriptor: Int32
    /// The path as given, for messages.
    let path: String
    private var state: State

    private enum State {
        /// A standard stream or `/dev/fd/N`: never closed here.
        case stream
        /// A character device or FIFO opened here.
        case inPlace
        case replacement(ReplacementFile)
        case finished
    }

    private init(descriptor: Int32, path: String, state: State) {
        self.descriptor = descriptor
        self.path = path
        self.state = state
    }

    deinit {
        abandon()
    }

    /// Closes the destination without finishing it: a temporary is removed, the final path
    /// is left as it was.
    func abandon() {
        let current = state
        state = .finished
        switch current {
        case .inPlace: close(descriptor)
        case .replacement(let file): file.discard()
        case .stream, .finished: break
        }
    }

    /// Opens the destination `path`; throws exit 74, naming the path and the reason, when it is
    /// refused or cannot be opened.
    /// - Parameter followSymlinks: a symbolic link as the final component is resolved and its
    ///   target judged by the same rules, instead of being refused.
    static func open(_ path: String, followSymlinks: Bool) throws -> ReportDestination {
        do {
            return try opening(path, followSymlinks: followSymlinks)
        } catch {
            throw CLIError(.cannotWrite, "\(path): cannot write: \(error.reason)")
        }
    }

    /// Closes the destination: a replacement is renamed into place. Returns the reason it failed.
    func finish() -> WriteFailure? {
        let current = state
        state = .finished
        switch current {
        case .stream, .finished:
            return nil
        case .inPlace:
            return close(descriptor) == 0 ? nil : WriteFailure(FileSystemCalls.lastError())
        case .replacement(let file):
            return file.commit()
        }
    }

    private static func opening(_ path: String, followSymlinks: Bool) throws(WriteFailure) -> ReportDestination {
        if let fd = ReportPath.streamDescriptor(path) {
            let flags = fcntl(fd, F_GETFL)
            guard flags >= 0, flags & O_ACCMODE != O_RDONLY else {
                throw WriteFailure("descriptor \(fd) is not open for writing")
            }
            return ReportDestination(descriptor: fd, path: path, state: .stream)
        }
        guard let parts = ReportPath.split(path) else { throw WriteFailure(ReportTargetKind.directory.refusal ?? "") }
        let directory = openDirectory(parts.directory)
        guard directory >= 0 else {
            throw WriteFailure("cannot open its directory: \(FileSystemCalls.lastError())")
        }
        var status = stat()
        let kind: ReportTargetKind
        if fstatat(directory, parts.name, &status, AT_SYMLINK_NOFOLLOW) == 0 {
            kind = ReportTargetKind(mode: status.st_mode)
        } else if errno == ENOENT {
            kind = .missing
        } else {
            let reason = FileSystemCalls.lastError()
            close(directory)
            throw WriteFailure(reason)
        }
        switch kind {
        case .missing, .regularFile:
            switch ReplacementFile.create(in: directory, name: parts.name, replacing: kind == .missing ? nil : status) {
            case .success(let file): return ReportDestination(descriptor: file.descriptor, path: path, state: .replacement(file))
            case .failure(let failure): throw failure
            }
        case .characterDevice, .fifo:
            defer { close(directory) }
            let fd = try openInPlace(directory, parts.name, kind)
            return ReportDestination(descriptor: fd, path: path, state: .inPlace)
        case .symbolicLink where followSymlinks:
            close(directory)
            guard let target = realpath(path, nil) else {
                throw WriteFailure("it is a symbolic link to nothing that exists (\(FileSystemCalls.lastError()))")
            }
            defer { free(target) }
            return try opening(String(cString: target), followSymlinks: false)
        default:
            close(directory)
            throw WriteFailure(kind.refusal ?? "")
        }
    }

    /// Opens a character device or FIFO for writing without creating, truncating or
    /// following anything, and checks that what was opened is still that kind of file.
    private static func openInPlace(_ directory: Int32, _ name: String, _ kind: ReportTargetKind) throws(WriteFailure) -> Int32 {
        let nonBlocking = kind == .fifo ? O_NONBLOCK : 0
        let fd = openat(directory, name, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC | nonBlocking)
        guard fd >= 0 else {
            if kind == .fifo, errno == ENXIO {
                throw WriteFailure("it is a FIFO that no process is reading; start the reader first")
            }
            throw WriteFailure(FileSystemCalls.lastError())
        }
        var status = stat()
        guard fstat(fd, &status) == 0, ReportTargetKind(mode: status.st_mode) == kind else {
            close(fd)
            throw WriteFailure("it changed while it was opened")
        }
        if kind == .fifo {
            let flags = fcntl(fd, F_GETFL)
            guard flags >= 0, fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0 else {
                let reason = FileSystemCalls.lastError()
                close(fd)
                throw WriteFailure(reason)
            }
        }
        return fd
    }
}

/// open(2) of a directory, for `openat`, `fstatat` and `renameat` relative to it.
private func openDirectory(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
}
