import HostCheckCore

/// One probe: what it reads, where it runs, the options it takes and how it is made.
///
/// Each probe's file declares its descriptor; ``ProbeCatalog`` lists them and the registry
/// chooses among them (docs/architecture.md, "The registry").
public struct ProbeDescriptor: Sendable {
    /// What a probe reads.
    public enum Source: String, Sendable, Hashable {
        /// The host it runs on (`--live`, the default input).
        case live
        /// Files captured elsewhere (`--capture`).
        case files
    }

    /// A stable kebab-case id (`linux-proc`, `capture`).
    public let id: String
    /// One line for `hostcheck list probes`.
    public let summary: String
    /// The platforms a live probe runs on; for a file probe, those its files may come from.
    public let platforms: [Platform]
    /// Whether it reads the host it runs on or captured files.
    public let source: Source
    /// The options it takes, by name (`socket-source`), for `list probes` and validation.
    public let options: [ProbeOption]
    /// Makes the probe for one request.
    public let make: @Sendable (ProbeRequest) throws(ProbeSetupError) -> any Probe

    /// Creates the descriptor of a probe.
    public init(
        id: String, summary: String, platforms: [Platform], source: Source, options: [ProbeOption] = [],
        make: @escaping @Sendable (ProbeRequest) throws(ProbeSetupError) -> any Probe
    ) {
        self.id = id
        self.summary = summary
        self.platforms = platforms
        self.source = source
        self.options = options
        self.make = make
    }

    /// Makes the probe after checking that every option in `request` is one it takes.
    public func probe(for request: ProbeRequest) throws(ProbeSetupError) -> any Probe {
        for name in request.options.keys.sorted() where !options.contains(where: { $0.name == name }) {
            throw ProbeSetupError("probe \(id) takes no option '\(name)'")
        }
        return try make(request)
    }
}

/// An option a probe takes.
public struct ProbeOption: Sendable, Hashable {
    /// The option's name (`socket-source`); the CLI flag of the same name sets it.
    public let name: String
    /// One line of help.
    public let help: String

    /// Creates an option from its name and one line of help.
    public init(name: String, help: String) {
        self.name = name
        self.help = help
    }
}

/// What one run asks of a probe.
public struct ProbeRequest: Sendable {
    /// The files and directories to read (file probes).
    public var paths: [String]
    /// The host name to report; nil lets the probe decide.
    public var hostName: String?
    /// Option values by name; a missing option takes its default.
    public var options: [String: String]
    /// The capture formats of the registry, for probes that read captured text.
    public var captureFormats: [CaptureFormatDescriptor]

    /// Creates a request; every part defaults to empty or nil.
    public init(
        paths: [String] = [], hostName: String? = nil, options: [String: String] = [:],
        captureFormats: [CaptureFormatDescriptor] = []
    ) {
        self.paths = paths
        self.hostName = hostName
        self.options = options
        self.captureFormats = captureFormats
    }
}

/// A request a probe cannot serve (an unknown option, a bad value): a usage error.
public struct ProbeSetupError: Error, Sendable, CustomStringConvertible {
    /// One line saying what is wrong with the request.
    public var message: String

    /// Creates the error with its message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
