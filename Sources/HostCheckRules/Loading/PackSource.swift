import HostCheckCore
/// The bytes of one pack (or waiver) file and the path shown in its diagnostics.
public struct PackSource: Sendable, Hashable {
    /// Shown in diagnostics: `rules/x.yaml`, `builtin:magaya-network.yaml`.
    public var path: String
    public var bytes: [UInt8]

    /// A source named `path` holding `bytes`.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// Why a pack path given on the command line could not be read.
public struct PackSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: Sendable, Hashable {
        /// The path does not exist (the CLI exits 66).
        case notFound
        /// The path exists but could not be read.
        case unreadable
    }

    public var code: Code
    public var path: String
    public var message: String

    public var description: String { "\(path): error: \(message)" }
}

extension PackLoader {
    /// Expands command-line paths: a file is read as is; a directory means its `*.yaml` files,
    /// sorted by name (not recursive). Throws ``PackSourceError`` for the first missing or
    /// unreadable path.
    public static func sources(paths: [String]) throws(PackSourceError) -> [PackSource] {
        var sources: [PackSource] = []
        for path in paths {
            guard let isDirectory = FileSystem.isDirectory(path) else {
                throw PackSourceError(code: .notFound, path: path, message: "no such file or directory")
            }
            if isDirectory {
                guard let names = FileSystem.entries(ofDirectory: path) else {
                    throw PackSourceError(code: .unreadable, path: path, message: "cannot list directory")
                }
                let base = path.hasSuffix("/") ? path : path + "/"
                for name in names.filter({ $0.hasSuffix(".yaml") }).sorted() {
                    sources.append(try read(base + name))
                }
            } else {
                sources.append(try read(path))
            }
        }
        return sources
    }

    private static func read(_ path: String) throws(PackSourceError) -> PackSource {
        guard let bytes = try? FileSystem.readFile(path) else {
            throw PackSourceError(code: .unreadable, path: path, message: "cannot read file")
        }
        return PackSource(path: path, bytes: bytes)
    }
}
