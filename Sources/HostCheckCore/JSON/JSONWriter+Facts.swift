/// Writers for the fact shapes of the snapshot JSON (docs/architecture.md, "Contracts"), reused by the results JSON.
///
/// Every key is always written, `null` when the value is nil, except that the sockets and
/// processes of results-3 evidence leave those keys out (``RawJSONBuffer/omitsNulls``,
/// `JSONWriter+Result`).
extension JSONWriter {
    /// Writes `{file, line}` (plus `column` when known) — the `source` of sockets and processes.
    package mutating func write(_ location: SourceLocation) {
        beginObject()
        key("file"); string(location.file)
        key("line"); int(location.line)
        if let column = location.column {
            key("column"); int(column)
        }
        endObject()
    }

    /// Writes a location, or `null` for nil.
    package mutating func write(_ location: SourceLocation?) {
        guard let location else { return null() }
        write(location)
    }

    /// Writes `{name, version}`.
    package mutating func write(_ generator: Generator) {
        beginObject()
        key("name"); string(generator.name)
        key("version"); string(generator.version)
        endObject()
    }

    /// Writes `{file, format, encoding}`.
    package mutating func write(_ source: CaptureSource) {
        beginObject()
        key("file"); string(source.file)
        key("format"); string(source.format)
        key("encoding"); string(source.encoding)
        endObject()
    }

    /// Writes `host.coverage` of snapshot-2 (``SnapshotKeys/coverage``): the five levels, then
    /// `states`, `ports` and `users` (`"all"` or a list), `netns`, `assumed` and `full_capture`.
    package mutating func write(_ coverage: Coverage) {
        beginObject()
        key("tcp"); string(coverage.tcp.rawValue)
        key("udp"); string(coverage.udp.rawValue)
        key("ipv4"); string(coverage.ipv4.rawValue)
        key("ipv6"); string(coverage.ipv6.rawValue)
        key("owners"); string(coverage.owners.rawValue)
        key("states"); string(coverage.states.rawValue)
        key("ports")
        if let ports = coverage.ports { ints(ports) } else { string(CoverageJSON.all) }
        key("users")
        if let users = coverage.users { strings(users) } else { string(CoverageJSON.all) }
        key("netns"); string(coverage.netns.rawValue)
        key("assumed"); strings(coverage.assumed)
        key("full_capture"); string(coverage.fullCapture)
        endObject()
    }

    /// Writes a diagnostic as `{severity, message, source}` (`source` is `{file, line, column}` or null).
    package mutating func write(_ diagnostic: Diagnostic) {
        beginObject()
        key("severity"); string(diagnostic.severity.rawValue)
        key("message"); string(diagnostic.message)
        key("source")
        if let location = diagnostic.location {
            beginObject()
            key("file"); string(location.file)
            key("line"); int(location.line)
            key("column"); int(location.column)
            endObject()
        } else {
            null()
        }
        endObject()
    }

    /// Writes the snapshot's `host` object: name, platform, captured_at, sources, coverage, labels.
    package mutating func write(_ host: HostInfo) {
        beginObject()
        writeHostMembers(host)
        key("labels")
        beginObject()
        for name in host.labels.keys.sorted() {
            key(name); string(host.labels[name])
        }
        endObject()
        endObject()
    }

    /// Writes the members shared by the snapshot's `host` and the results' `hosts` entries
    /// (name, platform, captured_at, sources, coverage) into the open object.
    package mutating func writeHostMembers(_ host: HostInfo) {
        key("name"); string(host.name)
        key("platform"); string(host.platform.rawValue)
        key("captured_at"); string(host.capturedAt)
        key("sources")
        beginArray()
        for source in host.sources { write(source) }
        endArray()
        key("coverage"); write(host.coverage)
    }

    /// Writes one socket in the snapshot shape.
    ///
    /// The object is laid out in scratch memory and appended in one copy (``RawJSONBuffer``):
    /// the same bytes as the generic calls, at a fraction of their cost.
    package mutating func write(_ socket: SocketFact) {
        prepareValue()
        let depth = self.depth
        let pretty = self.pretty
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.bound(socket, depth: depth)) { scratch in
            guard let base = scratch.baseAddress else { return }
            var raw = RawJSONBuffer(start: base, pretty: pretty)
            withUnsafePointer(to: socket) { Self.layOut($0, depth: depth, into: &raw) }
            appendRaw(raw.written)
        }
    }

    /// The most bytes ``layOut(_:depth:into:)`` writes for `socket` at `depth`.
    static func bound(_ socket: borrowing SocketFact, depth: Int) -> Int {
        withUnsafePointer(to: socket) { bound($0, depth: depth) }
    }

    /// The most bytes ``layOut(_:depth:into:)`` writes for the socket at `pointer`.
    static func bound(_ pointer: UnsafePointer<SocketFact>, depth: Int) -> Int {
        var bound = 640 + 24 * depth + (2 * depth + 32) * pointer.pointee.pids.count
        bound += RawJSONBuffer.bound(pointer.pointee.localAddress) + RawJSONBuffer.bound(pointer.pointee.localPortName)
        bound += RawJSONBuffer.bound(pointer.pointee.localZone) + RawJSONBuffer.bound(pointer.pointee.remoteAddress)
        bound += RawJSONBuffer.bound(pointer.pointee.remotePortName) + RawJSONBuffer.bound(pointer.pointee.rawState)
        bound += pointer.pointee.ownershipReason.map { RawJSONBuffer.bound($0.rawValue) } ?? 4
        bound += RawJSONBuffer.bound(pointer.pointee.source.file)
        bound += 20 * (2 * depth + 40)
        return bound
    }

    /// The socket object, its members at `depth + 1`, closed at `depth`; the members whose value
    /// is nil are `null`, or left out when `raw` omits nulls.
    ///
    /// The socket is read in place (its strings and arrays are not retained): batches of one
    /// array are laid out on several tasks at once.
    static func layOut(_ pointer: UnsafePointer<SocketFact>, depth: Int, into raw: inout RawJSONBuffer) {
        let inner = depth + 1
        raw.byte(UInt8(ascii: "{"))
        raw.member("protocol", ",\"protocol\":", index: 0, depth: inner); raw.plain(pointer.pointee.protocol.rawValue)
        raw.member("family", ",\"family\":", index: 1, depth: inner); raw.plain(pointer.pointee.family.rawValue)
        raw.member("local_address", ",\"local_address\":", index: 2, depth: inner); raw.string(pointer.pointee.localAddress)
        raw.member("local_port", ",\"local_port\":", index: 3, depth: inner, int: pointer.pointee.localPort)
        raw.member("local_port_name", ",\"local_port_name\":", index: 4, depth: inner, string: pointer.pointee.localPortName)
        raw.member("local_zone", ",\"local_zone\":", index: 5, depth: inner, string: pointer.pointee.localZone)
        raw.member("remote_address", ",\"remote_address\":", index: 6, depth: inner, string: pointer.pointee.remoteAddress)
        raw.member("remote_port", ",\"remote_port\":", index: 7, depth: inner, int: pointer.pointee.remotePort)
        raw.member("remote_port_name", ",\"remote_port_name\":", index: 8, depth: inner, string: pointer.pointee.remotePortName)
        raw.member("state", ",\"state\":", index: 9, depth: inner); raw.plain(pointer.pointee.state.rawValue)
        raw.member("state_raw", ",\"state_raw\":", index: 10, depth: inner, string: pointer.pointee.rawState)
        raw.member("v6only", ",\"v6only\":", index: 11, depth: inner, bool: pointer.pointee.v6only)
        raw.member("netns", ",\"netns\":", index: 12, depth: inner, uint: pointer.pointee.netns)
        raw.member("ownership", ",\"ownership\":", index: 13, depth: inner); raw.plain(pointer.pointee.ownership.rawValue)
        switch pointer.pointee.ownershipReason {
        case .some(let reason):
            raw.member("ownership_reason", ",\"ownership_reason\":", index: 14, depth: inner); raw.string(reason.rawValue)
        case .none: raw.nullMember("ownership_reason", ",\"ownership_reason\":", index: 14, depth: inner)
        }
        raw.member("pids", ",\"pids\":", index: 15, depth: inner)
        raw.byte(UInt8(ascii: "["))
        // One read of the array (shared by many sockets, which tasks lay out at once).
        let pidCount = pointer.pointee.pids.withUnsafeBufferPointer { pids in
            for (index, pid) in pids.enumerated() {
                if index > 0 { raw.byte(UInt8(ascii: ",")) }
                raw.newline(depth: inner + 1)
                raw.int(pid)
            }
            return pids.count
        }
        if pidCount > 0 { raw.newline(depth: inner) }
        raw.byte(UInt8(ascii: "]"))
        raw.member("source", ",\"source\":", index: 16, depth: inner)
        raw.byte(UInt8(ascii: "{"))
        raw.member("file", ",\"file\":", index: 0, depth: inner + 1); raw.repeatedFile(of: pointer)
        raw.member("line", ",\"line\":", index: 1, depth: inner + 1, int: pointer.pointee.source.line)
        if let column = pointer.pointee.source.column {
            raw.member("column", ",\"column\":", index: 2, depth: inner + 1); raw.int(column)
        }
        raw.newline(depth: inner)
        raw.byte(UInt8(ascii: "}"))
        raw.newline(depth: depth)
        raw.byte(UInt8(ascii: "}"))
    }

    /// Writes a whole snapshot document (docs/architecture.md, "Contracts").
    package mutating func write(_ snapshot: Snapshot) {
        write(snapshot, chunk: .max) { _ in }
    }

    /// Writes a whole snapshot document, calling `drain` whenever more than `chunk` bytes are
    /// buffered, so a large snapshot can stream to its output instead of growing one buffer.
    package mutating func write(_ snapshot: Snapshot, chunk: Int, drain: (inout JSONWriter) -> Void) {
        writeSnapshotHead(snapshot)
        snapshot.sockets.withUnsafeBufferPointer { sockets in
            for index in sockets.indices {
                write(sockets[index])
                if bytes.count >= chunk { drain(&self) }
            }
        }
        writeSnapshotTail(snapshot, chunk: chunk, drain: drain)
    }

    /// The snapshot document up to its open `sockets` array.
    mutating func writeSnapshotHead(_ snapshot: Snapshot) {
        beginObject()
        key("hostcheck_snapshot"); int(Snapshot.formatVersion)
        key("generator"); write(snapshot.generator)
        key("host"); write(snapshot.host)
        key("sockets")
        beginArray()
    }

    /// The rest of the snapshot document, once its sockets are written.
    mutating func writeSnapshotTail(_ snapshot: Snapshot, chunk: Int, drain: (inout JSONWriter) -> Void) {
        endArray()
        key("processes")
        beginArray()
        for process in snapshot.processes {
            write(process)
            if bytes.count >= chunk { drain(&self) }
        }
        endArray()
        key("diagnostics")
        beginArray()
        for diagnostic in snapshot.diagnostics {
            write(diagnostic)
            if bytes.count >= chunk { drain(&self) }
        }
        endArray()
        endObject()
    }
}

extension Snapshot {
    /// The snapshot as JSON (`hostcheck facts --format json`), UTF-8, ending with a newline.
    /// - Parameter pretty: two-space indentation and one member per line.
    package func jsonBytes(pretty: Bool) -> [UInt8] {
        var json = JSONWriter(pretty: pretty)
        json.reserveCapacity(1024 + sockets.count * (pretty ? 700 : 420) + processes.count * (pretty ? 400 : 260))
        HugePageAdvice.advise(json.bytes)
        json.write(self)
        var bytes = json.takeBytes()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
