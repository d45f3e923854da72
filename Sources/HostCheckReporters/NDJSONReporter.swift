import HostCheckCore

/// Newline-delimited JSON for log pipelines (Elasticsearch/OpenSearch bulk, Filebeat, Loki):
/// `--format ndjson[:PATH]`, schema `docs/schema/ndjson-1.json` (docs/reports.md, "ndjson").
///
/// One JSON object per line, each with `record` (what the line is) and `started_at` (when the
/// run started, which ties the lines of one run together):
/// - `run`, first: `hostcheck_ndjson` (the format version), `generator`, `packs` (every pack
///   loaded, with its file and SHA-256, in the results JSON shape), `waivers_sha256`,
///   `diagnostics` (run-level);
/// - `result`, one per (host, rule): `result`, self-contained (the results-2 shape: with its
///   rule's title, severity, tags, remediation and compliance, and every evidence key);
/// - `host`, after that host's results: `host` with its sources, coverage and at most
///   ``hostDiagnosticsLimit`` diagnostics (`diagnostics_total` has the count);
/// - `summary`, last: `summary` and the diagnostics found during the run.
///
/// Hosts come in run order (the order of the fleet), and the descriptor asks the CLI to flush
/// after every host, so a reader of standard output or a FIFO gets each host's lines as soon as
/// it and the hosts before it are evaluated. Nothing is kept between hosts.
package struct NDJSONReporter: BuiltinReporter {
    package static let id = "ndjson"
    package static let summary = "NDJSON: a line per result and per host, for Elasticsearch, OpenSearch, Loki (docs/schema/ndjson-1.json)"
    /// The version of the NDJSON lines this reporter writes (`hostcheck_ndjson`).
    package static let formatVersion = 1
    /// The most diagnostics one `host` line lists (`diagnostics_total` has the count).
    package static let hostDiagnosticsLimit = 50

    /// Flushed after every host: a line consumer sees each host as soon as it is done.
    package static var descriptor: ReporterDescriptor {
        ReporterDescriptor(id: id, summary: summary, flushesEachHost: true) { Self(options: $0) }
    }

    package let options: ReporterOptions
    private var startedAt = ""
    /// The results' members that come from their rules, laid out once (``RuleFragments``).
    private var fragments = RuleFragments()

    package init(options: ReporterOptions) {
        self.options = options
    }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        startedAt = run.startedAt
        var line = open("run")
        line.key("hostcheck_ndjson"); line.int(Self.formatVersion)
        line.key("generator"); line.write(run.generator)
        line.key("packs")
        line.beginArray()
        for pack in run.packs { line.write(pack) }
        line.endArray()
        line.key("waivers_sha256"); line.string(run.waiversSHA256)
        line.key("diagnostics")
        line.beginArray()
        for diagnostic in run.diagnostics { line.write(diagnostic) }
        line.endArray()
        out.write(close(&line))
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        results.results.withUnsafeBufferPointer { results in
            for position in results.indices {
                var line = open("result")
                line.key("result"); line.writeSelfContained(results[position], position: position, fragments: &fragments)
                out.write(close(&line))
            }
        }
        var line = open("host")
        line.key("host")
        line.writeHostEntry(results, diagnosticsLimit: Self.hostDiagnosticsLimit)
        out.write(close(&line))
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        var line = open("summary")
        line.key("summary"); line.write(summary)
        line.key("diagnostics")
        line.beginArray()
        for diagnostic in summary.diagnostics { line.write(diagnostic) }
        line.endArray()
        out.write(close(&line))
    }

    /// A compact writer with the line's object open and `record` and `started_at` written.
    private func open(_ record: String) -> JSONWriter {
        var line = JSONWriter(pretty: false)
        line.beginObject()
        line.key("record"); line.string(record)
        line.key("started_at"); line.string(startedAt)
        return line
    }

    /// Closes the line's object and returns it with its line feed.
    private func close(_ line: inout JSONWriter) -> String {
        line.endObject()
        return line.takeString() + "\n"
    }
}
