import HostCheckCore
import HostCheckReporters

/// Hand-built runs and results shared by the reporter tests.
enum Samples {
    static let hostile = "<script>alert(\"x\")</script>]]>\n\u{1B}[31mred & 'q'"

    static let run = RunInfo(
        generator: Generator(name: "hostcheck", version: "0.1.0"),
        packs: [PackInfo(id: "magaya-network", version: "1.0.0", title: "Magaya Network owns port 3691",
                         sha256: String(repeating: "ab", count: 32), file: "rules/magaya-network.yaml",
                         variables: ["magaya_images": .list(["magaya*", "mgy*"]), "magaya_port": .scalar("3691")],
                         ruleVariables: ["magaya-3691-owner": ["magaya_images": .list(["nc*"])]])],
        rules: [RuleInfo(pack: "magaya-network", id: "magaya-3691-owner", title: "Only Magaya may listen on port 3691",
                         description: "Port 3691 is Magaya's", severity: .high, tags: ["iana"],
                         remediation: "Stop it.", references: ["https://www.iana.org/"],
                         location: SourceLocation(file: "rules/magaya-network.yaml", line: 20, column: 5))],
        waiversSHA256: nil,
        startedAt: "2026-11-27T10:00:00Z",
        diagnostics: [Diagnostic(.warning, "waiver for rule 'x' matched nothing", at: SourceLocation(file: "waivers.yaml", line: 4, column: 7))])

    /// ``run`` with `rules` describing exactly the rules of `hosts`' results (as a `check` run's
    /// rules do), each (pack, id) once, its fields those of its first result: what the results
    /// JSON, whose results leave their rule's fields to `rules`, needs.
    static func run(covering hosts: [HostResults]) -> RunInfo {
        var covering = run
        var seen = Set<String>()
        covering.rules = hosts.flatMap(\.results).filter { seen.insert($0.pack + "/" + $0.rule).inserted }.map { result in
            RuleInfo(pack: result.pack, id: result.rule, title: result.title, severity: result.severity, tags: result.tags,
                     remediation: result.remediation, compliance: result.compliance)
        }
        return covering
    }

    /// Runs the results JSON reporter over `hosts`, with ``run(covering:)``.
    static func renderJSON(_ hosts: [HostResults], pretty: Bool = false) throws -> String {
        try render(JSONReporter(options: ReporterOptions(), pretty: pretty), hosts: hosts, run: run(covering: hosts))
    }

    static let netstatSocket = SocketFact(
        protocol: .tcp, family: .ipv4, localAddress: "0.0.0.0", localPort: 3691, state: .listening,
        ownership: .owned, pids: [6120], source: SourceLocation(file: "netstat.txt", line: 8))

    static let ncProcess = ProcessFact(pid: 6120, name: "nc64.exe", source: SourceLocation(file: "tasklist.csv", line: 9))

    static let windowsHost = HostInfo(
        name: "wh-berlin-02", platform: .windows, capturedAt: nil,
        sources: [CaptureSource(file: "netstat.txt", format: "windows-netstat", encoding: "cp850"),
                  CaptureSource(file: "tasklist.csv", format: "windows-tasklist-csv", encoding: "utf-8")],
        coverage: .full)

    static func result(
        _ rule: String, _ outcome: Outcome, severity: Severity = .high, message: String = "",
        evidence: [Evidence] = [], evidenceTotal: Int? = nil, host: String = "wh-berlin-02"
    ) -> RuleResult {
        RuleResult(host: host, pack: "magaya-network", rule: rule, title: "Title of \(rule)", severity: severity,
                   outcome: outcome, message: message, evidence: evidence, evidenceTotal: evidenceTotal)
    }

    static let failing = RuleResult(
        host: "wh-berlin-02", pack: "magaya-network", rule: "magaya-3691-owner",
        title: "Only Magaya may listen on port 3691", severity: .high, tags: ["iana"], outcome: .fail,
        message: "tcp 0.0.0.0:3691 is owned by nc64.exe (pid 6120), expected magaya*",
        evidence: [Evidence(socket: netstatSocket, processes: [ncProcess])],
        remediation: "Find the process with `hostcheck facts --port 3691` and stop it.")

    static let waived = RuleResult(
        host: "wh-berlin-02", pack: "base", rule: "no-telnet", title: "No telnet", severity: .medium,
        outcome: .waived, message: "tcp 0.0.0.0:23 is listening", waivedOutcome: .fail,
        waiver: AppliedWaiver(reason: "migration, ticket SEC-1234", expires: "2027-01-31",
                              location: SourceLocation(file: "waivers.yaml", line: 3, column: 5)))

    static let unknownOwner = RuleResult(
        host: "wh-berlin-02", pack: "base", rule: "sshd-up", severity: .low, outcome: .unknown,
        message: "owner of tcp 0.0.0.0:22 is unknown",
        evidence: [Evidence(socket: SocketFact(
            protocol: .tcp, family: .ipv6, localAddress: "::", localPort: 22, state: .listening,
            ownership: .unknown, ownershipReason: .captureHasNoOwners, source: SourceLocation(file: "netstat.txt", line: 12)))])

    static let hostResults = HostResults(
        host: windowsHost,
        results: [
            result("pass-a", .pass), waived, failing, unknownOwner, result("skipped", .skip, severity: .info),
            result("pass-b", .pass, severity: .critical),
        ],
        diagnostics: (1...7).map { Diagnostic(.warning, "line not understood", at: SourceLocation(file: "netstat.txt", line: 20 + $0, column: 1)) })

    static let hostileHost = HostResults(
        host: HostInfo(name: hostile, platform: .linux, sources: [CaptureSource(file: hostile, format: "ss")], coverage: .full),
        results: [RuleResult(
            host: hostile, pack: "p", rule: "r", title: hostile, severity: .critical, tags: [hostile], outcome: .fail,
            message: "owned by " + hostile,
            evidence: [Evidence(
                socket: SocketFact(protocol: .tcp, family: .ipv4, localAddress: "10.0.0.1", localPort: 80, state: .listening,
                                   ownership: .owned, pids: [66], source: SourceLocation(file: hostile, line: 1)),
                processes: [ProcessFact(pid: 66, name: hostile, cmdline: hostile, source: SourceLocation(file: hostile, line: 2))],
                note: hostile)],
            remediation: hostile)],
        diagnostics: [Diagnostic(.error, "bad " + hostile, at: SourceLocation(file: hostile, line: 3))])

    static func summary(_ hosts: [HostResults], duration: Double = 0.25) -> Summary {
        var counts = OutcomeCounts()
        var rules = Set<String>()
        for host in hosts {
            for result in host.results {
                counts.add(result.outcome)
                rules.insert(result.pack + "/" + result.rule)
            }
        }
        return Summary(hosts: hosts.count, rules: rules.count, counts: counts, durationSeconds: duration)
    }

    /// Runs a reporter over `hosts` and returns everything it wrote.
    static func render(_ reporter: some Reporter, hosts: [HostResults], run: RunInfo = Samples.run, summary: Summary? = nil) throws -> String {
        var reporter = reporter
        var out = ""
        try reporter.begin(run, to: &out)
        for host in hosts { try reporter.host(host, to: &out) }
        try reporter.end(summary ?? Samples.summary(hosts), to: &out)
        return out
    }
}
