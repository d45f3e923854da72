import HostCheckCore

/// What a capture format added by a Swift extension reads from one file (docs/swift-extensions.md).
///
/// Fail closed: a socket whose owner the text does not show has ownership `unknown`, and a
/// line the parser cannot read is a diagnostic located at its line, never skipped.
public struct ExtensionCaptureFacts: Sendable {
    /// The sockets listed, or nil when the format lists none.
    public var sockets: [SocketFact]?
    /// The processes listed, or nil when the format lists none.
    public var processes: [ProcessFact]?
    /// What could not be read, each located in the file.
    public var diagnostics: [Diagnostic]

    /// The facts of one file; by default none.
    public init(sockets: [SocketFact]? = nil, processes: [ProcessFact]? = nil, diagnostics: [Diagnostic] = []) {
        self.sockets = sockets
        self.processes = processes
        self.diagnostics = diagnostics
    }
}

extension CaptureFormatDescriptor {
    /// A capture format added by a Swift extension: the capture probe decodes each file (any
    /// encoding hostcheck reads), offers its non-blank lines to every format's `recognise`, and
    /// gives the file to the best one's `parse` as its lines (index 0 is line 1) with the file's
    /// name for diagnostics. The coverage is inferred from what `parse` returns.
    ///
    /// - Parameters:
    ///   - recognise: how strongly the first non-blank lines look like this format; nil: not at all.
    ///     Recognise by content only, never by the file's name.
    ///   - parse: the facts of one file, from its file name and its lines.
    public init(
        id: String, summary: String, platform: Platform, coverage: CaptureCoverage,
        recognise: @escaping @Sendable (_ nonBlankLines: [Substring]) -> Recognition?,
        parse: @escaping @Sendable (_ file: String, _ lines: [Substring]) -> ExtensionCaptureFacts
    ) {
        self.init(
            id: id, summary: summary, platform: platform, coverage: coverage, recognise: recognise,
            reading: .parsed(parse: { document in
                let facts = parse(document.text.file, document.text.lines)
                var result = CaptureFacts()
                if let sockets = facts.sockets {
                    var listing = SocketCapture()
                    listing.sockets = sockets
                    listing.diagnostics = facts.diagnostics
                    listing.hasPIDs = sockets.contains { !$0.pids.isEmpty }
                    result.sockets = listing
                }
                // A file that lists no sockets is a process listing, possibly empty: it never
                // claims that the host has no sockets.
                if facts.processes != nil || facts.sockets == nil {
                    var listing = ProcessCapture()
                    listing.processes = facts.processes ?? []
                    if facts.sockets == nil { listing.diagnostics = facts.diagnostics }
                    result.processes = listing
                }
                return result
            }))
    }
}
