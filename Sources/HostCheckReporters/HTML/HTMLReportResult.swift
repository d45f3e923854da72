import HostCheckCore

/// Renders one rule result as a click-to-expand `<details>` element with its evidence.
enum HTMLReportResult {
    /// Writes `result`; `anchor` is its element id (`r3-7`), or nil when another result holds it.
    static func render(_ result: RuleResult, anchor: String?, to out: inout some TextOutputStream) {
        let h = Markup.escape
        let outcomeClass = HTMLReportLabels.cssClass(result.outcome)
        let idAttribute = anchor.map { " id=\"\($0)\"" } ?? ""
        out.write("<details class=\"result \(outcomeClass)\"\(idAttribute)>\n<summary>")
        out.write("<span class=\"badge \(outcomeClass)\">\(HTMLReportLabels.short(result.outcome))</span>")
        out.write("<span class=\"sev sev-\(result.severity.rawValue)\">\(result.severity.rawValue)</span>")
        out.write("<span class=\"rule\"><span class=\"pack\">\(h(result.pack))/</span>\(h(result.rule))</span>")
        if let title = result.title { out.write("<span class=\"title\">\(h(title))</span>") }
        out.write("<span class=\"msg\">\(h(result.message))</span></summary>\n<div class=\"body\">\n")
        out.write("<p class=\"message\">\(h(result.message))</p>\n")
        if let waiver = result.waiver { renderWaiver(waiver, was: result.waivedOutcome, to: &out) }
        if !result.evidence.isEmpty { renderEvidence(result.evidence, to: &out) }
        let hidden = result.evidenceTotal - result.evidence.count
        if hidden > 0 {
            out.write("<p class=\"more\">… and \(hidden) more piece\(hidden == 1 ? "" : "s") of evidence not shown</p>\n")
        }
        if let remediation = result.remediation {
            out.write("<p class=\"remediation\"><strong>Remediation:</strong> \(h(remediation))</p>\n")
        }
        if !result.compliance.isEmpty {
            out.write("<p class=\"compliance\"><strong>Compliance:</strong> \(h(ComplianceText.summary(result.compliance)))</p>\n")
        }
        if !result.tags.isEmpty {
            out.write("<p class=\"tags\">")
            for tag in result.tags { out.write("<span class=\"tag\">\(h(tag))</span>") }
            out.write("</p>\n")
        }
        out.write("</div>\n</details>\n")
    }

    /// Writes `result` as one list item (outcome, rule, message), for folded passes and skips.
    static func renderCompact(_ result: RuleResult, anchor: String?, to out: inout some TextOutputStream) {
        let h = Markup.escape
        let idAttribute = anchor.map { " id=\"\($0)\"" } ?? ""
        out.write("<li\(idAttribute)><span class=\"badge \(HTMLReportLabels.cssClass(result.outcome))\">\(HTMLReportLabels.short(result.outcome))</span> ")
        out.write("<span class=\"rule\"><span class=\"pack\">\(h(result.pack))/</span>\(h(result.rule))</span> ")
        out.write("<span class=\"msg\">\(h(result.message))</span></li>\n")
    }

    private static func renderWaiver(_ waiver: AppliedWaiver, was original: Outcome?, to out: inout some TextOutputStream) {
        let h = Markup.escape
        out.write("<p class=\"waiver\"><strong>Waived")
        if let original { out.write(" (was \(original.rawValue))") }
        out.write(":</strong> \(h(waiver.reason))")
        if let expires = waiver.expires { out.write(" <span class=\"expires\">expires \(h(expires))</span>") }
        if let location = waiver.location { out.write(" <code class=\"src\">\(h(location.description))</code>") }
        out.write("</p>\n")
    }

    private static func renderEvidence(_ evidence: [Evidence], to out: inout some TextOutputStream) {
        let h = Markup.escape
        out.write("<table class=\"evidence\"><thead><tr><th>Socket</th><th>State</th><th>Owners</th><th>Source</th><th>Note</th></tr></thead><tbody>\n")
        for item in evidence {
            out.write("<tr><td data-label=\"Socket\">")
            if let socket = item.socket {
                out.write("<code>\(h(endpoint(socket)))</code>")
            } else {
                out.write("–")
            }
            out.write("</td><td data-label=\"State\">")
            if let socket = item.socket {
                out.write(h(socket.state.rawValue + (socket.rawState.map { " (\($0))" } ?? "")))
            } else {
                out.write("–")
            }
            out.write("</td><td data-label=\"Owners\">")
            renderOwners(item, to: &out)
            out.write("</td><td data-label=\"Source\">")
            out.write(item.source.map { "<code class=\"src\">\(h($0.description))</code>" } ?? "–")
            out.write("</td><td data-label=\"Note\">\(item.note.map(h) ?? "–")</td></tr>\n")
        }
        out.write("</tbody></table>\n")
    }

    /// `tcp 0.0.0.0:3691 → 10.0.0.5:51000`.
    static func endpoint(_ socket: SocketFact) -> String {
        var text = socket.localEndpointDescription
        if let remote = socket.remoteAddress {
            let port = socket.remotePort.map(String.init) ?? socket.remotePortName ?? "*"
            text += socket.family == .ipv6 ? " → [\(remote)]:\(port)" : " → \(remote):\(port)"
        }
        return text
    }

    private static func renderOwners(_ item: Evidence, to out: inout some TextOutputStream) {
        let h = Markup.escape
        if !item.processes.isEmpty {
            out.write("<ul class=\"owners\">")
            for process in item.processes {
                let name = (process.name ?? "unnamed") + (process.nameTruncated ? "…" : "")
                out.write("<li><strong>\(h(name))</strong> <span class=\"pid\">pid \(process.pid)</span>")
                if process.kernel { out.write(" <span class=\"tag\">kernel</span>") }
                if let user = process.user { out.write(" <span class=\"user\">user \(h(user))</span>") }
                if let path = process.path { out.write("<br><code>\(h(path))</code>") }
                if let cmdline = process.cmdline, cmdline != process.path { out.write("<br><code class=\"cmd\">\(h(cmdline))</code>") }
                if !process.services.isEmpty { out.write("<br>services: \(h(process.services.joined(separator: ", ")))") }
                out.write(" <code class=\"src\">\(h(process.source.description))</code></li>")
            }
            out.write("</ul>")
            return
        }
        guard let socket = item.socket else {
            out.write("–")
            return
        }
        let reason = socket.ownershipReason.map { " (\(h($0.rawValue)))" } ?? ""
        switch socket.ownership {
        case .owned:
            let pids = socket.pids.map(String.init).joined(separator: ", ")
            out.write("pid \(pids) <span class=\"muted\">no process record</span>")
        case .unowned:
            out.write("no process\(reason)")
        case .unknown:
            out.write("<em>unknown owner</em>\(reason)")
        }
    }
}
