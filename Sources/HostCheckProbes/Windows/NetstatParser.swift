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
        text.withBytes { all in
            state.result.sockets.reserveCapacity(rowEstimate(all, lines: text.lineRanges))
            HugePages.advise(state.result.sockets)
            var tokens: [Range<Int>] = []
            tokens.reserveCapacity(16)
            var localHosts: TextCache? = TextCache()
            for (index, range) in text.lineRanges.enumerated() {
                let bytes = UnsafeBufferPointer(rebasing: all[range])
                if ByteLine.isBlank(bytes) { continue }
                if let row = NetstatRow(bytes: bytes, tokens: &tokens, localHosts: &localHosts) {
                    state.finishOwner(text: text, bytes: all)
                    if state.firstRowIndex == nil { state.firstRowIndex = index }
                    if row.pid != nil { state.result.hasPIDs = true }
                    if let warning = append(row, line: index + 1, text: text, to: &state.result.sockets) {
                        state.result.diagnostics.append(warning)
                    }
                    state.currentPID = row.pid
                } else if !state.result.sockets.isEmpty,
                          let span = NetstatOwnerLines.span(bytes: bytes, tokens: &tokens) {
                    state.addOwnerLine(span, offset: range.lowerBound, line: index + 1)
                } else {
                    state.readOther(text.line(index), index: index, text: text)
                }
            }
        }
        text.withBytes { state.finishOwner(text: text, bytes: $0) }
        var result = state.result
        state.result = SocketCapture()
        if state.imagesWithoutPID > 0 {
            result.diagnostics.append(Diagnostic(
                .note, "\(state.imagesWithoutPID) rows name an image (-b) but no pid (no -o): their owners stay unknown",
                at: SourceLocation(file: text.file)))
        }
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

    /// An upper bound of the rows: lines whose first non-blank byte is `T` or `U`.
    static func rowEstimate(_ all: UnsafeBufferPointer<UInt8>, lines: [Range<Int>]) -> Int {
        var count = 0
        for range in lines {
            var index = range.lowerBound
            while index < range.upperBound, all[index] == 0x20 || all[index] == 0x09 { index += 1 }
            if index < range.upperBound, all[index] == 0x54 || all[index] == 0x55 { count += 1 }
        }
        return count
    }

    /// What the parser carries from line to line.
    struct ParseState {
        var result = SocketCapture()
        var firstRowIndex: Int?
        var pending: [Int] = []
        var knownPreamble = false
        /// The `-b` lines under the last row (byte ranges of the text), and that row's PID.
        var owner = PendingOwner()
        var currentPID: Int?
        var ownerIndexByPID: [Int: Int] = [:]
        /// `-b` image lines under rows without a PID (`netstat -ab` without `-o`).
        var imagesWithoutPID = 0

        /// Records one owner line; `offset` is where its line starts in the text.
        mutating func addOwnerLine(_ span: NetstatOwnerLines.Span, offset: Int, line: Int) {
            owner.present = true
            switch span {
            case .image(let range):
                owner.image = (range.lowerBound + offset)..<(range.upperBound + offset)
                owner.imageLine = line
            case .component(let range):
                owner.components.append((range.lowerBound + offset)..<(range.upperBound + offset))
            case .notObtainable:
                owner.notObtainable = true
            }
        }

        /// Applies the `-b` lines of the last row: a process record for its PID, or the reason
        /// its owner is unknown. Text is built only for what a record does not hold yet.
        mutating func finishOwner(text: CaptureText, bytes: UnsafeBufferPointer<UInt8>) {
            guard owner.present else { return }
            defer { owner.clear() }
            guard let last = result.sockets.indices.last else { return }
            if owner.notObtainable, result.sockets[last].ownership == .unknown {
                result.sockets[last].ownershipReason = .ownerNotObtainable
            }
            if currentPID == nil, owner.image != nil { imagesWithoutPID += 1 }
            guard let pid = currentPID, pid != 0, let image = owner.image, let imageLine = owner.imageLine else { return }
            if let index = ownerIndexByPID[pid] {
                for component in owner.components {
                    let known = result.ownerProcesses[index].services.contains { service in
                        var service = service
                        return service.withUTF8 { ByteLine.same($0, bytes, component) }
                    }
                    if !known { result.ownerProcesses[index].services.append(ByteLine.string(bytes, component)) }
                }
                return
            }
            let services = owner.components.map { ByteLine.string(bytes, $0) }
            ownerIndexByPID[pid] = result.ownerProcesses.count
            result.ownerProcesses.append(ProcessFact(
                pid: pid, name: ByteLine.string(bytes, image), services: services, source: text.location(line: imageLine)))
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

    /// Appends the fact of one row (built in place, not copied); returns the warning when its
    /// state word contradicts its endpoints.
    static func append(_ row: NetstatRow, line: Int, text: CaptureText, to sockets: inout [SocketFact]) -> Diagnostic? {
        let location = text.location(line: line)
        let (state, rawState, contradiction) = row.normalisedState()
        let warning = contradiction ? Diagnostic(
            .warning, "state word says listening but the remote endpoint is connected; state kept unknown",
            at: location) : nil
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
        sockets.append(SocketFact(
            protocol: row.proto, family: family,
            localAddress: row.local.host, localPort: row.local.port, localPortName: row.local.portName,
            localZone: row.local.zone,
            remoteAddress: remote.flatMap { $0.host == "*" ? nil : $0.host }, remotePort: remote?.port,
            remotePortName: remote?.portName,
            state: state, rawState: rawState,
            ownership: ownership, ownershipReason: reason, pids: pids, source: location))
        return warning
    }
}
