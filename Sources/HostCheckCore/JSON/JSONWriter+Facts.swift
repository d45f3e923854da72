/// Writers for the fact shapes of the snapshot JSON (DESIGN.md §2), reused by the results JSON.
///
/// Every key is always written, `null` when the value is nil.
extension JSONWriter {
    /// Writes `{file, line}` (plus `column` when known) — the `source` of sockets and processes.
    public mutating func write(_ location: SourceLocation) {
        beginObject()
        key("file"); string(location.file)
        key("line"); int(location.line)
        if let column = location.column {
            key("column"); int(column)
        }
        endObject()
    }

    /// Writes a location, or `null` for nil.
    public mutating func write(_ location: SourceLocation?) {
        guard let location else { return null() }
        write(location)
    }

    /// Writes `{name, version}`.
    public mutating func write(_ generator: Generator) {
        beginObject()
        key("name"); string(generator.name)
        key("version"); string(generator.version)
        endObject()
    }

    /// Writes `{file, format, encoding}`.
    public mutating func write(_ source: CaptureSource) {
        beginObject()
        key("file"); string(source.file)
        key("format"); string(source.format)
        key("encoding"); string(source.encoding)
        endObject()
    }

    /// Writes `{tcp, udp, ipv4, ipv6, owners}`.
    public mutating func write(_ coverage: Coverage) {
        beginObject()
        key("tcp"); string(coverage.tcp.rawValue)
        key("udp"); string(coverage.udp.rawValue)
        key("ipv4"); string(coverage.ipv4.rawValue)
        key("ipv6"); string(coverage.ipv6.rawValue)
        key("owners"); string(coverage.owners.rawValue)
        endObject()
    }

    /// Writes a diagnostic as `{severity, message, source}` (`source` is `{file, line, column}` or null).
    public mutating func write(_ diagnostic: Diagnostic) {
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
    public mutating func write(_ host: HostInfo) {
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
    public mutating func writeHostMembers(_ host: HostInfo) {
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
    public mutating func write(_ socket: SocketFact) {
        prepareValue()
        let depth = self.depth
        let pretty = self.pretty
        var bound = 640 + 24 * depth + (2 * depth + 32) * socket.pids.count
        bound += RawJSONBuffer.bound(socket.localAddress) + RawJSONBuffer.bound(socket.localPortName)
        bound += RawJSONBuffer.bound(socket.localZone) + RawJSONBuffer.bound(socket.remoteAddress)
        bound += RawJSONBuffer.bound(socket.remotePortName) + RawJSONBuffer.bound(socket.rawState)
        bound += RawJSONBuffer.bound(socket.ownershipReason?.rawValue) + RawJSONBuffer.bound(socket.source.file)
        bound += 20 * (2 * depth + 40)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { scratch in
            guard let base = scratch.baseAddress else { return }
            var raw = RawJSONBuffer(start: base, pretty: pretty)
            Self.layOut(socket, depth: depth, into: &raw)
            appendRaw(raw.written)
        }
    }

    /// The socket object, its members at `depth + 1`, closed at `depth`.
    private static func layOut(_ socket: SocketFact, depth: Int, into raw: inout RawJSONBuffer) {
        let inner = depth + 1
        raw.byte(UInt8(ascii: "{"))
        raw.member("protocol", index: 0, depth: inner); raw.string(socket.protocol.rawValue)
        raw.member("family", index: 1, depth: inner); raw.string(socket.family.rawValue)
        raw.member("local_address", index: 2, depth: inner); raw.string(socket.localAddress)
        raw.member("local_port", index: 3, depth: inner); raw.int(socket.localPort)
        raw.member("local_port_name", index: 4, depth: inner); raw.string(socket.localPortName)
        raw.member("local_zone", index: 5, depth: inner); raw.string(socket.localZone)
        raw.member("remote_address", index: 6, depth: inner); raw.string(socket.remoteAddress)
        raw.member("remote_port", index: 7, depth: inner); raw.int(socket.remotePort)
        raw.member("remote_port_name", index: 8, depth: inner); raw.string(socket.remotePortName)
        raw.member("state", index: 9, depth: inner); raw.string(socket.state.rawValue)
        raw.member("state_raw", index: 10, depth: inner); raw.string(socket.rawState)
        raw.member("v6only", index: 11, depth: inner); raw.bool(socket.v6only)
        raw.member("netns", index: 12, depth: inner); raw.uint(socket.netns)
        raw.member("ownership", index: 13, depth: inner); raw.string(socket.ownership.rawValue)
        raw.member("ownership_reason", index: 14, depth: inner); raw.string(socket.ownershipReason?.rawValue)
        raw.member("pids", index: 15, depth: inner)
        raw.byte(UInt8(ascii: "["))
        for (index, pid) in socket.pids.enumerated() {
            if index > 0 { raw.byte(UInt8(ascii: ",")) }
            raw.newline(depth: inner + 1)
            raw.int(pid)
        }
        if !socket.pids.isEmpty { raw.newline(depth: inner) }
        raw.byte(UInt8(ascii: "]"))
        raw.member("source", index: 16, depth: inner)
        raw.byte(UInt8(ascii: "{"))
        raw.member("file", index: 0, depth: inner + 1); raw.string(socket.source.file)
        raw.member("line", index: 1, depth: inner + 1); raw.int(socket.source.line)
        if let column = socket.source.column {
            raw.member("column", index: 2, depth: inner + 1); raw.int(column)
        }
        raw.newline(depth: inner)
        raw.byte(UInt8(ascii: "}"))
        raw.newline(depth: depth)
        raw.byte(UInt8(ascii: "}"))
    }

    /// Writes one process in the snapshot shape.
    public mutating func write(_ process: ProcessFact) {
        beginObject()
        key("pid"); int(process.pid)
        key("ppid"); int(process.ppid)
        key("name"); string(process.name)
        key("name_truncated"); bool(process.nameTruncated)
        key("path"); string(process.path)
        key("cmdline"); string(process.cmdline)
        key("user"); string(process.user)
        key("services"); strings(process.services)
        key("kernel"); bool(process.kernel)
        key("source"); write(process.source)
        endObject()
    }

    /// Writes a whole snapshot document (DESIGN.md §2).
    public mutating func write(_ snapshot: Snapshot) {
        write(snapshot, chunk: .max) { _ in }
    }

    /// Writes a whole snapshot document, calling `drain` whenever more than `chunk` bytes are
    /// buffered, so a large snapshot can stream to its output instead of growing one buffer.
    public mutating func write(_ snapshot: Snapshot, chunk: Int, drain: (inout JSONWriter) -> Void) {
        beginObject()
        key("hostcheck_snapshot"); int(Snapshot.formatVersion)
        key("generator"); write(snapshot.generator)
        key("host"); write(snapshot.host)
        key("sockets")
        beginArray()
        for socket in snapshot.sockets {
            write(socket)
            if bytes.count >= chunk { drain(&self) }
        }
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
    public func jsonBytes(pretty: Bool) -> [UInt8] {
        var json = JSONWriter(pretty: pretty)
        json.reserveCapacity(1024 + sockets.count * (pretty ? 700 : 420) + processes.count * (pretty ? 400 : 260))
        HugePageAdvice.advise(json.bytes)
        json.write(self)
        var bytes = json.takeBytes()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
