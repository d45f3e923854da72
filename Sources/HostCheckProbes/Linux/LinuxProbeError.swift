/// Why the live Linux probe could not produce a snapshot at all.
public struct LinuxProbeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line, lowercase, no trailing period.
    public var message: String
    /// The path that could not be read.
    public var path: String

    public init(_ message: String, path: String) {
        self.message = message
        self.path = path
    }

    public var description: String { "\(path): error: \(message)" }
}
