import HostCheckCore

/// Parses Windows `netstat -an` / `-ano` (docs/captures.md, "Formats read"), in any display language.
///
/// Rows are found by structure (protocol token, two endpoints); known titles and headers are
/// decoration, and when none precedes the first row, the last two lines before it are read as
/// the title and header of an unknown language. Pasted prompts, pager lines and `...`
/// elisions are recognised (``PastedNoise``). Every other non-blank line is a warning with its
/// line number.
///
/// A large capture can be read in chunks on several tasks (``parse(_:tasks:)``): the facts are
/// the same as those of one sequential pass (``NetstatChunk``).
enum NetstatParser {
    /// Reads the whole capture in one pass; the rows of the first lines may be `known`.
    static func parse(_ text: CaptureText, known: KnownRows = KnownRows()) -> SocketCapture {
        finish(NetstatChunk.parse(text, lines: 0..<text.lineCount, known: known), text: text)
    }

    /// Below this many lines a capture is read in one pass.
    static let chunkingThreshold = 20_000

    /// How many chunks a capture is split into when it is read on several tasks: more than the
    /// tasks, so that a task that is done early takes the next one.
    static let chunkCount = 16

    /// Reads the capture in chunks on up to `tasks` tasks at once, split at rows; the result is
    /// that of ``parse(_:)``. Captures of fewer than `minimumLines` lines are read in one pass.
    ///
    /// The calling task reads the first chunk into the array that will hold every socket, then
    /// moves in those of the other chunks, in order, as they are done (while the next ones are
    /// read); waiting, it reads chunks itself.
    static func parse(
        _ text: CaptureText, tasks: Int, minimumLines: Int = chunkingThreshold, known: KnownRows = KnownRows()
    ) async -> SocketCapture {
        guard tasks > 1, text.lineCount >= minimumLines else { return parse(text, known: known) }
        let bounds = NetstatChunk.bounds(text, count: max(chunkCount, tasks))
        guard bounds.count > 1 else { return parse(text) }
        let reserve = text.lineCount - bounds[0].count
        return await withTaskGroup(of: (Int, NetstatChunk).self) { group in
            // One chunk more than there are tasks is queued, one more each time one is
            // absorbed: so the calling task is not queued behind every chunk, and absorbs them
            // as they come instead of all at the end; and a task that finishes a chunk while
            // the caller still waits for an earlier one finds another queued (with only as many
            // as tasks, a core sat idle for 20 ms at a time on a 60 MB capture).
            var queued = 1
            func queueNext() {
                guard queued < bounds.count else { return }
                let position = queued
                let range = bounds[position]
                group.addTask {
                    var chunk = NetstatChunk.parse(text, lines: range)
                    chunk.reverseSockets()
                    return (position, chunk)
                }
                queued += 1
            }
            while queued <= tasks + 1 { queueNext() }
            var first = NetstatChunk.parse(text, lines: bounds[0], reserveExtra: reserve)
            // A chunk is moved out of `ready` when absorbed, so that its arrays are unique
            // (moved from in place, freed once absorbed).
            var ready: [Int: NetstatChunk] = [:]
            var next = 1
            while let (position, chunk) = await group.next() {
                ready[position] = consume chunk
                while let chunk = ready.removeValue(forKey: next) {
                    queueNext()
                    first.absorb(reversed: chunk)
                    next += 1
                }
            }
            return finish(first, text: text)
        }
    }

    /// Adds what needs the whole capture to its joined chunks: the note on images without a
    /// PID, the lines not understood, rows missing their PID, a cut last line, the coverage,
    /// the order of the diagnostics.
    static func finish(_ joined: consuming NetstatChunk, text: CaptureText) -> SocketCapture {
        var first = joined
        var result = first.result
        first.result = SocketCapture()
        var gaps = first.gaps
        if first.imagesWithoutPID > 0 {
            result.diagnostics.append(Diagnostic(
                .note, "\(first.imagesWithoutPID) rows name an image (-b) but no pid (no -o): their owners stay unknown",
                at: SourceLocation(file: text.file)))
        }
        let firstRow = first.firstRowIndex
        let preamble = first.knownPreamble && first.knownHeader
            ? [] : first.pending.filter { firstRow == nil || $0 < firstRow ?? 0 }
        let structural = structuralDecoration(preamble, text: text, limit: first.knownPreamble ? 1 : 2)
        result.decorationLines += structural.count
        // A known header, or the title and header of a language not in the table (a known title
        // with a header not in the table).
        let titled = first.knownHeader || structural.count == (first.knownPreamble ? 1 : 2)
        for index in first.pending where !structural.contains(index) {
            let line = text.line(index)
            if LineShapeFilter.contains(line, byte: UInt8(ascii: ":")) {
                gaps.unreadable(at: index + 1, proto: nil, family: nil)
                result.diagnostics.append(Diagnostic(
                    .warning, "line not understood as part of a netstat capture; it may be a row: "
                        + ListingGaps.lowered(proto: nil, family: nil),
                    at: text.location(line: index + 1)))
            } else {
                result.diagnostics.append(Diagnostic(
                    .warning, "line not understood as part of a netstat capture", at: text.location(line: index + 1)))
            }
        }
        if result.hasPIDs, first.rowsWithoutPID > 0 { markRowsWithoutPID(&result) }
        markCutLastLine(&result, gaps: &gaps, text: text)
        result.diagnostics += gaps.incompleteDiagnostics(file: text.file)
        result.coverage = NetstatCoverage.coverage(of: result, titled: titled, gaps: gaps, text: text)
        result.diagnostics.sort { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) }
        return result
    }

    /// In a capture with a PID column, a row without one (its last field is junk or missing)
    /// keeps its socket, owner unknown (`owner-unreadable`), with a warning at its line.
    static func markRowsWithoutPID(_ result: inout SocketCapture) {
        for index in result.sockets.indices where result.sockets[index].ownershipReason == .captureHasNoOwners {
            result.sockets[index].ownershipReason = .ownerUnreadable
            result.diagnostics.append(Diagnostic(
                .warning, "row without a readable pid in a capture with a PID column; owner unknown",
                at: result.sockets[index].source))
        }
    }

    /// A text that does not end with a line end after a row, an owner line or a line not
    /// understood may have been cut inside it: the copy is incomplete, and a row's last field
    /// (its PID) may be cut, so its owner is unknown. A prompt after the output (`C:\>`) shows
    /// the command finished.
    static func markCutLastLine(_ result: inout SocketCapture, gaps: inout ListingGaps, text: CaptureText) {
        guard let last = text.utf8.withUnsafeBufferPointer({ $0.last }), last != 0x0A, last != 0x0D else { return }
        var index = text.lineCount - 1
        while index >= 0, Tokens.isBlank(text.line(index)) { index -= 1 }
        guard index == text.lineCount - 1 else { return }
        let line = text.line(index)
        if let noise = PastedNoise.classify(line), noise != .elision { return }
        if NetstatDecoration.isKnown(line) { return }
        gaps.incomplete(at: index + 1, "the file ends inside its last line (no line end)")
        guard let position = result.sockets.indices.last, result.sockets[position].source.line == index + 1,
              result.sockets[position].ownershipReason != .captureHasNoOwners else { return }
        result.sockets[position].ownership = .unknown
        result.sockets[position].ownershipReason = .ownerUnreadable
        result.sockets[position].pids = []
    }

    /// Before the first row, the last line is a header and the one before it a title, when
    /// neither holds an endpoint (an unknown display language).
    static func structuralDecoration(_ preamble: [Int], text: CaptureText, limit: Int = 2) -> Set<Int> {
        var accepted: Set<Int> = []
        for index in preamble.reversed().prefix(limit) {
            guard NetstatDecoration.couldBeDecoration(text.line(index)) else { break }
            accepted.insert(index)
        }
        return accepted
    }

    /// Appends the fact of one row, its text made once from the line's bytes (local hosts and
    /// zones through `localHosts`); returns the warning when its state word contradicts its
    /// endpoints. `pidLists` shares the one-element PID arrays.
    static func append(
        _ row: NetstatRowSpan, bytes: UnsafeBufferPointer<UInt8>, line: Int, file: String,
        to sockets: inout [SocketFact], localHosts: inout TextCache?, pidLists: inout PIDLists, tokens: inout [Range<Int>]
    ) -> Diagnostic? {
        let location = SourceLocation(file: file, line: line)
        let remoteUnconnected = row.remote.isUnconnected(bytes)
        let (state, rawState, contradiction) = if let common = row.commonState(bytes) {
            NetstatRow.normalisedState(
                proto: row.proto, word: common.word, mapped: common.state, english: true, remoteUnconnected: remoteUnconnected)
        } else {
            NetstatRow.normalisedState(
                proto: row.proto, word: row.stateWord(bytes, tokens: &tokens), remoteUnconnected: remoteUnconnected)
        }
        var problems: [String] = []
        if contradiction { problems.append("state word says listening but the remote endpoint is connected; state kept unknown") }
        var ownership = Ownership.unknown
        var reason: OwnershipReason? = .captureHasNoOwners
        var pids: [Int] = []
        if row.pidUnreadable {
            reason = .ownerUnreadable
            problems.append("the pid is no Windows process id (more than 10 digits or above 4294967295); owner unknown")
        } else if let pid = row.pid {
            if pid == 0 {
                ownership = .unowned
                reason = .windowsPidZero
            } else {
                ownership = .owned
                reason = nil
                pids = pidLists.list(pid)
            }
        }
        var noCache = TextCache?.none
        let zone = row.local.zone(bytes, cache: &localHosts)
        let localAddress = row.local.host(bytes, cache: &localHosts)
        let remote = remoteUnconnected ? nil : row.remote
        let warning = problems.isEmpty ? nil : Diagnostic(.warning, problems.joined(separator: "; "), at: location)
        let fact = SocketFact(
            protocol: row.proto, family: row.local.family,
            localAddress: localAddress, localPort: row.local.port, localPortName: row.local.portName(bytes),
            localZone: zone,
            remoteAddress: remote.flatMap { $0.hostIsWildcard(bytes) ? nil : $0.host(bytes, cache: &noCache) },
            remotePort: remote?.port, remotePortName: remote?.portName(bytes),
            state: state, rawState: rawState,
            ownership: ownership, ownershipReason: reason, pids: pids, source: location)
        // Moved in, not copied (a copy retains and releases each of its references).
        sockets.append(consume fact)
        return warning
    }
}

/// The `[pid]` arrays of the rows, shared between rows of the same PID (a capture has few
/// PIDs and many rows): a small direct-mapped table, compared on every lookup.
struct PIDLists {
    /// The most slots a table has.
    static let maximumSlots = 1024

    /// Windows PIDs are multiples of four: their low bits would leave three slots in four empty.
    private func slot(_ pid: Int) -> Int { (pid >> 2) & (pids.count - 1) }
    /// The PID each slot holds a list for, -1 for none.
    private var pids: [Int]
    private var lists: [[Int]]

    /// A table for a capture of about `rows` rows: as many slots (a power of two, 16 to
    /// ``maximumSlots``), so a small capture does not fill and free a large table.
    init(rows: Int = maximumSlots) {
        let count = TableSlots.count(for: rows, maximum: Self.maximumSlots)
        pids = Array(repeating: -1, count: count)
        lists = Array(repeating: [], count: count)
    }

    mutating func list(_ pid: Int) -> [Int] {
        let slot = slot(pid)
        if pids[slot] == pid { return lists[slot] }
        let made = [pid]
        pids[slot] = pid
        lists[slot] = made
        return made
    }
}

/// The size of a direct-mapped table (of PIDs, of texts).
enum TableSlots {
    /// The power of two at least `rows` (at least 16), at most `maximum` (a power of two).
    static func count(for rows: Int, maximum: Int) -> Int {
        var count = 16
        while count < rows, count < maximum { count <<= 1 }
        return min(count, maximum)
    }
}

/// The index of each PID's process record, looked up for every row with owner lines: a small
/// direct-mapped table in front of a dictionary, so most lookups hash nothing (a capture has
/// few PIDs and many rows). The table is made at the first record (most captures have no
/// owner lines).
struct PIDIndex {
    private static let slotCount = 1024

    /// Windows PIDs are multiples of four: their low bits would leave three slots in four empty.
    private static func slot(_ pid: Int) -> Int { (pid >> 2) & (slotCount - 1) }
    /// The PID each slot holds an index for, -1 for none; empty until the first record.
    private var pids: [Int] = []
    private var indices: [Int] = []
    private var all: [Int: Int] = [:]

    /// The index recorded for `pid`, nil when none is.
    mutating func index(of pid: Int) -> Int? {
        guard !pids.isEmpty else { return nil }
        let slot = Self.slot(pid)
        if pids[slot] == pid { return indices[slot] }
        guard let index = all[pid] else { return nil }
        pids[slot] = pid
        indices[slot] = index
        return index
    }

    /// Records `index` for `pid`.
    mutating func set(_ index: Int, for pid: Int) {
        if pids.isEmpty {
            pids = Array(repeating: -1, count: Self.slotCount)
            indices = Array(repeating: 0, count: Self.slotCount)
        }
        let slot = Self.slot(pid)
        pids[slot] = pid
        indices[slot] = index
        all[pid] = index
    }
}

extension NetstatParser {
    /// Windows `netstat -an`, `-ano` and their variants, in any display language.
    static let descriptor = CaptureFormatDescriptor(
        id: "windows-netstat", summary: "Windows netstat -an, -ano, -anob (any display language)", platform: .windows,
        coverage: .sockets(states: .asCaptured, owners: .withOption, processes: false),
        recognise: { WindowsLineClass.count(.netstat, in: $0) },
        reading: .parsed(
            parse: { CaptureFacts(sockets: parse($0.text, known: $0.knownRows)) },
            parallel: { CaptureFacts(sockets: await parse($0.text, tasks: $1, known: $0.knownRows)) }))
}
