/// An error reading a JSON document: its syntax, a limit, or its shape.
///
/// Rendered compiler-style: `host.json:3:17: error: expected a string for 'name', found number`.
public struct JSONReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public enum Kind: Sendable, Hashable {
        /// The bytes are not JSON (or not UTF-8).
        case syntax
        /// The document exceeds a size or depth limit.
        case limitExceeded
        /// The JSON is well formed but not the expected document (missing key, wrong type).
        case invalidDocument
        /// The document declares a format version newer than this build reads.
        case unsupportedVersion(Int)
    }

    /// What kind of problem this is.
    public var kind: Kind
    /// One line, lowercase, no trailing period; never echoes more than a few characters of input.
    public var message: String
    /// Where the problem is in the document.
    public var location: SourceLocation

    /// Creates an error of `kind` with `message` at `location`.
    public init(_ kind: Kind, _ message: String, at location: SourceLocation) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    /// The error as a diagnostic of severity `error`.
    public var diagnostic: Diagnostic { Diagnostic(.error, message, at: location) }

    public var description: String { diagnostic.description }
}
