import HostCheckCore

/// What a run of lines of a Windows `netstat` capture yields, before the whole capture is seen.
///
/// A chunk other than the first starts at a row, and the `-b` owner lines under a row belong to
/// the chunk of that row; the title, header and preamble are read in the first chunk, which
/// holds the first row. So chunks parsed apart and joined in order (``absorb(_:)``) give the
/// facts of one sequential pass: sockets, processes (one per PID, its services in order of
/// first appearance), diagnostics and line numbers.
struct NetstatChunk: Sendable {
    var result = SocketCapture()
    /// The index of the first row's line, nil before it.
    var firstRowIndex: Int?
    /// Line indices not understood (some may be an unknown language's title and header).
    var pending: [Int] = []
    /// True when a known title or header preceded the first row.
    var knownPreamble = false
    /// `-b` image lines under rows without a PID (`netstat -ab` without `-o`).
    var imagesWithoutPID = 0
    /// True when a known header (not only a title) preceded the first row.
    var knownHeader = false
    /// Rows read without a PID (`-an`, or one row's PID missing in an `-ano` capture).
    var rowsWithoutPID = 0
    /// What lowers the coverage: rows that could not be read, signs of an incomplete copy.
    var gaps = ListingGaps()

    /// Parses the lines at `lines` (indices into the text's lines); `reserveExtra` rows of
    /// room are reserved beyond the chunk's own, for the chunks it will absorb. The row of a
    /// line `known` holds is taken from it, not read again.
    static func parse(_ text: CaptureText, lines: Range<Int>, reserveExtra: Int = 0, known: KnownRows = KnownRows()) -> NetstatChunk {
        var state = ParseState()
        text.withBytes { all in
            let ranges = text.lineRanges[lines]
            // Room for a socket per line (an upper bound; only what is written is touched).
            state.chunk.result.sockets.reserveCapacity(ranges.count + reserveExtra)
            HugePageAdvice.advise(state.chunk.result.sockets)
            var tokens: [Range<Int>] = []
            tokens.reserveCapacity(16)
            var localHosts: TextCache? = TextCache(rows: ranges.count)
            var pidLists = PIDLists(rows: ranges.count)
            // A chunk's own copy of the file name: the sockets of chunks parsed at once do not
            // share (and contend for) the reference count of one string. A whole text, read in
            // one pass, shares its name.
            let file = lines == 0..<text.lineCount ? text.file : String(decoding: Array(text.file.utf8), as: UTF8.self)
            let lineRanges = text.lineRanges
            for index in lines {
                let range = lineRanges[index]
                let bytes = UnsafeBufferPointer(rebasing: all[range])
                if ByteLine.isBlank(bytes) { continue }
                if PastedNoise.endsWithInterrupt(bytes) {
                    state.chunk.gaps.incomplete(at: index + 1, "a ^C line (the command was interrupted)")
                    if PastedNoise.isInterrupt(bytes) {
                        state.chunk.result.decorationLines += 1
                        continue
                    }
                }
                if let row = index < known.count ? known[index] : NetstatRowSpan(bytes: bytes, tokens: &tokens) {
                    state.finishOwner(text: text, bytes: all)
                    if state.chunk.firstRowIndex == nil { state.chunk.firstRowIndex = index }
                    if row.pid != nil || row.pidUnreadable {
                        state.chunk.result.hasPIDs = true
                    } else {
                        state.chunk.rowsWithoutPID += 1
                    }
                    if let warning = NetstatParser.append(
                        row, bytes: bytes, line: index + 1, file: file, to: &state.chunk.result.sockets,
                        localHosts: &localHosts, pidLists: &pidLists, tokens: &tokens) {
                        state.chunk.result.diagnostics.append(warning)
                    }
                    state.currentPID = row.pid
                } else if !state.chunk.result.sockets.isEmpty,
                          let span = NetstatOwnerLines.span(bytes: bytes, tokens: &tokens) {
                    state.addOwnerLine(span, offset: range.lowerBound, line: index + 1)
                } else if !state.readEnglishDecoration(bytes, tokens: &tokens) {
                    state.readOther(text.line(index), index: index, text: text)
                }
            }
            state.finishOwner(text: text, bytes: all)
        }
        return state.chunk
    }

    /// Up to `count` consecutive ranges of line indices covering every line, each after the
    /// first starting at a row that comes after the capture's first row. The first range is
    /// about `firstShare` of the lines, the others share the rest evenly.
    static func bounds(_ text: CaptureText, count: Int, firstShare: Double? = nil) -> [Range<Int>] {
        let lines = text.lineCount
        let parts = max(count, 1)
        let share = min(max(firstShare ?? 1 / Double(parts), 0), 1)
        return text.withBytes { all in
            var tokens: [Range<Int>] = []
            func isRow(_ index: Int) -> Bool {
                let bytes = UnsafeBufferPointer(rebasing: all[text.lineRanges[index]])
                return NetstatRowSpan(bytes: bytes, tokens: &tokens) != nil
            }
            var firstRow = 0
            while firstRow < lines, !isRow(firstRow) { firstRow += 1 }
            var starts = [0]
            let firstLines = Int(Double(lines) * share)
            for part in 1..<parts {
                let target = firstLines + (lines - firstLines) * (part - 1) / max(parts - 1, 1)
                var start = max(target, firstRow + 1, (starts.last ?? 0) + 1)
                while start < lines, !isRow(start) { start += 1 }
                guard start < lines else { break }
                starts.append(start)
            }
            return starts.indices.map { position in
                starts[position]..<(position + 1 < starts.count ? starts[position + 1] : lines)
            }
        }
    }

    /// Reverses the order of the sockets (in place), for ``absorb(reversed:)``.
    mutating func reverseSockets() {
        result.sockets.withUnsafeMutableBufferPointer { buffer in buffer.reverse() }
    }

    /// Appends the next chunk, whose sockets were reversed (``reverseSockets()``): its sockets
    /// are moved from the end of its array, so in their order, not copied.
    mutating func absorb(reversed next: consuming NetstatChunk) {
        var moved = next.result.sockets
        next.result.sockets = []
        result.sockets.reserveCapacity(result.sockets.count + moved.count)
        while let socket = moved.popLast() { result.sockets.append(socket) }
        absorb(next)
    }

    /// Appends the next chunk: its sockets and diagnostics follow, its processes join those of
    /// the same PID (services not yet listed are added, in order).
    mutating func absorb(_ next: consuming NetstatChunk) {
        result.sockets.append(contentsOf: next.result.sockets)
        result.diagnostics += next.result.diagnostics
        result.hasPIDs = result.hasPIDs || next.result.hasPIDs
        result.decorationLines += next.result.decorationLines
        result.elided = result.elided || next.result.elided
        result.ownersPartial = result.ownersPartial || next.result.ownersPartial
        if !next.result.ownerProcesses.isEmpty {
            var indexByPID: [Int: Int] = [:]
            for (index, process) in result.ownerProcesses.enumerated() { indexByPID[process.pid] = index }
            for process in next.result.ownerProcesses {
                guard let index = indexByPID[process.pid] else {
                    indexByPID[process.pid] = result.ownerProcesses.count
                    result.ownerProcesses.append(process)
                    continue
                }
                for service in process.services where !result.ownerProcesses[index].services.contains(service) {
                    result.ownerProcesses[index].services.append(service)
                }
            }
        }
        if firstRowIndex == nil {
            firstRowIndex = next.firstRowIndex
            knownPreamble = knownPreamble || next.knownPreamble
            knownHeader = knownHeader || next.knownHeader
        }
        pending += next.pending
        imagesWithoutPID += next.imagesWithoutPID
        rowsWithoutPID += next.rowsWithoutPID
        gaps.absorb(next.gaps)
    }

    /// What the parser carries from line to line.
    struct ParseState {
        var chunk = NetstatChunk()
        /// The `-b` lines under the last row (byte ranges of the text), and that row's PID.
        var owner = PendingOwner()
        var currentPID: Int?
        var ownerIndexByPID = PIDIndex()

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
            guard let last = chunk.result.sockets.indices.last else { return }
            if owner.notObtainable, chunk.result.sockets[last].ownership == .unknown {
                chunk.result.sockets[last].ownershipReason = .ownerNotObtainable
            }
            if currentPID == nil, owner.image != nil { chunk.imagesWithoutPID += 1 }
            guard let pid = currentPID, pid != 0, let image = owner.image, let imageLine = owner.imageLine else { return }
            if let index = ownerIndexByPID.index(of: pid) {
                for component in owner.components {
                    let known = chunk.result.ownerProcesses[index].services.contains { service in
                        var service = service
                        return service.withUTF8 { ByteLine.same($0, bytes, component) }
                    }
                    if !known { chunk.result.ownerProcesses[index].services.append(ByteLine.string(bytes, component)) }
                }
                return
            }
            let services = owner.components.map { ByteLine.string(bytes, $0) }
            ownerIndexByPID.set(chunk.result.ownerProcesses.count, for: pid)
            chunk.result.ownerProcesses.append(ProcessFact(
                pid: pid, name: ByteLine.string(bytes, image), services: services, source: text.location(line: imageLine)))
        }

        /// The English title or header (any blanks between their words), as
        /// ``readOther(_:index:text:)`` reads them, without making their text; false for any
        /// other line. (No elevation message has their words: `NetstatDecorationTests`.)
        mutating func readEnglishDecoration(_ bytes: UnsafeBufferPointer<UInt8>, tokens: inout [Range<Int>]) -> Bool {
            guard let decision = NetstatDecoration.english(bytes, tokens: &tokens), decision.known else { return false }
            chunk.result.decorationLines += 1
            if chunk.firstRowIndex == nil {
                chunk.knownPreamble = true
                if decision.header { chunk.knownHeader = true }
            }
            return true
        }

        /// A line that is neither a row nor an owner line: decoration, pasted noise, a
        /// malformed row, or (kept pending) a title/header of an unknown language.
        mutating func readOther(_ line: Substring, index: Int, text: CaptureText) {
            if LineShapeFilter.mayHold(line, WindowsLanguages.elevationNeedles),
               WindowsLanguages.elevationMessages.contains(DisplayWidth.trimmed(String(line))) {
                chunk.result.diagnostics.append(Diagnostic(
                    .error, "netstat -b was not run from an elevated prompt: it listed no sockets",
                    at: text.location(line: index + 1)))
            } else if NetstatDecoration.isKnown(line) {
                chunk.result.decorationLines += 1
                if chunk.firstRowIndex == nil {
                    chunk.knownPreamble = true
                    if NetstatDecoration.isKnownHeader(line) { chunk.knownHeader = true }
                }
            } else if let noise = PastedNoise.classify(line) {
                chunk.result.decorationLines += 1
                if noise == .elision {
                    chunk.result.elided = true
                    chunk.result.diagnostics.append(Diagnostic(
                        .note, "rows elided here ('...'): the capture is partial", at: text.location(line: index + 1)))
                } else if noise == .pager {
                    chunk.gaps.incomplete(at: index + 1, "a pager line (copied from a paged console)")
                }
            } else if let shape = NetstatRowShape(line) {
                let what = shape.exact ? "malformed netstat row: an endpoint or the pid cannot be read"
                    : "line looks like a netstat row but cannot be read (protocol case, blanks or a field)"
                chunk.gaps.unreadable(at: index + 1, proto: shape.proto, family: shape.family)
                chunk.result.diagnostics.append(Diagnostic(
                    .warning, what + "; " + ListingGaps.lowered(proto: shape.proto, family: shape.family),
                    at: text.location(line: index + 1)))
            } else {
                chunk.pending.append(index)
            }
        }
    }
}
