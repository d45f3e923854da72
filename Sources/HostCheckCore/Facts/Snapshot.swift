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

    public init(file: String, format: String, encoding: String? = nil) {
        self.file = file
        self.format = format
        self.encoding = encoding
    }
}

/// What the sources of a snapshot cover: each protocol, each family and the owners.
public struct Coverage: Sendable, Hashable {
    public var tcp: CoverageLevel
    public var udp: CoverageLevel
    public var ipv4: CoverageLevel
    public var ipv6: CoverageLevel
    public var owners: CoverageLevel

    public init(tcp: CoverageLevel, udp: CoverageLevel, ipv4: CoverageLevel, ipv6: CoverageLevel, owners: CoverageLevel) {
        self.tcp = tcp
        self.udp = udp
        self.ipv4 = ipv4
        self.ipv6 = ipv6
        self.owners = owners
    }

    /// Everything fully covered.
    public static let full = Coverage(tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: .full)
    /// Nothing covered.
    public static let none = Coverage(tcp: .none, udp: .none, ipv4: .none, ipv6: .none, owners: .none)

    /// The coverage of one protocol.
    public func level(of proto: TransportProtocol) -> CoverageLevel {
        proto == .tcp ? tcp : udp
    }

    /// The coverage of one family.
    public func level(of family: AddressFamily) -> CoverageLevel {
        family == .ipv4 ? ipv4 : ipv6
    }
}

/// The host a snapshot describes.
public struct HostInfo: Sendable, Hashable {
    public var name: String
    public var platform: Platform
    /// When the facts were captured, ISO 8601 (`2026-11-27T10:00:00Z`); nil if unknown.
    public var capturedAt: String?
    public var sources: [CaptureSource]
    public var coverage: Coverage
    /// Host labels (`env=prod`), used by `applies_to`.
    public var labels: [String: String]

    public init(
        name: String, platform: Platform, capturedAt: String? = nil, sources: [CaptureSource] = [],
        coverage: Coverage, labels: [String: String] = [:]
    ) {
        self.name = name
        self.platform = platform
        self.capturedAt = capturedAt
        self.sources = sources
        self.coverage = coverage
        self.labels = labels
    }
}

/// Everything a probe learned about one host (docs/architecture.md, "Facts").
public struct Snapshot: Sendable, Hashable {
    /// The version of the snapshot JSON format this build reads and writes.
    public static let formatVersion = 1

    public var generator: Generator
    public var host: HostInfo
    public var sockets: [SocketFact]
    public var processes: [ProcessFact]
    /// Everything a probe could not read or understand, with location.
    public var diagnostics: [Diagnostic]

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
