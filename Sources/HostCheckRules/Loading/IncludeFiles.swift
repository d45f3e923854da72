#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore

/// Reads an `include:` target only when it lies inside the including pack's directory tree
/// or a directory given with `--include-root`, judged after symbolic links are resolved
/// (docs/rule-packs.md, "Includes and overrides").
enum IncludeFiles {
    /// Why an include was not read.
    enum Refusal: Error, Equatable {
        /// Nothing at that path.
        case notFound
        /// It resolves to `resolved`, which is in none of the allowed trees.
        case outside(resolved: String)
        /// A directory, FIFO, device or socket.
        case notRegular
        /// Too many symbolic links.
        case loop
        /// It exists but could not be opened or read.
        case unreadable
    }

    /// The bytes of `target`, an include of the pack at `includer`, confined to the
    /// includer's directory and `extraRoots`. With `onDisk` false (packs held in memory, as
    /// in tests) the check is lexical and `readFile` gets `target` itself.
    static func read(
        _ target: String, includer: String, extraRoots: [String], onDisk: Bool,
        readFile: @Sendable (String) -> [UInt8]?
    ) -> Result<[UInt8], Refusal> {
        let directory = PathText.directory(of: includer)
        let roots = [directory.isEmpty ? "." : directory] + extraRoots
        guard onDisk else { return readLexically(target, roots: roots, readFile: readFile) }
        let physicalRoots = roots.compactMap { root -> [String]? in
            if case .directory(let components) = PhysicalPath.resolve(root) { return components }
            return nil
        }
        let inside = { (components: [String]) in physicalRoots.contains { PhysicalPath.isInside(components, root: $0) } }
        switch PhysicalPath.resolve(target) {
        case .file(let components, let descriptor):
            defer { close(descriptor) }
            guard inside(components) else { return .failure(.outside(resolved: PhysicalPath.text(components))) }
            // The descriptor names exactly the file checked; reading it through its /dev/fd
            // entry lets the one file reader (and its limits) do the reading.
            guard let bytes = readFile("/dev/fd/\(descriptor)") else { return .failure(.unreadable) }
            return .success(bytes)
        case .directory(let components), .special(let components):
            return .failure(inside(components) ? .notRegular : .outside(resolved: PhysicalPath.text(components)))
        case .missing(let components):
            return .failure(inside(components) ? .notFound : .outside(resolved: PhysicalPath.text(components)))
        case .loop:
            return .failure(.loop)
        case .failed:
            return .failure(.unreadable)
        }
    }

    /// The in-memory check: `target` with `.` and `..` taken lexically must lie in a root.
    private static func readLexically(
        _ target: String, roots: [String], readFile: @Sendable (String) -> [UInt8]?
    ) -> Result<[UInt8], Refusal> {
        let absolute = { (path: String) -> [String] in
            let full = path.hasPrefix("/") ? path : (FileSystem.workingDirectory() ?? "") + "/" + path
            return PhysicalPath.lexical(full.split(separator: "/").map(String.init))
        }
        let components = absolute(target)
        guard roots.contains(where: { PhysicalPath.isInside(components, root: absolute($0)) }) else {
            return .failure(.outside(resolved: PhysicalPath.text(components)))
        }
        guard let bytes = readFile(target) else { return .failure(.notFound) }
        return .success(bytes)
    }
}
