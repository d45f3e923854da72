#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore

/// How a report path is read before anything is opened: the names of the standard streams,
/// and the directory and final component of every other path (docs/cli.md, "Reports").
enum ReportPath {
    /// The descriptor a stream name stands for: `-` and `/dev/stdout` are 1, `/dev/stderr` is
    /// 2, `/dev/fd/N` is N; nil for any other path. Such a path is never opened or replaced.
    static func streamDescriptor(_ path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        let prefix = "/dev/fd/"
        guard path.hasPrefix(prefix) else { return nil }
        let digits = path.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
        return Int32(digits)
    }

    /// The directory a path's final component lives in (`.` when there is none) and that
    /// component; nil when the path names a directory by its spelling (`out/`, `.`, `a/..`).
    static func split(_ path: String) -> (directory: String, name: String)? {
        guard !path.isEmpty, !path.hasSuffix("/") else { return nil }
        let directory: String
        let name: String
        if let slash = path.lastIndex(of: "/") {
            let parent = path[..<slash]
            directory = parent.isEmpty ? "/" : String(parent)
            name = String(path[path.index(after: slash)...])
        } else {
            directory = "."
            name = path
        }
        guard name != ".", name != ".." else { return nil }
        return (directory, name)
    }

    /// `path` made absolute against the working directory, with `.`, `..` and doubled
    /// slashes resolved lexically; the directory part is resolved through symbolic links when
    /// it exists. Two spellings of one new file compare equal this way.
    static func normalised(_ path: String) -> String {
        if let parts = split(path), let real = realDirectory(parts.directory) {
            return real == "/" ? "/" + parts.name : real + "/" + parts.name
        }
        return "/" + FileSystem.lexicalComponents(of: path).joined(separator: "/")
    }

    /// realpath(3) of a directory; nil when it does not exist.
    private static func realDirectory(_ directory: String) -> String? {
        guard let resolved = realpath(directory, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// What the final component of a path is, from `lstat` (a symbolic link is itself).
enum ReportTargetKind: Equatable, Sendable {
    case missing, regularFile, characterDevice, fifo, symbolicLink, directory, blockDevice, socket, other

    /// The kind of a `st_mode`.
    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regularFile
        case S_IFCHR: self = .characterDevice
        case S_IFIFO: self = .fifo
        case S_IFLNK: self = .symbolicLink
        case S_IFDIR: self = .directory
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }

    /// Why a report is never written to this kind of file; nil when it is written.
    var refusal: String? {
        switch self {
        case .missing, .regularFile, .characterDevice, .fifo: return nil
        case .symbolicLink:
            return "it is a symbolic link; give its target, or --follow-output-symlinks to write through it"
        case .directory: return "it is a directory; give a file name"
        case .blockDevice: return "it is a block device; reports are never written to one"
        case .socket: return "it is a socket; reports are never written to one"
        case .other: return "it is not a regular file, character device or FIFO"
        }
    }
}

/// C library calls named apart from Swift members of the same name.
enum FileSystemCalls {
    /// strerror(3) of the current errno.
    static func lastError() -> String { String(cString: strerror(errno)) }
}
