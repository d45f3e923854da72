import HostCheckKit

/// `--format site-summary`: one line per host with its counts and the rules it failed, then a
/// line for the run, as a site's ticketing system might read it.
struct SiteSummaryReporter: BuiltinReporter {
    static let id = "site-summary"
    static let summary = "One line per host: counts and failed rules (this site's own format)"

    init(options: ReporterOptions) {}

    mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        out.write("site-summary: \(run.packs.count) pack(s): \(run.packs.map(\.id).joined(separator: ", "))\n")
    }

    mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        var counts = OutcomeCounts()
        for result in results.results { counts.add(result.outcome) }
        let failed = results.results.filter { $0.outcome == .fail }.map { "\($0.pack)/\($0.rule)" }
        // The host name comes from the input: neutralised before it reaches a terminal.
        let host = TerminalText.neutralised(results.host.name)
        out.write("site-summary: host \(host) pass=\(counts.pass) fail=\(counts.fail) unknown=\(counts.unknown) error=\(counts.error)")
        out.write(failed.isEmpty ? "\n" : " failed: \(failed.joined(separator: " "))\n")
    }

    mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        out.write("site-summary: \(summary.hosts) host(s), \(summary.rules) rule(s), \(summary.counts.fail) failed\n")
    }
}
