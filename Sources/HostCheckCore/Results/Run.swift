/// A rule pack as loaded for a run, for audit.
public struct PackInfo: Sendable, Hashable {
    public var id: String
    public var version: String
    public var title: String?
    /// sha256 of the pack file's bytes, lowercase hex.
    public var sha256: String
    /// Where the pack came from (a path, or `builtin:ID`).
    public var file: String

    public init(id: String, version: String, title: String? = nil, sha256: String, file: String) {
        self.id = id
        self.version = version
        self.title = title
        self.sha256 = sha256
        self.file = file
    }
}

/// What reporters need to describe a rule (SARIF `tool.driver.rules`, JUnit test cases).
public struct RuleInfo: Sendable, Hashable {
    public var pack: String
    public var id: String
    public var title: String?
    public var description: String?
    public var severity: Severity
    public var tags: [String]
    public var remediation: String?
    public var references: [String]
    /// Compliance mappings: framework (`cis`, `nist_800_53`, …) to control ids.
    public var compliance: [String: [String]]
    /// Where the rule is defined in its pack.
    public var location: SourceLocation?

    public init(
        pack: String, id: String, title: String? = nil, description: String? = nil, severity: Severity,
        tags: [String] = [], remediation: String? = nil, references: [String] = [],
        compliance: [String: [String]] = [:], location: SourceLocation? = nil
    ) {
        self.pack = pack
        self.id = id
        self.title = title
        self.description = description
        self.severity = severity
        self.tags = tags
        self.remediation = remediation
        self.references = references
        self.compliance = compliance
        self.location = location
    }
}

/// What a run is about, given to reporters before any host.
public struct RunInfo: Sendable, Hashable {
    public var generator: Generator
    public var packs: [PackInfo]
    public var rules: [RuleInfo]
    /// sha256 of the waiver file, when one was given.
    public var waiversSHA256: String?
    /// When the run started, ISO 8601 UTC.
    public var startedAt: String
    /// Run-level diagnostics (expired waivers, waivers that matched nothing, …).
    public var diagnostics: [Diagnostic]

    public init(
        generator: Generator = .hostcheck, packs: [PackInfo], rules: [RuleInfo], waiversSHA256: String? = nil,
        startedAt: String, diagnostics: [Diagnostic] = []
    ) {
        self.generator = generator
        self.packs = packs
        self.rules = rules
        self.waiversSHA256 = waiversSHA256
        self.startedAt = startedAt
        self.diagnostics = diagnostics
    }
}

/// The results of every rule on one host.
public struct HostResults: Sendable, Hashable {
    public var host: HostInfo
    public var results: [RuleResult]
    /// The snapshot's diagnostics (lines not understood, unreadable files).
    public var diagnostics: [Diagnostic]

    public init(host: HostInfo, results: [RuleResult], diagnostics: [Diagnostic] = []) {
        self.host = host
        self.results = results
        self.diagnostics = diagnostics
    }
}

/// Totals of a run, given to reporters last.
public struct Summary: Sendable, Hashable {
    public var hosts: Int
    /// The number of distinct rules evaluated.
    public var rules: Int
    public var counts: OutcomeCounts
    public var durationSeconds: Double
    /// Diagnostics found during the run that reporters should show at the end
    /// (waivers that matched nothing, …).
    public var diagnostics: [Diagnostic]

    public init(hosts: Int, rules: Int, counts: OutcomeCounts, durationSeconds: Double, diagnostics: [Diagnostic] = []) {
        self.hosts = hosts
        self.rules = rules
        self.counts = counts
        self.durationSeconds = durationSeconds
        self.diagnostics = diagnostics
    }
}
