import HostCheckCore

/// The bytes of one capture file, named as the user gave it (or as `dir/name` in a bundle).
struct CaptureInput: Sendable {
    var file: String
    var bytes: FileBytes

    init(file: String, bytes: FileBytes) {
        self.file = file
        self.bytes = bytes
    }

    init(file: String, bytes: [UInt8]) {
        self.init(file: file, bytes: FileBytes(bytes))
    }
}

/// The entries of a fleet directory or a bundle that are not read at all, one rule for both
/// (docs/cli.md, "Fleet entries"): dotfiles and `README*` (any case).
package enum IgnoredEntries {
    /// Whether the entry named `name` is left out.
    package static func contains(_ name: String) -> Bool {
        name.hasPrefix(".") || name.lowercased().hasPrefix("readme")
    }
}

/// Reads capture files and bundle directories.
enum CaptureFiles {
    /// Lists every file to read: a file path is itself; a directory is a bundle whose regular
    /// files are read in name order, except those ``IgnoredEntries`` leaves out (dotfiles,
    /// `README*`); a sub-directory of a bundle is an error of the host (it cannot be read).
    /// - Throws: ``CaptureError`` when a path does not exist or a directory cannot be listed,
    ///   and when an entry of a bundle is not a regular file or directory (a FIFO, a device, a
    ///   socket, a dangling link, a symbolic link loop): such an entry is never opened, and its
    ///   host is `error`.
    static func files(paths: [String]) throws(CaptureError) -> (files: [String], notes: [Diagnostic]) {
        var files: [String] = []
        var notes: [Diagnostic] = []
        for path in paths {
            guard try type(of: path) == .directory else {
                files.append(path)
                continue
            }
            guard let names = FileSystem.entries(ofDirectory: path) else {
                throw CaptureError(path: path, message: "cannot list the directory")
            }
            for name in names.sorted() where !IgnoredEntries.contains(name) {
                let file = path.hasSuffix("/") ? path + name : path + "/" + name
                switch try type(of: file) {
                case .directory:
                    notes.append(Diagnostic(
                        .error, "a sub-directory in a bundle (a bundle holds the files of one host)", at: SourceLocation(file: file)))
                case .regular:
                    files.append(file)
                case .other(let what):
                    throw CaptureError(path: file, message: "not a regular file (\(what))")
                }
            }
        }
        return (files, notes)
    }

    /// What `path` names, after links.
    private static func type(of path: String) throws(CaptureError) -> InputFile.EntryType {
        do {
            return try InputFile.type(of: path)
        } catch {
            throw CaptureError(path: path, message: error.message)
        }
    }

    /// The bytes of a capture file (a large one mapped, not copied), within the capture limits
    /// (docs/cli.md, "Limits"). A file named on the command line may be a pipe or a device,
    /// read up to its limit; one listed in a bundle must be a regular file.
    /// - Throws: ``CaptureError`` when the file cannot be opened or read, or is over its limit.
    static func readFile(_ path: String, origin: InputFile.Origin) throws(CaptureError) -> FileBytes {
        do {
            return try InputFile.bytes(path, kind: .capture, origin: origin)
        } catch {
            throw CaptureError(path: path, message: error.message)
        }
    }

    /// The host name a list of paths implies: the name of the first bundle directory (`.` is
    /// the working directory's name, `a/b/..` is `a`).
    static func bundleName(paths: [String]) -> String? {
        for path in paths where FileSystem.isDirectory(path) == true {
            if let name = FileSystem.lastComponent(of: path) { return name }
        }
        return nil
    }
}
