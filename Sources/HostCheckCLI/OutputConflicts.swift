#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore

/// A path a command reads, and how many directory levels below it are read too (a bundle
/// directory 1, a fleet directory 2).
struct InputPath: Sendable, Hashable {
    var path: String
    /// The option that names it, for messages (`--capture`, `a pack`).
    var role: String
    var depth: Int = 0
}

/// Refuses, before anything is read or written, two reports written to one file and a report
/// written over one of the run's inputs (exit 64). Existing files are compared by device and
/// inode (so hard links, symbolic links to a directory and `./` spellings are caught), new
/// ones by their normalised path; the standard streams by descriptor.
enum OutputConflicts {
    /// What a path is, for comparison.
    enum Identity: Hashable {
        case descriptor(Int32)
        case file(device: UInt64, inode: UInt64)
        case path(String)
    }

    /// Throws exit 64 for the first conflict among `specs` and against `inputs`.
    static func check(_ specs: [FormatSpec], followSymlinks: Bool, inputs: [InputPath]) throws {
        // Only the inputs that are outputs are kept: a fleet's files are visited, not collected
        // (memory flat in the number of hosts; Benchmarks/README.md, "Fleet").
        let wanted = Set(specs.compactMap { $0.path.map { outputIdentity($0, followSymlinks: followSymlinks) } })
        var inputIdentities: [Identity: InputPath] = [:]
        for input in inputs {
            visitIdentities(of: input.path, depth: input.depth) { identity, path in
                if wanted.contains(identity), inputIdentities[identity] == nil {
                    inputIdentities[identity] = InputPath(path: path, role: input.role)
                }
            }
        }
        var outputs: [Identity: String] = [:]
        for spec in specs {
            guard let path = spec.path else { continue }
            let identity = outputIdentity(path, followSymlinks: followSymlinks)
            if let earlier = outputs[identity] {
                throw CLIError(.usage, "\(path): two reports would be written to the same file (also \(earlier)); give each --format its own path")
            }
            outputs[identity] = path
            if let input = inputIdentities[identity] {
                let named = input.path == path ? "" : " \(input.path)"
                throw CLIError(.usage, "\(path): the report would overwrite an input (\(input.role)\(named)); give another path")
            }
        }
    }

    /// The identity a report path is written to: its descriptor, the file it names (the link
    /// itself when links are not followed), or its normalised path when it does not exist.
    static func outputIdentity(_ path: String, followSymlinks: Bool) -> Identity {
        if let fd = ReportPath.streamDescriptor(path) { return .descriptor(fd) }
        var status = stat()
        if lstat(path, &status) == 0 {
            if followSymlinks, ReportTargetKind(mode: status.st_mode) == .symbolicLink {
                var target = stat()
                if stat(path, &target) == 0 { return identity(target) }
            }
            return identity(status)
        }
        return .path(ReportPath.normalised(path))
    }

    /// Calls `body` with the identity of an input and, `depth` levels down, of every file in it
    /// (following links, as the readers do); a path that does not exist by its normalised path.
    static func visitIdentities(of path: String, depth: Int, _ body: (Identity, String) -> Void) {
        guard ReportPath.streamDescriptor(path) == nil else { return }
        var status = stat()
        guard stat(path, &status) == 0 else { return body(.path(ReportPath.normalised(path)), path) }
        body(identity(status), path)
        if depth > 0, ReportTargetKind(mode: status.st_mode) == .directory,
           let names = FileSystem.entries(ofDirectory: path) {
            for name in names.sorted() {
                visitIdentities(of: FileAccess.join(path, name), depth: depth - 1, body)
            }
        }
    }

    private static func identity(_ status: stat) -> Identity {
        .file(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }
}
