import HostCheckCore

/// JUnit XML for CI test tabs (Jenkins, GitLab, Azure Pipelines): `--format junit:PATH`.
///
/// One `<testsuite>` per host (`name` and `hostname` = host name), one `<testcase>` per rule
/// with `classname` = `HOST.PACK` and `name` = rule id, so that Jenkins (which splits `classname`
/// at its last dot into package and class) and GitLab (which keys a case by `classname` and
/// `name`) keep the hosts of a fleet apart. A host name seen before in the run (compared
/// case-insensitively) becomes `HOST (2)`, `HOST (3)`, … in `classname`. Each suite's properties
/// name the platform, every source, and every pack loaded (`pack` = ``PackProvenance/line(_:)``).
/// `fail` → `<failure>` with the evidence, `error` and `unknown` → `<error>`, `skip` and `waived` → `<skipped>` with the reason.
/// Suite counts follow: `tests` = results, `failures` = fail, `errors` = error + unknown,
/// `skipped` = skip + waived. Times are 0: hostcheck does not time single rules. The host's
/// diagnostics go to the suite's `<system-err>`. All text is XML-escaped after neutralising
/// control characters (XML 1.0 cannot carry them at all).
package struct JUnitReporter: BuiltinReporter {
    package static let id = "junit"
    package static let summary = "JUnit XML: a testsuite per host, a testcase per rule (Jenkins, GitLab, Azure)"

    package let options: ReporterOptions
    private var startedAt = ""
    private var packs: [PackInfo] = []
    /// How many times each host name (lowercased) has been seen; only names, so memory stays small.
    private var hostCounts: [String: Int] = [:]

    package init(options: ReporterOptions) {
        self.options = options
    }

    private func attr(_ text: String) -> String { Markup.escape(text) }

    package mutating func begin(_ run: RunInfo, to out: inout some TextOutputStream) throws {
        startedAt = run.startedAt
        packs = run.packs
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"hostcheck\">\n")
    }

    package mutating func host(_ results: HostResults, to out: inout some TextOutputStream) throws {
        var counts = OutcomeCounts()
        for result in results.results { counts.add(result.outcome) }
        let host = attr(results.host.name)
        let seen = hostCounts[results.host.name.lowercased(), default: 0] + 1
        hostCounts[results.host.name.lowercased()] = seen
        let classHost = seen == 1 ? results.host.name : "\(results.host.name) (\(seen))"
        out.write("  <testsuite name=\"\(host)\" hostname=\"\(host)\" tests=\"\(results.results.count)\"")
        out.write(" failures=\"\(counts.fail)\" errors=\"\(counts.error + counts.unknown)\"")
        out.write(" skipped=\"\(counts.skip + counts.waived)\" time=\"0\" timestamp=\"\(attr(startedAt))\">\n")
        out.write("    <properties>\n")
        out.write("      <property name=\"platform\" value=\"\(results.host.platform.rawValue)\"/>\n")
        for source in results.host.sources {
            out.write("      <property name=\"source\" value=\"\(attr(ResultText.sourceText(source)))\"/>\n")
        }
        for pack in packs {
            out.write("      <property name=\"pack\" value=\"\(attr(PackProvenance.line(pack)))\"/>\n")
        }
        out.write("    </properties>\n")
        for result in results.results {
            writeCase(result, classname: classHost + "." + result.pack, to: &out)
        }
        if !results.diagnostics.isEmpty {
            out.write("    <system-err>")
            out.write(results.diagnostics.map { Markup.escape($0.description) }.joined(separator: "\n"))
            out.write("</system-err>\n")
        }
        out.write("  </testsuite>\n")
    }

    package mutating func end(_ summary: Summary, to out: inout some TextOutputStream) throws {
        out.write("</testsuites>\n")
    }

    private func writeCase(_ result: RuleResult, classname: String, to out: inout some TextOutputStream) {
        let open = "    <testcase classname=\"\(attr(classname))\" name=\"\(attr(result.rule))\" time=\"0\""
        switch result.outcome {
        case .pass:
            out.write(open + "/>\n")
        case .fail, .error, .unknown:
            let element = result.outcome == .fail ? "failure" : "error"
            let type = result.outcome == .fail ? result.severity.rawValue : result.outcome.rawValue
            out.write(open + ">\n")
            out.write("      <\(element) message=\"\(attr(result.message))\" type=\"\(type)\">")
            out.write(detail(result).map(Markup.escape).joined(separator: "\n"))
            out.write("</\(element)>\n")
            out.write("    </testcase>\n")
        case .skip, .waived:
            let reason = ResultText.waiverLine(result) ?? (result.message.isEmpty ? "skipped" : result.message)
            out.write(open + ">\n")
            out.write("      <skipped message=\"\(attr(reason))\"/>\n")
            out.write("    </testcase>\n")
        }
    }

    /// The body of a failure or error: severity, message, evidence, remediation.
    private func detail(_ result: RuleResult) -> [String] {
        var lines = ["severity: \(result.severity.rawValue)"]
        if let title = result.title { lines.append("rule: " + title) }
        lines.append(result.message)
        lines += result.evidence.map(ResultText.evidenceLine)
        let hidden = result.evidenceTotal - result.evidence.count
        if hidden > 0 { lines.append("… and \(hidden) more") }
        if let remediation = result.remediation { lines.append("fix: " + remediation) }
        if !result.compliance.isEmpty { lines.append("compliance: " + ComplianceText.summary(result.compliance)) }
        return lines
    }
}
