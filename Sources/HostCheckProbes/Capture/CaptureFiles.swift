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

/// The files a probe reads, in order, as ``CaptureFiles/files(paths:)`` lists them.
struct CaptureFileList: Sendable {
    /// Every file to read.
    var files: [String] = []
    /// For each of ``files``, true when its bundle's listing said it is a regular file (read
    /// without a `stat` before it is opened; ``InputFile/bytes(_:kind:origin:mappingFrom:listedRegular:)``).
    var listedRegular: [Bool] = []
    /// Errors of the host found while listing (a sub-directory in a bundle).
    var notes: [Diagnostic] = []
    /// The paths that are bundle directories, in order.
    var directories: [String] = []
}

/// Reads capture files and bundle directories.
enum CaptureFiles {
    /// Lists every file to read: a file path is itself; a directory is a bundle whose regular
    /// files are read in name order, except those ``IgnoredEntries`` leaves out (dotfiles,
    /// `README*`); a sub-directory of a bundle is an error of the host (it cannot be read).
    /// A bundle is listed once; an entry its listing names a directory or a regular file is
    /// not `stat`ed, any other (a link, a FIFO, a listing without types) is.
    /// - Throws: ``CaptureError`` when a path does not exist or a directory cannot be listed,
    ///   and when an entry of a bundle is not a regular file or directory (a FIFO, a device, a
    ///   socket, a dangling link, a symbolic link loop): such an entry is never opened, and its
    ///   host is `error`.
    static func files(paths: [String]) throws(CaptureError) -> CaptureFileList {
        var list = CaptureFileList()
        for path in paths {
            let entries: [(name: String, type: FileSystem.ListedType)]
            // A path that lists is a directory (`opendir` opens nothing else); `-` is standard
            // input, whose type is its descriptor's.
            if path != "-", let listed = FileSystem.typedEntries(ofDirectory: path) {
                entries = listed
            } else {
                guard try type(of: path) == .directory else {
                    list.files.append(path)
                    list.listedRegular.append(false)
                    continue
                }
                guard let listed = FileSystem.typedEntries(ofDirectory: path) else {
                    throw CaptureError(path: path, message: "cannot list the directory")
                }
                entries = listed
            }
            list.directories.append(path)
            for entry in entries.sorted(by: { $0.name < $1.name }) where !IgnoredEntries.contains(entry.name) {
                let file = path.hasSuffix("/") ? path + entry.name : path + "/" + entry.name
                let type: InputFile.EntryType = switch entry.type {
                case .directory: .directory
                case .regular: .regular
                case .unknown: try self.type(of: file)
                }
                switch type {
                case .directory:
                    list.notes.append(Diagnostic(
                        .error, "a sub-directory in a bundle (a bundle holds the files of one host)", at: SourceLocation(file: file)))
                case .regular:
                    list.files.append(file)
                    list.listedRegular.append(entry.type == .regular)
                case .other(let what):
                    throw CaptureError(path: file, message: "not a regular file (\(what))")
                }
            }
        }
        return list
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
    /// read up to its limit; one listed in a bundle must be a regular file (`listedRegular`:
    /// its listing said so).
    /// - Throws: ``CaptureError`` when the file cannot be opened or read, or is over its limit.
    static func readFile(_ path: String, origin: InputFile.Origin, listedRegular: Bool = false) throws(CaptureError) -> FileBytes {
        do {
            return try InputFile.bytes(path, kind: .capture, origin: origin, listedRegular: listedRegular)
        } catch {
            throw CaptureError(path: path, message: error.message)
        }
    }

    /// The host name a list of paths implies: the name of the first bundle directory (`.` is
    /// the working directory's name, `a/b/..` is `a`). `directories` are those listed
    /// (``CaptureFileList/directories``); `-` is a directory when a directory of that name is.
    static func bundleName(paths: [String], directories: [String]) -> String? {
        for path in paths where path == "-" ? FileSystem.isDirectory(path) == true : directories.contains(path) {
            if let name = lastComponent(of: path) { return name }
        }
        return nil
    }

    /// ``FileSystem/lastComponent(of:)``. An absolute ASCII path without a `.` or `..`
    /// component (every bundle of a fleet) is read as bytes: it has the same components split
    /// at each `/` as split at each `Character` `/` (in ASCII, no `/` joins another character).
    static func lastComponent(of path: String) -> String? {
        var path = path
        let quick: String? = path.withUTF8 { bytes in
            guard bytes.first == UInt8(ascii: "/"), bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var last: Range<Int>?
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: "/") {
                let component = start..<end
                start = end + 1
                if component.isEmpty { continue }
                if ByteLine.equals(bytes, component, ".") || ByteLine.equals(bytes, component, "..") { return nil }
                last = component
            }
            return last.map { ByteLine.string(bytes, $0) }
        }
        return quick ?? FileSystem.lastComponent(of: path)
    }
}
