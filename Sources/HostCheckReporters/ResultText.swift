import HostCheckCore

/// Plain-text pieces shared by the line-oriented reporters. Nothing here escapes or
/// neutralises: each reporter escapes for its own format.
enum ResultText {
    /// `1 host`, `2 hosts`; `plural` when adding `s` is wrong (`processes`).
    static func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        "\(value) \(value == 1 ? noun : plural ?? noun + "s")"
    }

    /// `0 pass, 1 fail, 0 unknown, 0 error, 0 skip, 0 waived`.
    static func counts(_ counts: OutcomeCounts) -> String {
        Outcome.allCases.map { "\(counts[$0]) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// `1 host, 1 rule: 0 pass, 1 fail, 0 unknown, 0 error, 0 skip, 0 waived`.
    static func summaryLine(_ summary: Summary) -> String {
        "\(count(summary.hosts, "host")), \(count(summary.rules, "rule")): \(counts(summary.counts))"
    }

    /// `pack/rule`.
    static func ruleID(_ result: RuleResult) -> String { ruleID(pack: result.pack, rule: result.rule) }

    /// `pack/rule`.
    static func ruleID(pack: String, rule: String) -> String { "\(pack)/\(rule)" }

    /// `netstat.txt [windows-netstat, cp850], /proc [proc-net-tcp]`.
    static func sources(_ host: HostInfo) -> String {
        guard !host.sources.isEmpty else { return "no sources" }
        return host.sources.map(sourceText).joined(separator: ", ")
    }

    /// `coverage: tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=all users=all
    /// netns=host-only (...)`: what the host's sources could show, and what was assumed
    /// (``Coverage/line``).
    static func coverage(_ host: HostInfo) -> String {
        "coverage: " + host.coverage.line
    }

    /// `netstat.txt [windows-netstat, cp850]`.
    static func sourceText(_ source: CaptureSource) -> String {
        let detail = [source.format, source.encoding].compactMap { $0 }.joined(separator: ", ")
        return "\(source.file) [\(detail)]"
    }

    /// `tcp 0.0.0.0:3691`, `udp [::]:53`.
    static func endpoint(_ socket: SocketFact) -> String { socket.localEndpointDescription }

    /// `pid 6120 nc64.exe`, `pid 1 systemd, pid 812 sshd`, `no owner`, `owner unknown (capture-has-no-owners)`.
    static func owners(_ socket: SocketFact, processes: [ProcessFact]) -> String {
        switch socket.ownership {
        case .owned:
            guard !socket.pids.isEmpty else { return "owner pid not recorded" }
            return socket.pids.map { pid in
                let name = processes.first { $0.pid == pid }?.name
                return name.map { "pid \(pid) \($0)" } ?? "pid \(pid)"
            }.joined(separator: ", ")
        case .unowned:
            return "no owner"
        case .unknown:
            return "owner unknown" + (socket.ownershipReason.map { " (\($0.rawValue))" } ?? "")
        }
    }

    /// The parts of one evidence line: endpoint, owners, source, note (whichever exist).
    static func evidenceParts(_ evidence: Evidence) -> [String] {
        var parts: [String] = []
        if let socket = evidence.socket {
            parts.append(endpoint(socket))
            parts.append(owners(socket, processes: evidence.processes))
        } else if !evidence.processes.isEmpty {
            parts.append(evidence.processes.map { "pid \($0.pid) \($0.name ?? "?")" }.joined(separator: ", "))
        }
        if let source = evidence.source { parts.append(source.description) }
        // The engine's note often restates the owner (`owner unknown (...)`): said once.
        if let note = evidence.note, !parts.contains(note) { parts.append(note) }
        return parts
    }

    /// `tcp 0.0.0.0:3691  pid 6120 nc64.exe  netstat.txt:8`.
    static func evidenceLine(_ evidence: Evidence) -> String {
        evidenceParts(evidence).joined(separator: "  ")
    }

    /// `waived fail: reason (expires 2027-01-31)`.
    static func waiverLine(_ result: RuleResult) -> String? {
        guard let waiver = result.waiver else { return nil }
        let was = result.waivedOutcome.map { " \($0.rawValue)" } ?? ""
        let expiry = waiver.expires.map { " (expires \($0))" } ?? " (no expiry)"
        return "waived\(was): \(waiver.reason)\(expiry)"
    }

    /// The outcomes in the order reports list them: the ones needing attention first.
    static let reportOrder: [Outcome] = [.fail, .error, .unknown, .waived, .pass, .skip]

    /// Results sorted for a report: severity descending, then pack and rule.
    static func sorted(_ results: [RuleResult]) -> [RuleResult] {
        results.sorted { lhs, rhs in
            if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
            if lhs.pack != rhs.pack { return lhs.pack < rhs.pack }
            return lhs.rule < rhs.rule
        }
    }
}
