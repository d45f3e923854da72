/// A place in an input: a rule pack, a capture file or a `/proc` path.
///
/// Lines and columns are 1-based. `description` renders the compiler-style
/// prefix `file:line:col` used by every diagnostic.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file (as given on the command line) or the `/proc` path read.
    public var file: String
    // Line and column take eight bytes each (a socket of a large capture carries one).
    @usableFromInline var storedLine: CompactOptionalInt
    @usableFromInline var storedColumn: CompactOptionalInt

    /// The 1-based line, when the input has lines.
    @inlinable
    public var line: Int? {
        get { storedLine.value }
        set { storedLine = CompactOptionalInt(newValue) }
    }

    /// The 1-based column, when known.
    @inlinable
    public var column: Int? {
        get { storedColumn.value }
        set { storedColumn = CompactOptionalInt(newValue) }
    }

    /// Creates a location; `line` and `column` are 1-based, nil when unknown.
    @inlinable
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        storedLine = CompactOptionalInt(line)
        storedColumn = CompactOptionalInt(column)
    }

    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        return (lhs.column ?? 0) < (rhs.column ?? 0)
    }
}
