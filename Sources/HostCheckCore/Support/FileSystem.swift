#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system calls hostcheck makes, on the C library (no Foundation: it costs
/// milliseconds of start-up that a host check run at 1,000 sockets cannot afford).
package enum FileSystem {
    /// Whether `path` is a directory (following symbolic links); nil when it does not exist.
    package static func isDirectory(_ path: String) -> Bool? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in a directory, without `.` and `..`, in no particular order; nil when it
    /// cannot be listed.
    package static func entries(ofDirectory path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// What a directory's listing says an entry is (`d_type`), without a `stat`.
    package enum ListedType: Sendable, Hashable {
        /// A directory (not a symbolic link to one).
        case directory
        /// A regular file (not a symbolic link to one).
        case regular
        /// Anything else, or not said (a symbolic link, a FIFO, a file system without
        /// `d_type`): only a `stat` tells.
        case unknown
    }

    /// ``entries(ofDirectory:)`` with what the listing says each entry is: one listing, and
    /// no `stat` for the directories and regular files it names.
    package static func typedEntries(ofDirectory path: String) -> [(name: String, type: ListedType)]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var entries: [(name: String, type: ListedType)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != "." && name != ".." else { continue }
            let type: ListedType = switch Int(entry.pointee.d_type) {
            case Int(DT_DIR): .directory
            case Int(DT_REG): .regular
            default: .unknown
            }
            entries.append((name, type))
        }
        return entries
    }

    /// The working directory, nil when it cannot be read (it was removed).
    package static func workingDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The components of `path` made absolute against the working directory, with `.`, `..`
    /// and doubled slashes resolved lexically (no symbolic link is followed).
    package static func lexicalComponents(of path: String) -> [Substring] {
        var full = path
        if !path.hasPrefix("/") { full = (workingDirectory() ?? "") + "/" + path }
        var components: [Substring] = []
        for component in full.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return components
    }

    /// The last component of a path after `.` and `..` are resolved lexically (a relative path
    /// against the working directory): `wh-1` for `captures/wh-1/`, the working directory's
    /// name for `.`; nil for `/`.
    package static func lastComponent(of path: String) -> String? {
        lexicalComponents(of: path).last.map(String.init)
    }
}
