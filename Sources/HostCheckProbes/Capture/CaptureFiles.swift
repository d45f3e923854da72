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

/// Reads capture files and bundle directories.
enum CaptureFiles {
    /// Lists every file to read: a file path is itself; a directory is a bundle whose regular,
    /// non-hidden files are read in name order (sub-directories are ignored with a note).
    /// - Throws: ``CaptureError`` when a path does not exist or a directory cannot be listed.
    static func files(paths: [String]) throws(CaptureError) -> (files: [String], notes: [Diagnostic]) {
        var files: [String] = []
        var notes: [Diagnostic] = []
        for path in paths {
            guard let isDirectory = FileSystem.isDirectory(path) else {
                throw CaptureError(path: path, message: "no such file or directory")
            }
            guard isDirectory else {
                files.append(path)
                continue
            }
            guard let names = FileSystem.entries(ofDirectory: path) else {
                throw CaptureError(path: path, message: "cannot list the directory")
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let file = path.hasSuffix("/") ? path + name : path + "/" + name
                if FileSystem.isDirectory(file) == true {
                    notes.append(Diagnostic(.note, "sub-directory of a bundle ignored", at: SourceLocation(file: file)))
                } else {
                    files.append(file)
                }
            }
        }
        return (files, notes)
    }

    /// The bytes of a capture file (a large one mapped, not copied).
    /// - Throws: ``CaptureError`` when the file cannot be opened or read.
    static func readFile(_ path: String) throws(CaptureError) -> FileBytes {
        do {
            return try FileSystem.readFileBytes(path)
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
