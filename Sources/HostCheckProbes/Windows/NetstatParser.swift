import HostCheckCore

/// Parses Windows `netstat -an` / `-ano` (capture-format spec §2), in any display language.
///
/// Rows are found by structure (protocol token, two endpoints); known titles and headers are
/// decoration, and when none precedes the first row, the last two lines before it are read as
/// the title and header of an unknown language. Pasted prompts, pager lines and `...`
/// elisions are recognised (``PastedNoise``). Every other non-blank line is a warning with its
/// line number.
enum NetstatParser {
    static func parse(_ text: CaptureText) -> SocketCapture {
        var result = SocketCapture()
        var rows: [(line: Int, row: NetstatRow)] = []
        var owners: [Int: NetstatOwner] = [:]
        var firstRowIndex: Int?
        var pending: [Int] = []
        var knownPreamble = false
        for (index, line) in text.lines.enumerated() {
            if Tokens.isBlank(line) { continue }
            let tokens = Tokens.split(line)
            if let row = NetstatRow(tokens: tokens) {
                if firstRowIndex == nil { firstRowIndex = index }
                rows.append((index + 1, row))
                if row.pid != nil { result.hasPIDs = true }
            } else if let last = rows.last, let kind = NetstatOwnerLines.classify(line) {
                var owner = owners[last.line] ?? NetstatOwner()
                switch kind {
                case .image(let image):
                    owner.image = image
                    owner.imageLine = index + 1
                case .component(let component):
                    owner.components.append(component)
                case .notObtainable:
                    owner.notObtainable = true
                }
                owners[last.line] = owner
            } else if NetstatDecoration.isKnown(line) {
                result.decorationLines += 1
                if firstRowIndex == nil { knownPreamble = true }
            } else if let noise = PastedNoise.classify(line) {
                result.decorationLines += 1
                if noise == .elision {
                    result.elided = true
                    result.diagnostics.append(Diagnostic(
                        .note, "rows elided here ('...'): the capture is partial", at: text.location(line: index + 1)))
                }
            } else if NetstatRow.startsLikeRow(tokens) {
                result.diagnostics.append(Diagnostic(
                    .warning, "malformed netstat row: an endpoint or the pid cannot be read",
                    at: text.location(line: index + 1)))
            } else {
                pending.append(index)
            }
        }
        let preamble = knownPreamble ? [] : pending.filter { firstRowIndex == nil || $0 < firstRowIndex ?? 0 }
        let structural = structuralDecoration(preamble, text: text)
        result.decorationLines += structural.count
        for index in pending where !structural.contains(index) {
            result.diagnostics.append(Diagnostic(
                .warning, "line not understood as part of a netstat capture", at: text.location(line: index + 1)))
        }
        result.diagnostics.sort { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) }
        for (line, row) in rows {
            var fact = socket(row, line: line, text: text, into: &result)
            if let owner = owners[line] {
                if owner.notObtainable, fact.ownership == .unknown { fact.ownershipReason = .ownerNotObtainable }
                if let pid = row.pid, pid != 0 { addOwnerProcess(owner, pid: pid, text: text, into: &result) }
            }
            result.sockets.append(fact)
        }
        return result
    }

    /// Records the image and components `-b` printed for a PID (the first image seen wins).
    static func addOwnerProcess(_ owner: NetstatOwner, pid: Int, text: CaptureText, into result: inout SocketCapture) {
        guard let image = owner.image, let imageLine = owner.imageLine else { return }
        if let index = result.ownerProcesses.firstIndex(where: { $0.pid == pid }) {
            for component in owner.components where !result.ownerProcesses[index].services.contains(component) {
                result.ownerProcesses[index].services.append(component)
            }
            return
        }
        result.ownerProcesses.append(ProcessFact(
            pid: pid, name: image, services: owner.components, source: text.location(line: imageLine)))
    }

    /// Before the first row, the last line is a header and the one before it a title, when
    /// neither holds an endpoint (an unknown display language).
    static func structuralDecoration(_ preamble: [Int], text: CaptureText) -> Set<Int> {
        var accepted: Set<Int> = []
        for index in preamble.reversed().prefix(2) {
            guard NetstatDecoration.couldBeDecoration(text.lines[index]) else { break }
            accepted.insert(index)
        }
        return accepted
    }

    static func socket(
        _ row: NetstatRow, line: Int, text: CaptureText, into result: inout SocketCapture
    ) -> SocketFact {
        let location = text.location(line: line)
        let (state, rawState, contradiction) = row.normalisedState()
        if contradiction {
            result.diagnostics.append(Diagnostic(
                .warning, "state word says listening but the remote endpoint is connected; state kept unknown",
                at: location))
        }
        let family = row.local.family
        result.protocols.insert(row.proto)
        result.families.insert(family)
        var ownership = Ownership.unknown
        var reason: OwnershipReason? = .captureHasNoOwners
        var pids: [Int] = []
        if let pid = row.pid {
            if pid == 0 {
                ownership = .unowned
                reason = .windowsPidZero
            } else {
                ownership = .owned
                reason = nil
                pids = [pid]
            }
        }
        let remote = row.remote.isUnconnected ? nil : row.remote
        return SocketFact(
            protocol: row.proto, family: family,
            localAddress: row.local.host, localPort: row.local.port, localPortName: row.local.portName,
            localZone: row.local.zone,
            remoteAddress: remote.flatMap { $0.host == "*" ? nil : $0.host }, remotePort: remote?.port,
            remotePortName: remote?.portName,
            state: state, rawState: rawState,
            ownership: ownership, ownershipReason: reason, pids: pids, source: location)
    }
}
