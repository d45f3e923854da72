import HostCheckCore

/// The results JSON for audit and machines (`--format json`, docs/architecture.md, "Contracts",
/// `docs/schema/results-3.json`, a draft), compact unless `--pretty`.
///
/// Streams: ``begin(_:to:)`` writes the head (generator, packs, rules, waivers, start time) and
/// opens `results`; ``host(_:to:)`` appends that host's results; ``end(_:to:)`` closes `results`
/// and writes `hosts`, `diagnostics` and `summary`, last. The `hosts` entries (host info and at
/// most ``hostDiagnosticsLimit`` diagnostics each, plus a total) are laid out as each host comes
/// and kept as bytes, spilled to a temporary file beyond a bound (``JSONHostEntries``), so memory
/// does not grow with the hosts; results are never kept.
///
/// A result carries no more per host than a consumer needs: it names its rule (`pack`, `rule`),
/// whose title, severity, tags, remediation and compliance are in `rules` only (each result is
/// checked against its entry, ``ResultRules``), and its evidence leaves out the keys whose value
/// is `null`.
package struct JSONReporter: BuiltinReporter {
    package static let id = "json"
    package static let summary = "results JSON for audit and machines (docs/schema/results-3.json)"
    /// The version of the results JSON this reporter writes (`hostcheck_results`).
    package static let formatVersion = 3
    package static let honouredOptions: [ReporterOption] = [.pretty]

    /// The most diagnostics one `hosts` entry lists (`diagnostics_total` has the count).
    package static let hostDiagnosticsLimit = 50

    package let options: ReporterOptions
    private var writer: JSONWriter
    private var hosts: JSONHostEntries
    private var runDiagnostics: [Diagnostic] = []
    /// The entry of `rules` each result names, checked; the run's rules from ``begin(_:to:)`` on.
    private var rules = ResultRules()

    /// - Parameters:
    ///   - options: ignored apart from being kept (JSON has no colour).
    ///   - pretty: two-space indentation or one line.
    package init(options: ReporterOptions = ReporterOptions(), pretty: Bool) {
        self.options = options
        self.writer = JSONWriter(pretty: pretty)
        self.hosts = JSONHostEntries(pretty: pretty)
    }

    /// Compact unless `options.pretty`.
    package init(options: ReporterOptions) {
        self.init(options: options, pretty: options.pretty)
    }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        runDiagnostics = run.diagnostics
        rules = try ResultRules(run.rules)
        writer.beginObject()
        writer.key("hostcheck_results"); writer.int(Self.formatVersion)
        writer.key("generator"); writer.write(run.generator)
        writer.key("packs")
        writer.beginArray()
        for pack in run.packs { writer.write(pack) }
        writer.endArray()
        writer.key("rules")
        writer.beginArray()
        for rule in run.rules { writer.write(rule) }
        writer.endArray()
        writer.key("waivers_sha256"); writer.string(run.waiversSHA256)
        writer.key("started_at"); writer.string(run.startedAt)
        writer.key("results")
        writer.beginArray()
        out.write(writer.takeString())
    }

    /// Appends the host's results, each checked against its entry of `rules`.
    /// - Throws: ``ResultRuleMismatch`` for a result whose rule is not that entry; then nothing
    ///   more is written.
    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        try results.results.withUnsafeBufferPointer { results in
            guard let first = results.baseAddress else { return }
            for position in results.indices {
                try rules.check(resultAt: first + position, position: position)
                writer.write(resultAt: first + position)
            }
        }
        out.write(writer.takeString())
        try hosts.append { writer in
            writer.writeHostEntry(results, diagnosticsLimit: Self.hostDiagnosticsLimit)
        }
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        writer.endArray()
        writer.key("hosts")
        writer.beginArray()
        out.write(writer.takeString())
        writer.noteMembers(hosts.count)
        try hosts.drain { out.write(String(decoding: $0, as: UTF8.self)) }
        writer.endArray()
        writer.key("diagnostics")
        writer.beginArray()
        for diagnostic in runDiagnostics + summary.diagnostics { writer.write(diagnostic) }
        writer.endArray()
        writer.key("summary"); writer.write(summary)
        writer.endObject()
        out.write(writer.takeString() + "\n")
    }
}
