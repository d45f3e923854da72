/// One `--format FORMAT[:PATH]` option: a reporter id and where its output goes.
struct FormatSpec: Sendable, Hashable {
    var id: String
    /// nil for standard output.
    var path: String?

    /// Parses `text` or `sarif:out/results.sarif`; `-`, `/dev/stdout` and `/dev/fd/1` are
    /// standard output.
    init(parsing argument: String) {
        if let colon = argument.firstIndex(of: ":") {
            id = String(argument[..<colon])
            let rest = String(argument[argument.index(after: colon)...])
            path = rest.isEmpty || ReportPath.streamDescriptor(rest) == 1 ? nil : rest
        } else {
            id = argument
            path = nil
        }
    }

    init(id: String, path: String?) {
        self.id = id
        self.path = path
    }
}
