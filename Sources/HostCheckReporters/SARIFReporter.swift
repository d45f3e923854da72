import HostCheckCore

/// SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning): `--format sarif:PATH`.
///
/// One run. `tool.driver.rules` lists every rule of the run (id `PACK/RULE`, name, short and
/// full description, help with the remediation, `properties.tags`, `properties.security-severity`
/// as a numeric string); a result whose rule the run did not list gets a rule entry too, so every
/// `ruleId` is in `tool.driver.rules`. `tool.extensions` names every pack loaded (id, version,
/// and in `properties` its source, file and SHA-256). One result per (host, rule) whose outcome
/// is `fail`, `unknown`, `error` or `waived` (waived ones carry an accepted external
/// suppression). Passes and skips are not results.
///
/// Every result has exactly one location with a `physicalLocation` that is a file in the
/// repository (``RepositoryFiles``): the first evidence whose source is such a file, else the
/// rule's place in its pack when the pack is, else the host's first capture that is, else the
/// file named by `--sarif-artifact` (``ReporterOptions/sarifArtifact``), else
/// ``defaultArtifact`` with a notification saying how many results fell back to it. No URI
/// names `/proc`, `NETLINK_SOCK_DIAG` or `builtin:`. Each location carries `logicalLocations`:
/// the host (`kind: host`) and, for evidence about a socket, the socket (`kind: socket`); further
/// evidence goes to `relatedLocations` the same way. Repository paths are URIs relative to
/// `%SRCROOT%`; a file named by `--sarif-artifact` with an absolute path is a `file://` URI.
/// `partialFingerprints.hostcheck/v1` hashes host, pack and rule, so the same finding keeps its
/// alert across runs. Run diagnostics and the first host diagnostics are
/// `invocations[0].toolExecutionNotifications`.
///
/// Streams: results are written as hosts arrive; `tool` and `invocations` come after `results`
/// (JSON member order carries no meaning).
package struct SARIFReporter: BuiltinReporter {
    package static let id = "sarif"
    package static let summary = "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers"
    package static let honouredOptions: [ReporterOption] = [.pretty]

    /// How many diagnostics of one host become notifications.
    package static let hostDiagnosticsLimit = 10
    /// The file a result points at when nothing else in the repository holds it and no
    /// `--sarif-artifact` was given: a file nearly every repository has.
    package static let defaultArtifact = "README.md"

    package let options: ReporterOptions
    private let repository: RepositoryFiles
    /// Repository paths of the files asked about (`""`: not in the repository); emptied when large.
    private var repositoryPaths: [String: String] = [:]
    private var writer: JSONWriter
    private var run: RunInfo?
    private var ruleIndex: [String: Int] = [:]
    private var extraRules: [RuleInfo] = []
    private var notifications: [Diagnostic] = []
    /// Results that fell back to ``defaultArtifact``.
    private var defaultArtifactResults = 0

    /// Compact unless `options.pretty`; locations judged against the working directory.
    package init(options: ReporterOptions) {
        self.init(options: options, repository: .workingDirectory)
    }

    /// Compact unless `options.pretty`; locations judged against `repository`.
    package init(options: ReporterOptions, repository: RepositoryFiles) {
        self.options = options
        self.repository = repository
        self.writer = JSONWriter(pretty: options.pretty)
    }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        self.run = run
        for rule in run.rules where ruleIndex[SARIF.ruleID(rule.pack, rule.id)] == nil {
            ruleIndex[SARIF.ruleID(rule.pack, rule.id)] = ruleIndex.count
        }
        notifications = run.diagnostics
        writer.beginObject()
        writer.key("$schema"); writer.string("https://json.schemastore.org/sarif-2.1.0.json")
        writer.key("version"); writer.string("2.1.0")
        writer.key("runs")
        writer.beginArray()
        writer.beginObject()
        writer.key("results")
        writer.beginArray()
        out.write(writer.takeString())
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        let rulesByID = Dictionary((run?.rules ?? []).map { (SARIF.ruleID($0.pack, $0.id), $0) }, uniquingKeysWith: { first, _ in first })
        for result in results.results where [.fail, .unknown, .error, .waived].contains(result.outcome) {
            let id = SARIF.ruleID(result.pack, result.rule)
            let index: Int
            if let known = ruleIndex[id] {
                index = known
            } else {
                index = ruleIndex.count
                ruleIndex[id] = index
                extraRules.append(RuleInfo(pack: result.pack, id: result.rule, title: result.title, severity: result.severity,
                                           tags: result.tags, remediation: result.remediation, compliance: result.compliance))
            }
            writeResult(result, ruleIndex: index, rule: rulesByID[id], host: results.host)
        }
        notifications += results.diagnostics.prefix(Self.hostDiagnosticsLimit)
        if results.diagnostics.count > Self.hostDiagnosticsLimit {
            notifications.append(Diagnostic(
                .note, "\(results.diagnostics.count - Self.hostDiagnosticsLimit) more diagnostics for host \(results.host.name)"))
        }
        out.write(writer.takeString())
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        writer.endArray()
        writer.key("tool")
        writer.beginObject()
        writer.key("driver")
        writer.beginObject()
        let generator = run?.generator ?? .hostcheck
        writer.key("name"); writer.string(generator.name)
        writer.key("version"); writer.string(generator.version)
        writer.key("semanticVersion"); writer.string(generator.version)
        writer.key("rules")
        writer.beginArray()
        var written = Set<String>()
        for rule in (run?.rules ?? []) + extraRules where written.insert(SARIF.ruleID(rule.pack, rule.id)).inserted {
            writeRule(rule)
        }
        writer.endArray()
        writer.endObject()
        writer.key("extensions")
        writer.beginArray()
        for pack in run?.packs ?? [] { writeExtension(pack) }
        writer.endArray()
        writer.endObject()
        writer.key("invocations")
        writer.beginArray()
        writer.beginObject()
        writer.key("executionSuccessful"); writer.bool(true)
        if let started = run?.startedAt { writer.key("startTimeUtc"); writer.string(started) }
        writer.key("toolExecutionNotifications")
        writer.beginArray()
        if defaultArtifactResults > 0 {
            notifications.append(Diagnostic(
                .warning,
                "\(defaultArtifactResults) result(s) point at \(Self.defaultArtifact): no file in the repository holds them "
                    + "(live facts, built-in packs, captures outside the repository); name the file with --sarif-artifact FILE"))
        }
        for diagnostic in notifications + summary.diagnostics { writeNotification(diagnostic) }
        writer.endArray()
        writer.endObject()
        writer.endArray()
        writer.key("properties")
        writer.beginObject()
        writer.key("hosts"); writer.int(summary.hosts)
        writer.key("rules"); writer.int(summary.rules)
        for outcome in Outcome.allCases { writer.key(outcome.rawValue); writer.int(summary.counts[outcome]) }
        writer.endObject()
        writer.endObject()
        writer.endArray()
        writer.endObject()
        out.write(writer.takeString() + "\n")
    }

    private mutating func writeRule(_ rule: RuleInfo) {
        writer.beginObject()
        writer.key("id"); writer.string(SARIF.ruleID(rule.pack, rule.id))
        writer.key("name"); writer.string(rule.id)
        writer.key("shortDescription"); writeMessage(rule.title ?? rule.id)
        writer.key("fullDescription"); writeMessage(rule.description ?? rule.title ?? rule.id)
        writer.key("help"); writeMessage(rule.remediation ?? rule.description ?? rule.title ?? rule.id)
        if let reference = rule.references.first { writer.key("helpUri"); writer.string(reference) }
        writer.key("defaultConfiguration")
        writer.beginObject()
        writer.key("level"); writer.string(SARIF.level(rule.severity))
        writer.endObject()
        writer.key("properties")
        writer.beginObject()
        writer.key("tags"); writer.strings(rule.tags + ["security"])
        writer.key("security-severity"); writer.string(SARIF.securitySeverity(rule.severity))
        writer.key("pack"); writer.string(rule.pack)
        writer.key("severity"); writer.string(rule.severity.rawValue)
        if !rule.compliance.isEmpty { writer.key("compliance"); writer.write(compliance: rule.compliance) }
        writer.endObject()
        writer.endObject()
    }

    private mutating func writeResult(_ result: RuleResult, ruleIndex: Int, rule: RuleInfo?, host: HostInfo) {
        writer.beginObject()
        writer.key("ruleId"); writer.string(SARIF.ruleID(result.pack, result.rule))
        writer.key("ruleIndex"); writer.int(ruleIndex)
        let level = result.outcome == .unknown || result.outcome == .error ? "warning" : SARIF.level(result.severity)
        writer.key("level"); writer.string(level)
        var text = "[\(host.name)] "
        switch result.outcome {
        case .waived: text += "waived" + (result.waivedOutcome.map { " \($0.rawValue)" } ?? "") + ": "
        case .unknown, .error: text += "\(result.outcome.rawValue): "
        case .fail, .pass, .skip: break
        }
        text += result.message.isEmpty ? (result.title ?? result.rule) : result.message
        writer.key("message"); writeMessage(text)
        let places = places(result, rule: rule, host: host)
        writer.key("locations")
        writer.beginArray()
        if let primary = places.first { writeLocation(primary, host: host.name, id: nil) }
        writer.endArray()
        if places.count > 1 {
            writer.key("relatedLocations")
            writer.beginArray()
            for (index, place) in places.dropFirst().enumerated() { writeLocation(place, host: host.name, id: index + 1) }
            writer.endArray()
        }
        writer.key("partialFingerprints")
        writer.beginObject()
        writer.key("hostcheck/v1"); writer.string(SARIF.fingerprint(host: host.name, pack: result.pack, rule: result.rule))
        writer.endObject()
        if result.outcome == .waived, let waiver = result.waiver {
            writer.key("suppressions")
            writer.beginArray()
            writer.beginObject()
            writer.key("kind"); writer.string("external")
            writer.key("status"); writer.string("accepted")
            writer.key("justification")
            writer.string(waiver.reason + (waiver.expires.map { " (expires \($0))" } ?? ""))
            if let location = waiver.location, let file = repositoryPath(location.file) {
                writer.key("location")
                writeLocation(SARIFPlace(file: file, line: location.line, column: location.column), host: nil, id: nil)
            }
            writer.endObject()
            writer.endArray()
        }
        writer.key("properties")
        writer.beginObject()
        writer.key("host"); writer.string(host.name)
        writer.key("outcome"); writer.string(result.outcome.rawValue)
        writer.key("severity"); writer.string(result.severity.rawValue)
        writer.key("evidence_total"); writer.int(result.evidenceTotal)
        writer.endObject()
        writer.endObject()
    }

    private mutating func writeMessage(_ text: String) {
        writer.beginObject()
        writer.key("text"); writer.string(text)
        writer.endObject()
    }

    /// The repository path of `file` (``RepositoryFiles/path(_:)``), remembered.
    private mutating func repositoryPath(_ file: String) -> String? {
        if let known = repositoryPaths[file] { return known.isEmpty ? nil : known }
        if repositoryPaths.count >= 4096 { repositoryPaths.removeAll(keepingCapacity: true) }
        let path = repository.path(file)
        repositoryPaths[file] = path ?? ""
        return path
    }

    /// Where a result with no evidence in the repository points: its rule in its pack, the
    /// host's first capture, the `--sarif-artifact` file, else ``defaultArtifact``.
    private mutating func anchor(rule: RuleInfo?, host: HostInfo) -> SARIFPlace {
        if let location = rule?.location, let file = repositoryPath(location.file) {
            return SARIFPlace(file: file, line: location.line, column: location.column, note: "rule defined here")
        }
        for source in host.sources {
            if let file = repositoryPath(source.file) { return SARIFPlace(file: file, note: "host source") }
        }
        if let named = options.sarifArtifact, !named.isEmpty {
            return SARIFPlace(file: named, note: "the file named by --sarif-artifact")
        }
        defaultArtifactResults += 1
        return SARIFPlace(file: Self.defaultArtifact, note: "no file in the repository holds this result (--sarif-artifact names one)")
    }

    /// The places of a result, primary first: each piece of evidence at its source when that is
    /// a file in the repository, else at the anchor, with its socket; the anchor alone when
    /// there is no evidence. Repeats are dropped.
    private mutating func places(_ result: RuleResult, rule: RuleInfo?, host: HostInfo) -> [SARIFPlace] {
        var anchorPlace: SARIFPlace?
        var seen = Set<String>()
        var out: [SARIFPlace] = []
        for evidence in result.evidence {
            var place: SARIFPlace
            if let source = evidence.source, let file = repositoryPath(source.file) {
                place = SARIFPlace(file: file, line: source.line, column: source.column)
            } else {
                if anchorPlace == nil { anchorPlace = anchor(rule: rule, host: host) }
                place = anchorPlace ?? SARIFPlace(file: Self.defaultArtifact)
            }
            place.note = ResultText.evidenceLine(evidence)
            place.socket = evidence.socket.map(ResultText.endpoint)
            guard seen.insert(place.key).inserted else { continue }
            out.append(place)
        }
        if out.isEmpty { out.append(anchorPlace ?? anchor(rule: rule, host: host)) }
        return out
    }

    /// A location: the physical place, the host and socket as logical locations, the note.
    private mutating func writeLocation(_ place: SARIFPlace, host: String?, id: Int?) {
        writer.beginObject()
        if let id { writer.key("id"); writer.int(id) }
        writer.key("physicalLocation")
        writer.beginObject()
        writer.key("artifactLocation")
        writer.beginObject()
        let (uri, base) = SARIF.uri(place.file)
        writer.key("uri"); writer.string(uri)
        if let base { writer.key("uriBaseId"); writer.string(base) }
        writer.endObject()
        if let line = place.line, line >= 1 {
            writer.key("region")
            writer.beginObject()
            writer.key("startLine"); writer.int(line)
            if let column = place.column, column >= 1 { writer.key("startColumn"); writer.int(column) }
            writer.endObject()
        }
        writer.endObject()
        if let host {
            writer.key("logicalLocations")
            writer.beginArray()
            writer.beginObject()
            writer.key("name"); writer.string(host)
            writer.key("fullyQualifiedName"); writer.string(host)
            writer.key("kind"); writer.string("host")
            writer.endObject()
            if let socket = place.socket {
                writer.beginObject()
                writer.key("name"); writer.string(socket)
                writer.key("fullyQualifiedName"); writer.string(host + "/" + socket)
                writer.key("kind"); writer.string("socket")
                writer.endObject()
            }
            writer.endArray()
        }
        if let note = place.note {
            writer.key("message"); writeMessage(note)
        }
        writer.endObject()
    }

    /// A pack as a tool extension: id, version, and where it came from with its SHA-256.
    private mutating func writeExtension(_ pack: PackInfo) {
        writer.beginObject()
        writer.key("name"); writer.string(pack.id)
        writer.key("version"); writer.string(pack.version)
        if let title = pack.title { writer.key("fullName"); writer.string(title) }
        if let file = repositoryPath(pack.file) {
            writer.key("locations")
            writer.beginArray()
            writer.beginObject()
            let (uri, base) = SARIF.uri(file)
            writer.key("uri"); writer.string(uri)
            if let base { writer.key("uriBaseId"); writer.string(base) }
            writer.endObject()
            writer.endArray()
        }
        writer.key("properties")
        writer.beginObject()
        writer.key("source"); writer.string(PackProvenance.source(pack))
        writer.key("file"); writer.string(pack.file)
        writer.key("sha256"); writer.string(pack.sha256)
        writer.endObject()
        writer.endObject()
    }

    /// A notification; its location only when that is a file in the repository, else the
    /// location is said in the message.
    private mutating func writeNotification(_ diagnostic: Diagnostic) {
        writer.beginObject()
        writer.key("level"); writer.string(diagnostic.severity == .note ? "note" : diagnostic.severity.rawValue)
        if let location = diagnostic.location, let file = repositoryPath(location.file) {
            writer.key("message"); writeMessage(diagnostic.message)
            writer.key("locations")
            writer.beginArray()
            writeLocation(SARIFPlace(file: file, line: location.line, column: location.column), host: nil, id: nil)
            writer.endArray()
        } else {
            writer.key("message"); writeMessage(diagnostic.location.map { "\($0): \(diagnostic.message)" } ?? diagnostic.message)
        }
        writer.endObject()
    }
}

/// One place a SARIF result points at: a file (a repository path, or the file named by
/// `--sarif-artifact`), a region, the socket the evidence is about, and a note.
struct SARIFPlace: Sendable {
    var file: String
    var line: Int?
    var column: Int?
    var note: String?
    var socket: String?

    init(file: String, line: Int? = nil, column: Int? = nil, note: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.note = note
    }

    /// What makes two places the same: file, region and socket.
    var key: String { "\(file)\u{0}\(line ?? 0)\u{0}\(column ?? 0)\u{0}\(socket ?? "")" }
}

/// The pure mappings of the SARIF reporter.
enum SARIF {
    /// `PACK/RULE`.
    static func ruleID(_ pack: String, _ rule: String) -> String { "\(pack)/\(rule)" }

    /// `error` for high and critical, `warning` for medium, `note` for low and info.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub's numeric `security-severity` (critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low below).
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "1.0"
        }
    }

    /// A URI for a file as given: relative to `%SRCROOT%`, or `file://` when absolute.
    static func uri(_ file: String) -> (String, String?) {
        let path = file.replacing("\\", with: "/")
        if path.hasPrefix("/") { return ("file://" + percentEncoded(path), nil) }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        return (percentEncoded(String(relative)), "%SRCROOT%")
    }

    /// Percent-encodes every byte outside RFC 3986 unreserved characters and `/`.
    static func percentEncoded(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// FNV-1a 64 of host (lowercased: host names compare case-insensitively), pack and rule, as hex.
    static func fingerprint(host: String, pack: String, rule: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in [host.lowercased(), pack, rule].joined(separator: "\u{0}").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
