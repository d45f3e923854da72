/// A rule pack as loaded for a run, for audit.
public struct PackInfo: Sendable, Hashable {
    /// The pack id (`magaya-network`).
    public var id: String
    /// The pack version (`1.0.0`).
    public var version: String
    /// The pack title; nil when the pack has none.
    public var title: String?
    /// sha256 of the pack file's bytes, lowercase hex.
    public var sha256: String
    /// Where the pack came from (a path, or `builtin:ID`).
    public var file: String
    /// The pack's variables as the run used them: its defaults after `--vars` files and `--var`.
    public var variables: [String: VariableSetting]
    /// Per rule id, the variables an including pack's `overrides:` replaced for that rule only.
    public var ruleVariables: [String: [String: VariableSetting]]

    /// Creates the audit record of one loaded pack.
    public init(
        id: String, version: String, title: String? = nil, sha256: String, file: String,
        variables: [String: VariableSetting] = [:], ruleVariables: [String: [String: VariableSetting]] = [:]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.sha256 = sha256
        self.file = file
        self.variables = variables
        self.ruleVariables = ruleVariables
    }
}

/// What reporters need to describe a rule (SARIF `tool.driver.rules`, JUnit test cases).
public struct RuleInfo: Sendable, Hashable {
    /// The id of the pack that defines the rule.
    public var pack: String
    /// The rule id, unique within its pack.
    public var id: String
    /// The rule title; nil when the rule has none.
    public var title: String?
    public var description: String?
    /// The rule's severity (after pack overrides).
    public var severity: Severity
    /// The rule's tags.
    public var tags: [String]
    /// How to fix a failure; nil when the rule gives none.
    public var remediation: String?
    /// Reference URLs.
    public var references: [String]
    /// Compliance mappings: framework (`cis`, `nist_800_53`, …) to control ids.
    public var compliance: [String: [String]]
    /// Where the rule is defined in its pack.
    public var location: SourceLocation?

    /// Creates the description of one rule.
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
    /// The tool that made the results.
    public var generator: Generator
    /// Every pack loaded, with version and sha256, for audit.
    public var packs: [PackInfo]
    /// Every rule evaluated, with what reports need to describe it.
    public var rules: [RuleInfo]
    /// sha256 of the waiver file, when one was given.
    public var waiversSHA256: String?
    /// When the run started, ISO 8601 UTC.
    public var startedAt: String
    /// Run-level diagnostics (expired waivers, waivers that matched nothing, …).
    public var diagnostics: [Diagnostic]

    /// Creates the description of a run; `generator` defaults to this build of hostcheck.
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
    /// The host: its name, platform, sources and coverage.
    public var host: HostInfo
    /// One result per rule evaluated on this host.
    public var results: [RuleResult]
    /// The snapshot's diagnostics (lines not understood, unreadable files).
    public var diagnostics: [Diagnostic]

    /// Creates the results of one host.
    public init(host: HostInfo, results: [RuleResult], diagnostics: [Diagnostic] = []) {
        self.host = host
        self.results = results
        self.diagnostics = diagnostics
    }
}

/// Totals of a run, given to reporters last.
public struct Summary: Sendable, Hashable {
    /// The number of hosts.
    public var hosts: Int
    /// The number of distinct rules evaluated.
    public var rules: Int
    /// The number of results of each outcome (written as `pass`, `fail`, … in the results JSON).
    public var counts: OutcomeCounts
    /// Wall-clock duration of the run, in seconds (`duration_seconds`).
    public var durationSeconds: Double
    /// Diagnostics found during the run that reporters should show at the end
    /// (waivers that matched nothing, …).
    public var diagnostics: [Diagnostic]

    /// Creates the totals of a run.
    public init(hosts: Int, rules: Int, counts: OutcomeCounts, durationSeconds: Double, diagnostics: [Diagnostic] = []) {
        self.hosts = hosts
        self.rules = rules
        self.counts = counts
        self.durationSeconds = durationSeconds
        self.diagnostics = diagnostics
    }
}
