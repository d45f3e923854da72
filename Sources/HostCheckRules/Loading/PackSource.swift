import HostCheckCore
/// The bytes of one pack (or waiver) file and the path shown in its diagnostics.
package struct PackSource: Sendable, Hashable {
    /// Shown in diagnostics: `rules/x.yaml`, `builtin:magaya-network.yaml`.
    package var path: String
    package var bytes: [UInt8]

    /// A source named `path` holding `bytes`.
    package init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// Why a pack path given on the command line could not be read.
package struct PackSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    package enum Code: Sendable, Hashable {
        /// The path does not exist (the CLI exits 66).
        case notFound
        /// The path exists but could not be read.
        case unreadable
    }

    package var code: Code
    package var path: String
    package var message: String

    package var description: String { "\(path): error: \(message)" }

    init(code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// The error for an input that could not be read.
    init(_ error: InputError) {
        self.init(code: error.code == .notFound ? .notFound : .unreadable, path: error.path, message: error.message)
    }
}

extension PackLoader {
    /// Expands command-line paths: a file is read as is; a directory means its `*.yaml` files,
    /// sorted by name (not recursive), each of which must be a regular file (a FIFO or device
    /// there is never opened). Throws ``PackSourceError`` for the first missing or unreadable
    /// path, with its cause.
    package static func sources(paths: [String]) throws(PackSourceError) -> [PackSource] {
        var sources: [PackSource] = []
        for path in paths {
            let type: InputFile.EntryType
            do {
                type = try InputFile.type(of: path)
            } catch {
                throw PackSourceError(error)
            }
            if type == .directory {
                guard let names = FileSystem.entries(ofDirectory: path) else {
                    throw PackSourceError(code: .unreadable, path: path, message: "cannot list directory")
                }
                let base = path.hasSuffix("/") ? path : path + "/"
                for name in names.filter({ $0.hasSuffix(".yaml") }).sorted() {
                    sources.append(try read(base + name, origin: .listed))
                }
            } else {
                sources.append(try read(path, origin: .named))
            }
        }
        return sources
    }

    private static func read(_ path: String, origin: InputFile.Origin) throws(PackSourceError) -> PackSource {
        do {
            return PackSource(path: path, bytes: try InputFile.read(path, kind: .pack, origin: origin))
        } catch {
            throw PackSourceError(error)
        }
    }
}
