import HostCheckCore

/// Writes a node_exporter textfile (Prometheus text exposition format) for fleet dashboards and
/// alerts.
///
/// Families, each contiguous and each with `# HELP` and `# TYPE`:
/// - `hostcheck_pack_info{pack,version,source,file,sha256}`: one sample per pack loaded, value 1
///   (the info-metric pattern): `source` is `built-in` or `path`, `file` the path or
///   `builtin:NAME.yaml`, `sha256` the digest of its bytes (``PackProvenance``).
/// - `hostcheck_rule_result{host,pack,rule,severity,outcome}`: one sample per (host, rule),
///   value 1, labelled with the current outcome. The other five outcomes are not written as 0:
///   that would multiply the series by six for no query that needs it
///   (`hostcheck_rule_result{outcome="fail"}` selects failures; a rule that changes outcome
///   moves to another series at the next run, as the textfile is replaced whole).
/// - `hostcheck_rules{outcome}`: the run's results per outcome, every outcome present.
/// - `hostcheck_hosts`: hosts evaluated.
/// - `hostcheck_last_run_timestamp_seconds`: Unix time the run started.
/// - `hostcheck_run_duration_seconds`: how long the run took.
///
/// `hostcheck_rule_result` samples stream as hosts arrive (its header is written by
/// ``begin(_:to:)``); the run-level families follow in ``end(_:to:)``. Memory keeps only the
/// names of hosts seen, so that a repeated host name (an `error` in a fleet) does not write
/// duplicate series, which would make the textfile collector reject the whole file: the repeat
/// is reported in a `#` comment instead.
package struct PrometheusReporter: BuiltinReporter {
    package static let id = "prometheus"
    package static let summary = "Prometheus text format for node_exporter's textfile collector"

    private var startedAt: String = ""
    private var seenHosts = Set<String>()

    package init(options: ReporterOptions) {}

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        startedAt = run.startedAt
        out.write(PrometheusExposition.header(
            "hostcheck_pack_info", type: "gauge",
            help: "A rule pack the last hostcheck run loaded: 1, labelled with its version, source, file and SHA-256."))
        for pack in run.packs {
            out.write(PrometheusExposition.sample("hostcheck_pack_info", [
                "pack": pack.id, "version": pack.version, "source": PackProvenance.source(pack),
                "file": pack.file, "sha256": pack.sha256,
            ], 1))
        }
        out.write(PrometheusExposition.header(
            "hostcheck_rule_result", type: "gauge",
            help: "Outcome of a hostcheck rule on a host: 1, labelled with the current outcome."))
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        let name = results.host.name
        guard seenHosts.insert(name.lowercased()).inserted else {
            out.write("# hostcheck: host \"\(PrometheusExposition.labelValue(name))\" appears again; "
                + "its \(results.results.count) results are not exported as they would duplicate series\n")
            return
        }
        var seenRules = Set<String>()
        for result in results.results {
            guard seenRules.insert(result.pack + "\u{0}" + result.rule).inserted else {
                out.write("# hostcheck: rule \"\(PrometheusExposition.labelValue(result.pack))/"
                    + "\(PrometheusExposition.labelValue(result.rule))\" repeats on host "
                    + "\"\(PrometheusExposition.labelValue(name))\"; the repeat is not exported\n")
                continue
            }
            out.write(PrometheusExposition.sample("hostcheck_rule_result", [
                "host": name, "pack": result.pack, "rule": result.rule,
                "severity": result.severity.rawValue, "outcome": result.outcome.rawValue,
            ], 1))
        }
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        out.write(PrometheusExposition.header(
            "hostcheck_rules", type: "gauge", help: "Results of the last hostcheck run by outcome."))
        for outcome in Outcome.allCases {
            out.write(PrometheusExposition.sample("hostcheck_rules", ["outcome": outcome.rawValue], Double(summary.counts[outcome])))
        }
        out.write(PrometheusExposition.header("hostcheck_hosts", type: "gauge", help: "Hosts evaluated by the last hostcheck run."))
        out.write(PrometheusExposition.sample("hostcheck_hosts", [:], Double(summary.hosts)))
        if let started = PrometheusTimestamp.unixSeconds(startedAt) {
            out.write(PrometheusExposition.header(
                "hostcheck_last_run_timestamp_seconds", type: "gauge", help: "Unix time at which the last hostcheck run started."))
            out.write(PrometheusExposition.sample("hostcheck_last_run_timestamp_seconds", [:], started))
        } else {
            out.write("# hostcheck: run start \"\(PrometheusExposition.labelValue(startedAt))\" is not an ISO 8601 time; "
                + "hostcheck_last_run_timestamp_seconds is not exported\n")
        }
        out.write(PrometheusExposition.header(
            "hostcheck_run_duration_seconds", type: "gauge", help: "How long the last hostcheck run took, in seconds."))
        out.write(PrometheusExposition.sample("hostcheck_run_duration_seconds", [:], summary.durationSeconds))
    }
}
