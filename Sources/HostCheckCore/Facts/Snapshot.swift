/// The platform a snapshot describes.
public enum Platform: String, Sendable, Hashable, CaseIterable {
    case linux, windows, macos, unknown
}

/// One input a snapshot was built from.
public struct CaptureSource: Sendable, Hashable {
    /// The file as given, or `/proc` for the live probe.
    public var file: String
    /// The detected format id (`windows-netstat`, `windows-tasklist-csv`, `proc-net-tcp`, …).
    public var format: String
    /// The encoding the bytes were decoded from (`utf-8`, `utf-16le`, `cp850`, …); nil for `/proc`.
    public var encoding: String?

    /// Creates the record of one input; `encoding` is nil for `/proc`.
    public init(file: String, format: String, encoding: String? = nil) {
        self.file = file
        self.format = format
        self.encoding = encoding
    }
}

/// The host a snapshot describes.
public struct HostInfo: Sendable, Hashable {
    /// The host name (`--host`; in `--fleet` the entry's name; else a bundle's host.json, the
    /// directory name, else `unknown`); compared case-insensitively.
    public var name: String
    /// The platform the facts come from; `unknown` when it cannot be told.
    public var platform: Platform
    /// When the facts were captured, ISO 8601 (`2026-11-27T10:00:00Z`); nil if unknown.
    public var capturedAt: String?
    /// Every input read, in the order read.
    public var sources: [CaptureSource]
    /// What the sources cover; a pass is only proven where coverage is full.
    public var coverage: Coverage
    /// Host labels (`env=prod`), used by `applies_to`.
    public var labels: [String: String]
    /// The name the host reported about itself (a bundle's `host.json` `host`, a snapshot's
    /// `host.name`) when it differs from ``name``, which `--fleet` takes from the entry's name;
    /// nil when they agree (compared case-insensitively) or nothing was reported.
    public var reportedName: String?

    /// Creates a host description; `sources` and `labels` default to empty.
    public init(
        name: String, platform: Platform, capturedAt: String? = nil, sources: [CaptureSource] = [],
        coverage: Coverage, labels: [String: String] = [:], reportedName: String? = nil
    ) {
        self.name = name
        self.platform = platform
        self.capturedAt = capturedAt
        self.sources = sources
        self.coverage = coverage
        self.labels = labels
        self.reportedName = reportedName
    }
}

/// Everything a probe learned about one host (docs/architecture.md, "Facts").
public struct Snapshot: Sendable, Hashable {
    /// The version of the snapshot JSON format this build writes, and the newest it reads
    /// (docs/architecture.md, "Contracts"; `docs/schema/snapshot-2.json`, a draft).
    public static let formatVersion = 2
    /// The oldest snapshot version this build reads (snapshot-1, mapped conservatively).
    public static let oldestFormatVersion = 1

    /// The tool that made the snapshot.
    public var generator: Generator
    /// The host, its sources and their coverage.
    public var host: HostInfo
    /// Every socket the sources show.
    public var sockets: [SocketFact]
    /// Every process the sources show.
    public var processes: [ProcessFact]
    /// Everything a probe could not read or understand, with location.
    public var diagnostics: [Diagnostic]

    /// Creates a snapshot; `generator` defaults to this build of hostcheck.
    public init(
        generator: Generator = .hostcheck, host: HostInfo, sockets: [SocketFact] = [],
        processes: [ProcessFact] = [], diagnostics: [Diagnostic] = []
    ) {
        self.generator = generator
        self.host = host
        self.sockets = sockets
        self.processes = processes
        self.diagnostics = diagnostics
    }

    /// The processes by PID (the first record wins when a PID repeats).
    public func processesByPID() -> [Int: ProcessFact] {
        var map: [Int: ProcessFact] = [:]
        map.reserveCapacity(processes.count)
        for process in processes where map[process.pid] == nil {
            map[process.pid] = process
        }
        return map
    }
}
