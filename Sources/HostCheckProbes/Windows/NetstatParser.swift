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
        var state = ParseState()
        state.result.sockets.reserveCapacity(text.lineCount / 2)
        text.withBytes { all in
            var tokens: [Range<Int>] = []
            tokens.reserveCapacity(16)
            for (index, range) in text.lineRanges.enumerated() {
                let bytes = UnsafeBufferPointer(rebasing: all[range])
                if ByteLine.isBlank(bytes) { continue }
                if let row = NetstatRow(bytes: bytes, tokens: &tokens) {
                    state.finishOwner(text: text)
                    if state.firstRowIndex == nil { state.firstRowIndex = index }
                    if row.pid != nil { state.result.hasPIDs = true }
                    state.result.sockets.append(socket(row, line: index + 1, text: text, into: &state.result))
                    state.currentPID = row.pid
                } else if !state.result.sockets.isEmpty,
                          let kind = NetstatOwnerLines.classify(bytes: bytes, tokens: &tokens) {
                    state.addOwnerLine(kind, line: index + 1)
                } else {
                    state.readOther(text.line(index), index: index, text: text)
                }
            }
        }
        state.finishOwner(text: text)
        var result = state.result
        let firstRow = state.firstRowIndex
        let preamble = state.knownPreamble ? [] : state.pending.filter { firstRow == nil || $0 < firstRow ?? 0 }
        let structural = structuralDecoration(preamble, text: text)
        result.decorationLines += structural.count
        for index in state.pending where !structural.contains(index) {
            result.diagnostics.append(Diagnostic(
                .warning, "line not understood as part of a netstat capture", at: text.location(line: index + 1)))
        }
        result.diagnostics.sort { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) }
        return result
    }

    /// What the parser carries from line to line.
    struct ParseState {
        var result = SocketCapture()
        var firstRowIndex: Int?
        var pending: [Int] = []
        var knownPreamble = false
        /// The `-b` lines under the last row, and that row's PID.
        var owner: NetstatOwner?
        var currentPID: Int?
        var ownerIndexByPID: [Int: Int] = [:]

        mutating func addOwnerLine(_ kind: NetstatOwnerLines.Kind, line: Int) {
            var current = owner ?? NetstatOwner()
            switch kind {
            case .image(let image):
                current.image = image
                current.imageLine = line
            case .component(let component):
                current.components.append(component)
            case .notObtainable:
                current.notObtainable = true
            }
            owner = current
        }

        /// Applies the `-b` lines of the last row: a process record for its PID, or the reason
        /// its owner is unknown.
        mutating func finishOwner(text: CaptureText) {
            defer { owner = nil }
            guard let owner, let last = result.sockets.indices.last else { return }
            if owner.notObtainable, result.sockets[last].ownership == .unknown {
                result.sockets[last].ownershipReason = .ownerNotObtainable
            }
            guard let pid = currentPID, pid != 0, let image = owner.image, let imageLine = owner.imageLine else { return }
            if let index = ownerIndexByPID[pid] {
                for component in owner.components where !result.ownerProcesses[index].services.contains(component) {
                    result.ownerProcesses[index].services.append(component)
                }
                return
            }
            ownerIndexByPID[pid] = result.ownerProcesses.count
            result.ownerProcesses.append(ProcessFact(
                pid: pid, name: image, services: owner.components, source: text.location(line: imageLine)))
        }

        /// A line that is neither a row nor an owner line: decoration, pasted noise, a
        /// malformed row, or (kept pending) a title/header of an unknown language.
        mutating func readOther(_ line: Substring, index: Int, text: CaptureText) {
            if WindowsLanguages.elevationMessages.contains(DisplayWidth.trimmed(String(line))) {
                result.diagnostics.append(Diagnostic(
                    .error, "netstat -b was not run from an elevated prompt: it listed no sockets",
                    at: text.location(line: index + 1)))
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
            } else if NetstatRow.startsLikeRow(Tokens.split(line)) {
                result.diagnostics.append(Diagnostic(
                    .warning, "malformed netstat row: an endpoint or the pid cannot be read",
                    at: text.location(line: index + 1)))
            } else {
                pending.append(index)
            }
        }
    }

    /// Before the first row, the last line is a header and the one before it a title, when
    /// neither holds an endpoint (an unknown display language).
    static func structuralDecoration(_ preamble: [Int], text: CaptureText) -> Set<Int> {
        var accepted: Set<Int> = []
        for index in preamble.reversed().prefix(2) {
            guard NetstatDecoration.couldBeDecoration(text.line(index)) else { break }
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
