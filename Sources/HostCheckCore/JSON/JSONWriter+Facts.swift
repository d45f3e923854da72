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
    public mutating func write(_ socket: SocketFact) {
        beginObject()
        key("protocol"); string(socket.protocol.rawValue)
        key("family"); string(socket.family.rawValue)
        key("local_address"); string(socket.localAddress)
        key("local_port"); int(socket.localPort)
        key("local_port_name"); string(socket.localPortName)
        key("local_zone"); string(socket.localZone)
        key("remote_address"); string(socket.remoteAddress)
        key("remote_port"); int(socket.remotePort)
        key("remote_port_name"); string(socket.remotePortName)
        key("state"); string(socket.state.rawValue)
        key("state_raw"); string(socket.rawState)
        key("v6only"); bool(socket.v6only)
        key("netns"); uint(socket.netns)
        key("ownership"); string(socket.ownership.rawValue)
        key("ownership_reason"); string(socket.ownershipReason?.rawValue)
        key("pids"); ints(socket.pids)
        key("source"); write(socket.source)
        endObject()
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
        write(snapshot, drain: nil)
    }

    /// Writes `snapshot`, calling `drain` with the bytes written so far whenever they exceed
    /// `chunk` bytes, so a large snapshot streams to its output instead of growing one buffer.
    public mutating func write(_ snapshot: Snapshot, chunk: Int = 1 << 16, drain: ((inout JSONWriter) -> Void)?) {
        func drainIfFull() {
            if let drain, bytes.count >= chunk { drain(&self) }
        }
        beginObject()
        key("hostcheck_snapshot"); int(Snapshot.formatVersion)
        key("generator"); write(snapshot.generator)
        key("host"); write(snapshot.host)
        key("sockets")
        beginArray()
        for socket in snapshot.sockets {
            write(socket)
            drainIfFull()
        }
        endArray()
        key("processes")
        beginArray()
        for process in snapshot.processes {
            write(process)
            drainIfFull()
        }
        endArray()
        key("diagnostics")
        beginArray()
        for diagnostic in snapshot.diagnostics { write(diagnostic) }
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
        json.write(self)
        var bytes = json.takeBytes()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
