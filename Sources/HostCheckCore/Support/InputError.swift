#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input could not be read: one located message that says the cause once
/// (`netstat.txt: error: not a regular file (a FIFO)`).
package struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, which decides the exit code.
    package enum Code: Sendable, Hashable {
        /// Nothing at the path (a dangling link included): exit 66.
        case notFound
        /// It exists but could not be opened or read (permissions, I/O, a symlink loop): exit 66.
        case unreadable
        /// A directory where a file was wanted, or an entry that is not a regular file: exit 65.
        case notRegular
        /// Over the limit of its kind: exit 65.
        case tooLarge
        /// A pipe, FIFO or device that gave no byte: exit 65.
        case empty
    }

    package var code: Code
    /// The path as given.
    package var path: String
    /// Lowercase, no trailing period, never the path again (`too many levels of symbolic links`).
    package var message: String

    package init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    package var description: String { "\(path): error: \(message)" }

    /// The error for a failed system call on `path`, from `errno`.
    static func system(_ number: Int32, path: String) -> InputError {
        switch number {
        case ENOENT, ENOTDIR: return InputError(.notFound, path: path, "no such file or directory")
        case ELOOP: return InputError(.unreadable, path: path, "too many levels of symbolic links")
        case EACCES, EPERM: return InputError(.unreadable, path: path, "permission denied")
        case EISDIR: return InputError(.notRegular, path: path, "is a directory")
        default:
            let text = strerror(number).map { String(cString: $0) } ?? "error \(number)"
            return InputError(.unreadable, path: path, text.prefix(1).lowercased() + text.dropFirst())
        }
    }
}
