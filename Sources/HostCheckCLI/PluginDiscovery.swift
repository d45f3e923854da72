#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore

/// The two kinds of external plugin (docs/plugins.md).
enum PluginKind: String, Sendable, CaseIterable {
    /// `hostcheck-probe-NAME`: writes a snapshot document (`--probe NAME`).
    case probe
    /// `hostcheck-report-NAME`: reads a results document (`--format NAME[:PATH]`).
    case report

    /// The executable's name for the plugin `name`.
    func executableName(_ name: String) -> String { "hostcheck-\(rawValue)-\(name)" }
}

/// One plugin executable found in a search directory.
struct PluginCandidate: Sendable, Hashable {
    var kind: PluginKind
    var name: String
    var path: String
    /// Why it may not run (as root: who may write it); nil when it may.
    var refusal: String?
}

/// Where plugins are found: the directories of `HOSTCHECK_PLUGIN_PATH`, then of `PATH`, in
/// order; an empty or relative entry is skipped (it would mean the current directory). The
/// first directory holding `hostcheck-KIND-NAME` as an executable regular file decides; a
/// refused plugin there is refused, never replaced by one further down the path.
///
/// Run as root, a plugin is refused when the file, the directory it was found in, or (through a
/// symbolic link) the real file's directory is group- or world-writable, or is owned by neither
/// root nor the real user id: anyone else who can write it could run code as root. Packs never
/// name a plugin (docs/architecture.md, "Reliability and security").
struct PluginDiscovery: Sendable {
    /// The absolute directories searched, in order (a directory listed twice, once).
    var directories: [String]
    /// Entries of the two variables that were skipped, for `list plugins`.
    var skipped: [String]
    /// Whether plugins are judged as root would run them.
    var asRoot: Bool

    init(environment: [String: String], asRoot: Bool = geteuid() == 0) {
        var directories: [String] = []
        var skipped: [String] = []
        for variable in ["HOSTCHECK_PLUGIN_PATH", "PATH"] {
            for entry in (environment[variable] ?? "").split(separator: ":", omittingEmptySubsequences: false).map(String.init) {
                if entry.isEmpty || !entry.hasPrefix("/") {
                    skipped.append("\(variable) entry '\(entry)': \(entry.isEmpty ? "empty" : "relative") (it would mean the current directory)")
                } else if !directories.contains(entry) {
                    directories.append(entry)
                }
            }
        }
        self.directories = directories
        self.skipped = skipped
        self.asRoot = asRoot
    }

    /// A plugin name is letters, digits, `.`, `_` and `-`, not starting with `.` or `-`.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else { return false }
        return name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// The plugin that `--probe NAME` or `--format NAME` runs, found or not.
    /// - Throws: ``CLIError`` (exit 64) for an invalid name, none found, or one refused.
    func plugin(_ kind: PluginKind, named name: String) throws -> PluginCandidate {
        guard Self.isValidName(name) else {
            throw CLIError(.usage, "'\(name)' is not a plugin name (letters, digits, '.', '_' and '-')")
        }
        if let found = find(kind, named: name) {
            if let refusal = found.refusal {
                throw CLIError(.usage, "\(kind.rawValue) plugin '\(name)' at \(found.path) refused: \(refusal)")
            }
            return found
        }
        throw CLIError(
            .usage,
            "no \(kind.rawValue) plugin '\(name)': no executable \(kind.executableName(name)) in HOSTCHECK_PLUGIN_PATH or PATH "
                + "(see hostcheck list plugins)")
    }

    /// The first `hostcheck-KIND-NAME` in the search directories, refused or not; nil for an
    /// invalid name or none.
    func find(_ kind: PluginKind, named name: String) -> PluginCandidate? {
        guard Self.isValidName(name) else { return nil }
        return directories.lazy.compactMap { candidate(kind, name: name, in: $0) }.first
    }

    /// Every plugin in the search directories, in search order; one shadowed by an earlier one
    /// of the same kind and name is left out.
    func all() -> [PluginCandidate] {
        var seen: Set<String> = []
        var found: [PluginCandidate] = []
        for directory in directories {
            for entry in FileSystem.entries(ofDirectory: directory)?.sorted() ?? [] {
                for kind in PluginKind.allCases {
                    let prefix = kind.executableName("")
                    guard entry.hasPrefix(prefix) else { continue }
                    let name = String(entry.dropFirst(prefix.count))
                    guard Self.isValidName(name), !seen.contains(entry),
                          let plugin = candidate(kind, name: name, in: directory) else { continue }
                    seen.insert(entry)
                    found.append(plugin)
                }
            }
        }
        return found
    }

    /// `directory/hostcheck-KIND-NAME` when it is an executable regular file (after symbolic
    /// links), with the reason it is refused, if it is.
    func candidate(_ kind: PluginKind, name: String, in directory: String) -> PluginCandidate? {
        let path = FileAccess.join(directory, kind.executableName(name))
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, access(path, X_OK) == 0 else { return nil }
        return PluginCandidate(kind: kind, name: name, path: path, refusal: asRoot ? Self.rootRefusal(path, directory: directory) : nil)
    }

    /// Why root may not run the plugin at `path` found in `directory`, or nil.
    static func rootRefusal(_ path: String, directory: String) -> String? {
        var checked = [(path, "the file"), (directory, "its directory \(directory)")]
        if let resolved = realpath(path, nil) {
            let real = String(cString: resolved)
            free(resolved)
            if real != path, let parent = FileAccess.parentDirectory(of: real) {
                checked += [(real, "its target \(real)"), (parent, "its target's directory \(parent)")]
            }
        }
        let invoker = getuid()
        for (item, what) in checked {
            var status = stat()
            guard stat(item, &status) == 0 else { return "\(what) cannot be examined: \(FileSystemCalls.lastError())" }
            let mode = status.st_mode & 0o7777
            if mode & 0o022 != 0 {
                return "\(what) is group- or world-writable (mode \(String(mode, radix: 8))); run as root, a plugin must be writable only by root or you"
            }
            if status.st_uid != 0, status.st_uid != invoker {
                return "\(what) is owned by uid \(status.st_uid), neither root nor the invoking user (uid \(invoker))"
            }
        }
        return nil
    }
}
