import HostCheckCore

/// One capture format: how it is recognised from a file's content (never its name), how it is
/// read or why it is refused, and what a complete capture in it can show.
///
/// Each format's file declares its descriptor beside its parser; ``CaptureFormatCatalog`` lists
/// them, and the registry passes that list to ``CaptureProbe``. See docs/architecture.md,
/// "The registry".
public struct CaptureFormatDescriptor: Sendable {
    /// The stable id written to `host.sources[].format` (`windows-netstat`).
    public let id: String
    /// One line for `hostcheck list captures`.
    public let summary: String
    /// The platform the format comes from, or `unknown` when it does not tell.
    public let platform: Platform
    /// What a complete capture in this format can show.
    public let coverage: CaptureCoverage
    /// Decides whether a text is in this format.
    package let recognise: @Sendable (_ nonBlankLines: [Substring]) -> Recognition?
    /// How the format is read, or why it is not.
    package let reading: CaptureReading
    /// Whether the byte path of recognition may decide among formats including this one
    /// (``QuickRecognition``); set for the built-in formats by ``CaptureFormatCatalog``.
    package var quick: QuickRecognition = .unknown

    package init(
        id: String, summary: String, platform: Platform, coverage: CaptureCoverage,
        recognise: @escaping @Sendable ([Substring]) -> Recognition?, reading: CaptureReading
    ) {
        self.id = id
        self.summary = summary
        self.platform = platform
        self.coverage = coverage
        self.recognise = recognise
        self.reading = reading
    }

    /// Whether this build turns the format into facts (false: recognised only to say why not).
    public var isRead: Bool {
        if case .refused = reading { false } else { true }
    }

    /// The message for a file in a refused format; nil when the format is read.
    public var refusal: String? {
        if case .refused(let message) = reading { message } else { nil }
    }
}

/// How a capture format is read.
package enum CaptureReading: Sendable {
    /// Parsed by `parse`; a large text may be parsed by `parallel` on up to `tasks` tasks.
    case parsed(
        parse: @Sendable (CaptureDocument) -> CaptureFacts,
        parallel: (@Sendable (CaptureDocument, _ tasks: Int) async -> CaptureFacts)? = nil)
    /// Recognised but not read: the message says why, and what to capture instead.
    case refused(String)
}

/// The decoded text of a capture file, as the parsers read it.
package struct CaptureDocument: Sendable {
    package var text: CaptureText
    package var decoded: DecodedBytes
    /// The rows recognition read (``QuickRecognition``), for the `netstat` parser.
    var knownRows = KnownRows()
}

/// What one capture file yields: sockets, processes, or both.
package struct CaptureFacts: Sendable {
    package var sockets: SocketCapture?
    package var processes: ProcessCapture?

    package init(sockets: SocketCapture? = nil, processes: ProcessCapture? = nil) {
        self.sockets = sockets
        self.processes = processes
    }

    /// What a parser that lists sockets and their owners' processes returns.
    package init(_ parsed: (sockets: SocketCapture, processes: ProcessCapture)) {
        self.init(sockets: parsed.sockets, processes: parsed.processes)
    }

    /// What a parser that may find sockets, processes or both returns.
    package init(_ parsed: (sockets: SocketCapture?, processes: ProcessCapture?)) {
        self.init(sockets: parsed.sockets, processes: parsed.processes)
    }
}

/// How strongly a text looks like a format. A `certain` sign (a `tasklist` ruler) beats a
/// fixed header or row shape, which beats another one further down; counted rows come last,
/// more beating fewer. Equal recognitions go to the format listed first in the catalog.
public enum Recognition: Sendable, Hashable, Comparable {
    /// Rows of the format's shape, counted (localized formats with no fixed header).
    case rows(Int)
    /// A fixed header or row shape at this non-blank line (0 is the first).
    case marker(line: Int)
    /// A sign no other format shows.
    case certain

    public static func < (lhs: Recognition, rhs: Recognition) -> Bool {
        switch (lhs, rhs) {
        case (.rows(let a), .rows(let b)): a < b
        case (.rows, _): true
        case (.marker, .rows): false
        case (.marker(let a), .marker(let b)): a > b
        case (.marker, .certain): true
        case (.certain, _): false
        }
    }

    /// The first of `lines` (at most 20) that starts with one of `headers` once its blanks are
    /// collapsed (`Netid  State   Recv-Q` starts `Netid State Recv-Q`), as a marker.
    package static func firstHeader(_ lines: [Substring], _ headers: String...) -> Recognition? {
        firstMarker(lines) { line in
            let collapsed = Tokens.split(line).joined(separator: " ")
            return headers.contains { collapsed.hasPrefix($0) }
        }
    }

    /// The first of `lines` (at most `limit`) for which `test` holds, as a marker.
    package static func firstMarker(_ lines: [Substring], limit: Int = 20, _ test: (Substring) -> Bool) -> Recognition? {
        lines.prefix(limit).firstIndex(where: test).map { .marker(line: $0) }
    }
}

/// What a complete capture in one format can show: the evidence it could hold, whatever the
/// host happened to have.
public struct CaptureCoverage: Sendable, Hashable {
    /// Which socket states a capture lists.
    public enum States: String, Sendable, Hashable {
        /// Every state (`netstat -an`, `ss -a`).
        case all
        /// Listening sockets only (`sockstat -l`, `ss -l`).
        case listening
        /// Depends on the options the command was run with (`ss`, `netstat` without `-a`).
        case asCaptured = "as-captured"
        /// The format lists no sockets.
        case none
    }

    /// Whether a capture names the processes that own sockets.
    public enum Owners: String, Sendable, Hashable {
        /// Every socket's owner (run as an administrator or root).
        case all
        /// Owners when the command was run with its owner option (`netstat -o`, `ss -p`).
        case withOption = "with-option"
        /// Sockets carry no owner.
        case none
    }

    /// The protocols it can list.
    public var protocols: Set<TransportProtocol>
    /// The address families it can list.
    public var families: Set<AddressFamily>
    /// Which socket states it can list.
    public var states: States
    /// Whether it can name the processes that own sockets.
    public var owners: Owners
    /// Whether it lists processes (names, users) that sockets can be joined to by PID.
    public var processes: Bool

    /// Creates the coverage of a format.
    public init(
        protocols: Set<TransportProtocol>, families: Set<AddressFamily>, states: States, owners: Owners, processes: Bool
    ) {
        self.protocols = protocols
        self.families = families
        self.states = states
        self.owners = owners
        self.processes = processes
    }

    /// Sockets of both protocols and families in the given states.
    public static func sockets(states: States, owners: Owners, processes: Bool) -> CaptureCoverage {
        CaptureCoverage(
            protocols: [.tcp, .udp], families: [.ipv4, .ipv6], states: states, owners: owners, processes: processes)
    }

    /// A process list and no sockets.
    public static let processList = CaptureCoverage(protocols: [], families: [], states: .none, owners: .none, processes: true)
    /// Nothing (a refused format).
    public static let nothing = CaptureCoverage(protocols: [], families: [], states: .none, owners: .none, processes: false)

    /// `tcp,udp ipv4,ipv6 states:all owners:with-option processes`, for `hostcheck list captures`.
    public var summary: String {
        guard states != .none || processes else { return "nothing" }
        var parts: [String] = []
        if states != .none {
            parts.append(TransportProtocol.allCases.filter(protocols.contains).map(\.rawValue).joined(separator: ","))
            parts.append(AddressFamily.allCases.filter(families.contains).map(\.rawValue).joined(separator: ","))
            parts.append("states:\(states.rawValue)")
            parts.append("owners:\(owners.rawValue)")
        }
        if processes { parts.append("processes") }
        return parts.joined(separator: " ")
    }
}
