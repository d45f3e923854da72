/// A result of the results JSON, version 3 (`docs/schema/results-3.json`), laid out in scratch
/// memory and appended in pieces (``RawJSONBuffer``): its members up to the evidence, each piece
/// of evidence, then the rest. The same bytes as one generic call per member, without their
/// cost: a fleet's results JSON holds a result per host and rule.
///
/// A result names its rule (`pack`, `rule`) and carries none of the rule's own fields; the
/// sockets, processes and sources of its evidence leave out the members whose value is nil,
/// while the result's own members are all written, `null` included.
extension JSONWriter {
    /// Writes one result: host, pack, rule, outcome, message, missing_coverage, waived_outcome,
    /// waiver, evidence, evidence_total.
    package mutating func write(_ result: RuleResult) {
        withUnsafePointer(to: result) { write(resultAt: $0) }
    }

    /// Writes the result at `pointer` as ``write(_:)-(RuleResult)`` does, read in place (not copied).
    package mutating func write(resultAt pointer: UnsafePointer<RuleResult>) {
        prepareValue()
        let depth = self.depth
        appendLaidOut(bound: Self.headBound(pointer, depth: depth), omitsNulls: false) { raw in
            Self.layOutHead(pointer, depth: depth, into: &raw)
        }
        pointer.pointee.evidence.withUnsafeBufferPointer { evidence in
            guard let first = evidence.baseAddress else { return }
            for index in evidence.indices {
                appendLaidOut(bound: Self.bound(evidenceAt: first + index, depth: depth), omitsNulls: true) { raw in
                    Self.layOut(evidenceAt: first + index, index: index, depth: depth, into: &raw)
                }
            }
        }
        appendLaidOut(bound: 8 * depth + 64, omitsNulls: false) { raw in
            if !pointer.pointee.evidence.isEmpty { raw.newline(depth: depth + 1) }
            raw.byte(UInt8(ascii: "]"))
            raw.member("evidence_total", ",\"evidence_total\":", index: 9, depth: depth + 1); raw.int(pointer.pointee.evidenceTotal)
            raw.newline(depth: depth)
            raw.byte(UInt8(ascii: "}"))
        }
    }

    /// Lays out at most `bound` bytes in scratch memory with `body` and appends them.
    private mutating func appendLaidOut(bound: Int, omitsNulls: Bool, _ body: (inout RawJSONBuffer) -> Void) {
        let pretty = self.pretty
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { scratch in
            guard let base = scratch.baseAddress else { return }
            var raw = RawJSONBuffer(start: base, pretty: pretty, omitsNulls: omitsNulls)
            body(&raw)
            appendRaw(raw.written)
        }
    }

    /// The most bytes one member's separator, indentation, key and colon take at `depth`: a
    /// comma, a newline, the indentation, and the longest key of a result (`missing_coverage`)
    /// quoted, with its colon and space.
    private static func memberBound(depth: Int) -> Int { 2 * depth + 24 }

    /// The most bytes ``layOutHead(_:depth:into:)`` writes for the result at `pointer`.
    private static func headBound(_ pointer: UnsafePointer<RuleResult>, depth: Int) -> Int {
        // 15 members (the result's 9, the waiver's 3, its source's 3) and one to spare; the
        // braces and brackets with their indentation, and two integers.
        var bound = 16 * memberBound(depth: depth + 3) + 8 * depth + 128
        bound += RawJSONBuffer.bound(pointer.pointee.host) + RawJSONBuffer.bound(pointer.pointee.pack)
        bound += RawJSONBuffer.bound(pointer.pointee.rule) + RawJSONBuffer.bound(pointer.pointee.message)
        bound += RawJSONBuffer.bound(pointer.pointee.outcome.rawValue) + RawJSONBuffer.bound(pointer.pointee.waivedOutcome?.rawValue)
        for dimension in pointer.pointee.missingCoverage { bound += 2 * depth + 8 + RawJSONBuffer.bound(dimension) }
        if let waiver = pointer.pointee.waiver {
            bound += RawJSONBuffer.bound(waiver.reason) + RawJSONBuffer.bound(waiver.expires)
            bound += RawJSONBuffer.bound(waiver.location?.file)
        }
        return bound
    }

    /// The result object opened, its members up to the evidence array opened, at `depth + 1`.
    private static func layOutHead(_ pointer: UnsafePointer<RuleResult>, depth: Int, into raw: inout RawJSONBuffer) {
        let inner = depth + 1
        raw.byte(UInt8(ascii: "{"))
        raw.member("host", ",\"host\":", index: 0, depth: inner); raw.string(pointer.pointee.host)
        raw.member("pack", ",\"pack\":", index: 1, depth: inner); raw.string(pointer.pointee.pack)
        raw.member("rule", ",\"rule\":", index: 2, depth: inner); raw.string(pointer.pointee.rule)
        raw.member("outcome", ",\"outcome\":", index: 3, depth: inner); raw.plain(pointer.pointee.outcome.rawValue)
        raw.member("message", ",\"message\":", index: 4, depth: inner); raw.string(pointer.pointee.message)
        raw.member("missing_coverage", ",\"missing_coverage\":", index: 5, depth: inner)
        layOutStrings(pointer.pointee.missingCoverage, depth: inner, into: &raw)
        raw.member("waived_outcome", ",\"waived_outcome\":", index: 6, depth: inner); raw.string(pointer.pointee.waivedOutcome?.rawValue)
        raw.member("waiver", ",\"waiver\":", index: 7, depth: inner)
        if let waiver = pointer.pointee.waiver {
            raw.byte(UInt8(ascii: "{"))
            raw.member("reason", ",\"reason\":", index: 0, depth: inner + 1); raw.string(waiver.reason)
            raw.member("expires", ",\"expires\":", index: 1, depth: inner + 1); raw.string(waiver.expires)
            raw.member("source", ",\"source\":", index: 2, depth: inner + 1)
            if let location = waiver.location {
                layOut(location, depth: inner + 1, into: &raw)
            } else {
                raw.null()
            }
            raw.newline(depth: inner)
            raw.byte(UInt8(ascii: "}"))
        } else {
            raw.null()
        }
        raw.member("evidence", ",\"evidence\":", index: 8, depth: inner)
        raw.byte(UInt8(ascii: "["))
    }

    /// The most bytes ``layOut(evidenceAt:index:depth:into:)`` writes for the evidence at `pointer`.
    private static func bound(evidenceAt pointer: UnsafePointer<Evidence>, depth: Int) -> Int {
        let members = depth + 3
        // Seven members (the evidence's 4, its source's 3) and one to spare; the item's separator,
        // the braces and brackets with their indentation, and two integers.
        var bound = 8 * memberBound(depth: members + 1) + 8 * depth + 128
        if let socket = pointer.pointee.socket { bound += Self.bound(socket, depth: members) }
        pointer.pointee.processes.withUnsafeBufferPointer { processes in
            guard let first = processes.baseAddress else { return }
            for index in processes.indices { bound += 2 * members + 8 + Self.bound(first + index, depth: members + 1) }
        }
        bound += RawJSONBuffer.bound(pointer.pointee.source?.file) + RawJSONBuffer.bound(pointer.pointee.note)
        return bound
    }

    /// Item `index` of the evidence array, whose items sit at `depth + 2`: the evidence object,
    /// its members at `depth + 3`; socket, source and note only when there is one, and the
    /// socket's, processes' and source's members only when known (`raw` omits nulls).
    private static func layOut(evidenceAt pointer: UnsafePointer<Evidence>, index: Int, depth: Int, into raw: inout RawJSONBuffer) {
        let members = depth + 3
        if index > 0 { raw.byte(UInt8(ascii: ",")) }
        raw.newline(depth: depth + 2)
        raw.byte(UInt8(ascii: "{"))
        var written = 0
        if let socket = pointer.pointee.socket {
            raw.member("socket", ",\"socket\":", index: written, depth: members)
            withUnsafePointer(to: socket) { layOut($0, depth: members, into: &raw) }
            written += 1
        }
        raw.member("processes", ",\"processes\":", index: written, depth: members)
        written += 1
        raw.byte(UInt8(ascii: "["))
        let processCount = pointer.pointee.processes.withUnsafeBufferPointer { processes in
            guard let first = processes.baseAddress else { return 0 }
            for index in processes.indices {
                if index > 0 { raw.byte(UInt8(ascii: ",")) }
                raw.newline(depth: members + 1)
                layOut(first + index, depth: members + 1, into: &raw)
            }
            return processes.count
        }
        if processCount > 0 { raw.newline(depth: members) }
        raw.byte(UInt8(ascii: "]"))
        if let source = pointer.pointee.source {
            raw.member("source", ",\"source\":", index: written, depth: members)
            layOut(source, depth: members, into: &raw)
            written += 1
        }
        if let note = pointer.pointee.note {
            raw.member("note", ",\"note\":", index: written, depth: members); raw.string(note)
        }
        raw.newline(depth: depth + 2)
        raw.byte(UInt8(ascii: "}"))
    }

    /// A location object, `{file, line, column}`, its members at `depth + 1`, closed at `depth`:
    /// `line` `null` or left out when unknown (as `raw` does nulls), `column` only when known.
    private static func layOut(_ location: SourceLocation, depth: Int, into raw: inout RawJSONBuffer) {
        raw.byte(UInt8(ascii: "{"))
        raw.member("file", ",\"file\":", index: 0, depth: depth + 1); raw.string(location.file)
        raw.member("line", ",\"line\":", index: 1, depth: depth + 1, int: location.line)
        if let column = location.column {
            raw.member("column", ",\"column\":", index: 2, depth: depth + 1); raw.int(column)
        }
        raw.newline(depth: depth)
        raw.byte(UInt8(ascii: "}"))
    }
}
