/// Why the live Linux probe could not produce a snapshot at all.
package struct LinuxProbeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line, lowercase, no trailing period.
    package var message: String
    /// The path that could not be read.
    package var path: String

    package init(_ message: String, path: String) {
        self.message = message
        self.path = path
    }

    package var description: String { "\(path): error: \(message)" }
}
