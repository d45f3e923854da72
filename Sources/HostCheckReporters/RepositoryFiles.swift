#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import HostCheckCore

/// Which files a SARIF location may point at: regular files inside the repository, which for
/// hostcheck is the directory it runs in (`%SRCROOT%`; docs/reports.md, "sarif").
///
/// A source location names a file as the user gave it (`captures/wh-1/netstat.txt`), a place
/// the live probe read (`/proc/net/tcp`, `NETLINK_SOCK_DIAG/tcp`), a built-in pack
/// (`builtin:base.yaml`) or whatever a snapshot or a probe plugin wrote. Only the first kind is
/// a file a code-scanning viewer can open, so a location is taken only when its path, resolved
/// lexically, stays inside the working directory, its first component holds no `:` (a scheme,
/// `builtin:`, a drive letter), and a regular file is there now.
package struct RepositoryFiles: Sendable {
    /// The working directory, `%SRCROOT%`; nil when it cannot be read (then absolute paths are
    /// never in the repository).
    package let root: String?
    /// Whether a regular file exists at a path (relative to the working directory or absolute).
    package let isRegularFile: @Sendable (String) -> Bool

    /// Decides with `isRegularFile` for a repository rooted at `root`.
    package init(root: String?, isRegularFile: @escaping @Sendable (String) -> Bool) {
        self.root = root
        self.isRegularFile = isRegularFile
    }

    /// The working directory and the file system as they are.
    package static var workingDirectory: RepositoryFiles {
        RepositoryFiles(root: FileSystem.workingDirectory()) { path in
            var status = stat()
            return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        }
    }

    /// The path of `file` relative to the repository root, without `.` or `..` (`captures/a.txt`
    /// for `./captures/x/../a.txt`), when it is a regular file inside the repository; else nil.
    package func path(_ file: String) -> String? {
        guard !file.isEmpty, !file.utf8.contains(0) else { return nil }
        var text = Substring(file)
        if text.hasPrefix("/") {
            guard let root else { return nil }
            let prefix = root.hasSuffix("/") ? root : root + "/"
            guard text.hasPrefix(prefix) else { return nil }
            text = text.dropFirst(prefix.count)
        }
        var components: [Substring] = []
        for component in text.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard components.popLast() != nil else { return nil }
            default: components.append(component)
            }
        }
        guard let first = components.first, !first.contains(":") else { return nil }
        let relative = components.joined(separator: "/")
        return isRegularFile(relative) ? relative : nil
    }
}
