/// A capture path that cannot be read at all (the CLI exits 66).
///
/// A file that is read but not understood is not an error: it becomes a ``Diagnostic`` in the
/// snapshot instead.
package struct CaptureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path as given.
    package var path: String
    /// Lowercase, no trailing period (`no such file or directory`).
    package var message: String

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    package var description: String { "\(path): error: \(message)" }
}
