import HostCheckCore

/// Small file-system helpers for the CLI (not a hot path).
enum FileAccess {
    /// Whether `path` exists, and whether it is a directory.
    static func kind(of path: String) -> (exists: Bool, isDirectory: Bool) {
        let isDirectory = FileSystem.isDirectory(path)
        return (isDirectory != nil, isDirectory == true)
    }

    /// The bytes of `path`; exit 66 when it does not exist, 65 when it cannot be read.
    static func read(_ path: String) throws -> [UInt8] {
        guard kind(of: path).exists else { throw CLIError(.noInput, "\(path): no such file or directory") }
        guard let bytes = try? FileSystem.readFile(path) else {
            throw CLIError(.noInput, "\(path): cannot be read")
        }
        return bytes
    }

    /// The entries of a directory, sorted by name; hidden entries are left out.
    static func entries(of directory: String) throws -> [String] {
        guard let names = FileSystem.entries(ofDirectory: directory) else {
            throw CLIError(.noInput, "\(directory): cannot be listed")
        }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// `directory/name` without a doubled slash.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The directory part of `path` (`out` for `out/r.json`), or nil when there is none.
    static func parentDirectory(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    /// The last path component, without a trailing slash.
    static func baseName(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed.split(separator: "/").last.map(String.init) ?? String(trimmed)
    }
}
