import HostCheckCore

/// The property shared by every YAML loader: an input that does not load says why, naming the
/// file, and a line it gives is a line of the file (a document-level error, such as a missing
/// `hostcheck:` key, names the file alone).
package enum LocatedErrors {
    /// A violation when nothing loaded and no error was given, an error names no file or another
    /// file, or gives a line or column outside the input.
    package static func check(loaded: Bool, _ diagnostics: [Diagnostic], file: String, bytes: [UInt8]) -> String? {
        let errors = diagnostics.filter { $0.severity == .error }
        if !loaded && errors.isEmpty { return "nothing loaded and no error given" }
        let lines = InputLines.count(bytes)
        for error in errors {
            guard let location = error.location, location.file == file else {
                return "an error not located in \(file): \(error)"
            }
            if let line = location.line, line < 1 || line > lines {
                return "an error at line \(line) of a \(lines)-line input: \(error)"
            }
            if let column = location.column, column < 1 || column > bytes.count + 1 {
                return "an error at column \(column) of a \(bytes.count)-byte input: \(error)"
            }
        }
        return nil
    }
}
