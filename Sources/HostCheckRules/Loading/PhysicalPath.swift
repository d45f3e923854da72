#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore

/// Resolves a path one component at a time from `/`, the way the kernel would, but without
/// ever letting the kernel follow a symbolic link: every step is an `openat` with
/// `O_NOFOLLOW` on a directory descriptor this walk already holds, symbolic links are read
/// with `readlinkat` and spliced in, and `..` drops back to the parent descriptor held (it
/// is never looked up on disk). The result is the physical location (no links, no `.`/`..`)
/// and, for a regular file, a descriptor of exactly the file found there — so a check of
/// the location and the read that follows cannot be told apart by a change on disk in
/// between. Non-regular files are never opened (a FIFO cannot block, a device is not touched).
enum PhysicalPath {
    /// The most symbolic links followed in one resolution (Linux's own limit).
    static let maxLinks = 40

    /// Where a path led.
    enum Resolution {
        /// A regular file, opened read-only at `descriptor` (the caller closes it).
        case file([String], descriptor: Int32)
        /// A directory.
        case directory([String])
        /// Something else (FIFO, device, socket): not opened.
        case special([String])
        /// Nothing there; the components are where it would have been.
        case missing([String])
        /// More than ``maxLinks`` symbolic links.
        case loop
        /// A step failed for another reason (permissions, I/O): the `errno`.
        case failed(Int32)
    }

    /// Resolves `path` (a relative one against the working directory).
    static func resolve(_ path: String) -> Resolution {
        var full = path
        if !path.hasPrefix("/") {
            guard let directory = FileSystem.workingDirectory() else { return .failed(ENOENT) }
            full = directory + "/" + path
        }
        var walk = Walk()
        guard walk.start() else { return .failed(errno) }
        defer { walk.closeAll() }
        return walk.run(Array(full.split(separator: "/").reversed()))
    }

    /// Whether `components` lies inside (or is) the directory `root`.
    static func isInside(_ components: [String], root: [String]) -> Bool {
        components.count >= root.count && Array(components.prefix(root.count)) == root
    }

    /// Joins components into an absolute path.
    static func text(_ components: [String]) -> String {
        "/" + components.joined(separator: "/")
    }

    /// `.` and `..` of components taken lexically (for a path that does not exist).
    static func lexical(_ components: [String]) -> [String] {
        var result: [String] = []
        for component in components {
            if component == "." || component.isEmpty { continue }
            if component == ".." { _ = result.popLast() } else { result.append(component) }
        }
        return result
    }

    /// The state of one resolution: the directories descended into, each held open.
    private struct Walk {
        /// `descriptors[0]` is `/`; `descriptors[i + 1]` is `names[i]` inside `descriptors[i]`.
        var descriptors: [Int32] = []
        var names: [String] = []
        var links = 0

        mutating func start() -> Bool {
            let root = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard root >= 0 else { return false }
            descriptors = [root]
            return true
        }

        mutating func closeAll() {
            for descriptor in descriptors { close(descriptor) }
            descriptors = []
        }

        /// Resolves the components in `pending` (last element first).
        mutating func run(_ initial: [Substring]) -> Resolution {
            var pending = initial
            while let part = pending.popLast() {
                let name = String(part)
                if name == "." { continue }
                if name == ".." {
                    if !names.isEmpty {
                        names.removeLast()
                        close(descriptors.removeLast())
                    }
                    continue
                }
                let isLast = pending.isEmpty
                let parent = descriptors[descriptors.count - 1]
                var status = stat()
                guard fstatat(parent, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                    if errno == ENOENT || errno == ENOTDIR {
                        return .missing(PhysicalPath.lexical(names + [name] + pending.reversed().map(String.init)))
                    }
                    return .failed(errno)
                }
                switch status.st_mode & S_IFMT {
                case S_IFLNK:
                    links += 1
                    guard links <= PhysicalPath.maxLinks else { return .loop }
                    guard let target = Self.readLink(parent, name) else { return .failed(errno) }
                    if target.hasPrefix("/") {
                        while descriptors.count > 1 { close(descriptors.removeLast()) }
                        names = []
                    }
                    pending += target.split(separator: "/").reversed()
                case S_IFDIR:
                    if isLast { return .directory(names + [name]) }
                    let descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    guard descriptor >= 0 else { return .failed(errno) }
                    descriptors.append(descriptor)
                    names.append(name)
                    guard Self.same(descriptor, as: status) else { return .failed(EAGAIN) }
                case S_IFREG:
                    guard isLast else { return .missing(PhysicalPath.lexical(names + [name] + pending.reversed().map(String.init))) }
                    let descriptor = openat(parent, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
                    guard descriptor >= 0 else { return .failed(errno) }
                    guard Self.same(descriptor, as: status) else {
                        close(descriptor)
                        return .failed(EAGAIN)
                    }
                    return .file(names + [name], descriptor: descriptor)
                default:
                    guard isLast else { return .missing(PhysicalPath.lexical(names + [name] + pending.reversed().map(String.init))) }
                    return .special(names + [name])
                }
            }
            return .directory(names)
        }

        /// Whether the open `descriptor` is the file `status` described (same device, inode and
        /// type): nothing was swapped in between the look and the open.
        static func same(_ descriptor: Int32, as status: stat) -> Bool {
            var opened = stat()
            guard fstat(descriptor, &opened) == 0 else { return false }
            return opened.st_dev == status.st_dev && opened.st_ino == status.st_ino
                && (opened.st_mode & S_IFMT) == (status.st_mode & S_IFMT)
        }

        /// The target of the symbolic link `name` in `directory`.
        static func readLink(_ directory: Int32, _ name: String) -> String? {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlinkat(directory, name, &buffer, buffer.count)
            guard count > 0, count < buffer.count else { return nil }
            return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
