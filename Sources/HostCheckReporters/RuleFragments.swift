import HostCheckCore

/// The members of a self-contained result that come from its rule, laid out once and copied into
/// the result of that rule on every host (docs/architecture.md, "Performance"): pack, rule, title,
/// severity and tags before the outcome, remediation and compliance after it. Every NDJSON
/// `result` line of a fleet repeats them (the results JSON, version 3, keeps them in `rules` only).
///
/// An entry is kept for each position in a host's results (every host runs the rules in the same
/// order) and copied only when the result's rule members, and the writer's depth and layout, are
/// those it was laid out for; otherwise the members are written again and the entry replaced. The
/// results share their strings, tags and compliance with their rule, and equal values that share
/// storage compare without reading it, so the check is cheap.
struct RuleFragments: Sendable {
    /// How many members ``JSONWriter/writeRuleHead(_:)`` writes.
    static let headMembers = 5
    /// How many members ``JSONWriter/writeRuleTail(_:)`` writes.
    static let tailMembers = 2

    private var entries: [Entry] = []

    /// Writes every member of `result` after its `host` into `json`'s open result object: the
    /// rule's members copied when the entry at `position` fits, the outcome's members written.
    mutating func write(_ result: RuleResult, position: Int, into json: inout JSONWriter) {
        if position < entries.count, entries[position].fits(result, depth: json.depth, pretty: json.pretty) {
            let entry = entries[position]
            json.appendMembers(entry.head, count: Self.headMembers)
            json.writeOutcomeMembers(result)
            json.appendMembers(entry.tail, count: Self.tailMembers)
            return
        }
        let depth = json.depth
        let headStart = json.bytes.count
        json.writeRuleHead(result)
        let head = Array(json.bytes[headStart...])
        json.writeOutcomeMembers(result)
        let tailStart = json.bytes.count
        json.writeRuleTail(result)
        let entry = Entry(result, depth: depth, pretty: json.pretty, head: head, tail: Array(json.bytes[tailStart...]))
        if position < entries.count {
            entries[position] = entry
        } else if position == entries.count {
            entries.append(entry)
        }
    }

    /// The laid-out rule members of one position and the values they were laid out from; a
    /// class, so that reading an entry retains one reference rather than each of its values.
    private final class Entry: Sendable {
        let pack: String
        let rule: String
        let title: String?
        let severity: Severity
        let tags: [String]
        let remediation: String?
        let compliance: [String: [String]]
        /// The writer's depth inside the result object, and its layout.
        let depth: Int
        let pretty: Bool
        /// The bytes of the head and tail members, each with its leading comma.
        let head: [UInt8]
        let tail: [UInt8]

        init(_ result: RuleResult, depth: Int, pretty: Bool, head: [UInt8], tail: [UInt8]) {
            pack = result.pack
            rule = result.rule
            title = result.title
            severity = result.severity
            tags = result.tags
            remediation = result.remediation
            compliance = result.compliance
            self.depth = depth
            self.pretty = pretty
            self.head = head
            self.tail = tail
        }

        /// Whether the bytes are those `result` gets at `depth` in this layout.
        func fits(_ result: RuleResult, depth: Int, pretty: Bool) -> Bool {
            depth == self.depth && pretty == self.pretty && severity == result.severity
                && rule == result.rule && pack == result.pack && title == result.title && tags == result.tags
                && remediation == result.remediation && compliance == result.compliance
        }
    }
}
