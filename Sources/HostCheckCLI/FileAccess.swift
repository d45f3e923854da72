import HostCheckCore

/// Small file-system helpers for the CLI (not a hot path).
enum FileAccess {
    /// Whether `path` exists, and whether it is a directory.
    static func kind(of path: String) -> (exists: Bool, isDirectory: Bool) {
        let isDirectory = FileSystem.isDirectory(path)
        return (isDirectory != nil, isDirectory == true)
    }

    /// The bytes of `path`, read by ``InputFile`` within the limits of `kind` (docs/cli.md,
    /// "Limits"); `origin` says whether it was named by the user (a pipe or device is read, up
    /// to its limit) or found in a directory (only a regular file is read).
    /// - Throws: ``CLIError`` with the located message: exit 66 when it is missing or cannot be
    ///   opened, 65 when it is not a file hostcheck reads, is over its limit, or is empty.
    static func read(_ path: String, as kind: InputKind, origin: InputFile.Origin = .named) throws -> [UInt8] {
        do {
            return try InputFile.read(path, kind: kind, origin: origin)
        } catch {
            var failure = CLIError(input: error)
            // An entry of a directory that is no file to read is an error in that directory's data.
            if origin == .listed { failure.status = .dataError }
            throw failure
        }
    }

    /// What `path` names, following links (`-` is standard input).
    /// - Throws: ``CLIError`` (exit 66) with the located cause when nothing readable is there
    ///   (a dangling link, a symbolic link loop).
    static func type(of path: String) throws -> InputFile.EntryType {
        do {
            return try InputFile.type(of: path)
        } catch {
            throw CLIError(input: error)
        }
    }

    /// The entries of a directory, sorted by name; hidden entries are left out.
    static func entries(of directory: String) throws -> [String] {
        guard let names = FileSystem.entries(ofDirectory: directory) else {
            throw CLIError(.noInput, "\(directory): cannot be listed")
        }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// ``entries(of:)`` with what the listing says each entry is (``FileSystem/ListedType``).
    static func typedEntries(of directory: String) throws -> [(name: String, type: FileSystem.ListedType)] {
        guard let entries = FileSystem.typedEntries(ofDirectory: directory) else {
            throw CLIError(.noInput, "\(directory): cannot be listed")
        }
        return entries.filter { !$0.name.hasPrefix(".") }.sorted { $0.name < $1.name }
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
