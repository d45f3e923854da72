/// One deciding piece of evidence: a socket with its owners, or a note with a location.
public struct Evidence: Sendable, Hashable {
    /// The socket the evidence is about; nil for evidence that is not about one socket.
    public var socket: SocketFact?
    /// The owning processes known for `socket`.
    public var processes: [ProcessFact]
    /// Where the evidence came from (`netstat.txt:8`).
    public var source: SourceLocation?
    /// Why this evidence decided the outcome (`owner name nc64.exe does not match magaya*`).
    public var note: String?

    /// Creates evidence; `source` defaults to the socket's source.
    public init(socket: SocketFact? = nil, processes: [ProcessFact] = [], source: SourceLocation? = nil, note: String? = nil) {
        // The location first, while `socket` is still unused, so that `socket` moves into place
        // rather than being copied.
        self.source = if let source { source } else { socket?.source }
        self.socket = socket
        self.processes = processes
        self.note = note
    }
}

/// A waiver that applied to a result.
public struct AppliedWaiver: Sendable, Hashable {
    /// Why the finding is accepted (a ticket, a migration, …).
    public var reason: String
    /// `YYYY-MM-DD`, inclusive through 23:59:59 UTC; nil for a waiver without expiry.
    public var expires: String?
    /// Where the waiver is defined in the waiver file (written as `source`); nil if unknown.
    public var location: SourceLocation?

    /// Creates the record of a waiver that applied.
    public init(reason: String, expires: String?, location: SourceLocation?) {
        self.reason = reason
        self.expires = expires
        self.location = location
    }
}

/// The result of one rule on one host.
///
/// The rule's own fields (``pack``, ``rule``, ``title``, ``severity``, ``tags``,
/// ``remediation``, ``compliance``) are the same for every host, and are kept in one shared
/// immutable box per rule (``RuleMetadata``); they read and write as plain values.
public struct RuleResult: Sendable, Hashable {
    /// The host name.
    public var host: String
    /// The rule's fields, shared by its results.
    package private(set) var metadata: RuleMetadata
    /// The outcome; `waived` when a waiver applied (the original is in `waivedOutcome`).
    public var outcome: Outcome
    /// One line that explains the outcome to a person.
    public var message: String
    /// The outcome before a waiver applied.
    public var waivedOutcome: Outcome?
    /// The waiver that applied; nil unless `outcome` is `waived`.
    public var waiver: AppliedWaiver?
    /// At most ``RuleResult/evidenceLimit`` pieces of evidence.
    public var evidence: [Evidence]
    /// How many pieces of evidence there were before the cap.
    public var evidenceTotal: Int
    /// The coverage dimensions whose gap made the result `unknown` (`tcp`, `ipv6`, `states`,
    /// `ports`, `users`, `netns`; `owners` when an owner was not seen and the sources do not
    /// cover owners fully); empty otherwise.
    public var missingCoverage: [String]

    /// The most evidence a result carries (docs/architecture.md, "Evaluation").
    public static let evidenceLimit = 50

    /// Creates a result, keeping the first ``evidenceLimit`` pieces of evidence; `evidenceTotal` defaults to `evidence.count`.
    public init(
        host: String, pack: String, rule: String, title: String? = nil, severity: Severity,
        tags: [String] = [], outcome: Outcome, message: String, waivedOutcome: Outcome? = nil,
        waiver: AppliedWaiver? = nil, evidence: [Evidence] = [], evidenceTotal: Int? = nil,
        remediation: String? = nil, compliance: [String: [String]] = [:]
    ) {
        let metadata = RuleMetadata(
            pack: pack, rule: rule, title: title, severity: severity, tags: tags, remediation: remediation,
            compliance: compliance)
        self.init(
            host: host, metadata: metadata, outcome: outcome, message: message, waivedOutcome: waivedOutcome,
            waiver: waiver, evidence: evidence, evidenceTotal: evidenceTotal)
    }

    /// Creates a result of the rule described by `metadata` (shared by all of its results),
    /// keeping the first ``evidenceLimit`` pieces of evidence; `evidenceTotal` defaults to
    /// `evidence.count`.
    package init(
        host: String, metadata: RuleMetadata, outcome: Outcome, message: String, waivedOutcome: Outcome? = nil,
        waiver: AppliedWaiver? = nil, evidence: [Evidence] = [], evidenceTotal: Int? = nil, missingCoverage: [String] = []
    ) {
        self.host = host
        self.metadata = metadata
        self.outcome = outcome
        self.message = message
        self.waivedOutcome = waivedOutcome
        self.waiver = waiver
        self.evidence = evidence.count > Self.evidenceLimit ? Array(evidence.prefix(Self.evidenceLimit)) : evidence
        self.evidenceTotal = evidenceTotal ?? evidence.count
        self.missingCoverage = missingCoverage
    }

    /// The id of the rule's pack.
    public var pack: String {
        get { metadata.fields.pack }
        set { metadata = metadata.replacing { $0.pack = newValue } }
    }

    /// The rule id.
    public var rule: String {
        get { metadata.fields.rule }
        set { metadata = metadata.replacing { $0.rule = newValue } }
    }

    /// The rule title; nil when the rule has none.
    public var title: String? {
        get { metadata.fields.title }
        set { metadata = metadata.replacing { $0.title = newValue } }
    }

    /// The rule's severity (after pack overrides).
    public var severity: Severity {
        get { metadata.fields.severity }
        set { metadata = metadata.replacing { $0.severity = newValue } }
    }

    /// The rule's tags.
    public var tags: [String] {
        get { metadata.fields.tags }
        set { metadata = metadata.replacing { $0.tags = newValue } }
    }

    /// How to fix a failure; nil when the rule gives none.
    public var remediation: String? {
        get { metadata.fields.remediation }
        set { metadata = metadata.replacing { $0.remediation = newValue } }
    }

    /// Compliance mappings of the rule: framework (`cis`, `nist_800_53`, …) to control ids.
    public var compliance: [String: [String]] {
        get { metadata.fields.compliance }
        set { metadata = metadata.replacing { $0.compliance = newValue } }
    }
}

/// One line for compliance mappings: `cis 2.2; nist_800_53 CM-7, SC-7` (frameworks sorted).
public enum ComplianceText {
    /// The one-line text of `compliance`; empty when there are no mappings.
    public static func summary(_ compliance: [String: [String]]) -> String {
        compliance.keys.sorted().map { "\($0) \(compliance[$0, default: []].joined(separator: ", "))" }.joined(separator: "; ")
    }
}
