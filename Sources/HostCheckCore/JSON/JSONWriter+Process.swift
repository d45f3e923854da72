/// The process object of the snapshot JSON, laid out in scratch memory and appended in one copy
/// (``RawJSONBuffer``), as sockets are: the same bytes as one generic call per member, without
/// its cost (every piece of evidence of the results JSON carries its processes).
extension JSONWriter {
    /// Writes one process in the snapshot shape: pid, ppid, name, name_truncated, path,
    /// cmdline, user, services (`null`: not captured; `[]`: the source lists none), kernel, the
    /// identity members in ``SnapshotKeys/processIdentity`` order, and source.
    package mutating func write(_ process: ProcessFact) {
        withUnsafePointer(to: process) { write(processAt: $0) }
    }

    /// Writes an array of processes in the snapshot shape, each read in place (not copied).
    package mutating func write(processes: [ProcessFact]) {
        beginArray()
        processes.withUnsafeBufferPointer { buffer in
            guard let first = buffer.baseAddress else { return }
            for index in buffer.indices { write(processAt: first + index) }
        }
        endArray()
    }

    /// Writes the process at `pointer` as the next value.
    mutating func write(processAt pointer: UnsafePointer<ProcessFact>) {
        prepareValue()
        let depth = self.depth
        let pretty = self.pretty
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.bound(pointer, depth: depth)) { scratch in
            guard let base = scratch.baseAddress else { return }
            var raw = RawJSONBuffer(start: base, pretty: pretty)
            Self.layOut(pointer, depth: depth, into: &raw)
            appendRaw(raw.written)
        }
    }

    /// The most bytes ``layOut(_:depth:into:)-(UnsafePointer<ProcessFact>,_,_)`` writes for the
    /// process at `pointer` at `depth`.
    static func bound(_ pointer: UnsafePointer<ProcessFact>, depth: Int) -> Int {
        // 26 members with their separators, indentation, keys and scalar values.
        var bound = 26 * (2 * depth + 64) + 64
        bound += RawJSONBuffer.bound(pointer.pointee.name) + RawJSONBuffer.bound(pointer.pointee.path)
        bound += RawJSONBuffer.bound(pointer.pointee.cmdline) + RawJSONBuffer.bound(pointer.pointee.user)
        for service in pointer.pointee.services { bound += 2 * depth + 8 + RawJSONBuffer.bound(service) }
        bound += RawJSONBuffer.bound(pointer.pointee.identity.pathProblem) + RawJSONBuffer.bound(pointer.pointee.identity.sha256)
        bound += RawJSONBuffer.bound(pointer.pointee.identity.unit) + RawJSONBuffer.bound(pointer.pointee.identity.cgroup)
        bound += RawJSONBuffer.bound(pointer.pointee.identity.containerID)
        bound += RawJSONBuffer.bound(pointer.pointee.identity.parentName) + RawJSONBuffer.bound(pointer.pointee.identity.parentPath)
        bound += RawJSONBuffer.bound(pointer.pointee.identity.signer)
        bound += RawJSONBuffer.bound(pointer.pointee.identity.signatureStatus)
        bound += RawJSONBuffer.bound(pointer.pointee.source.file)
        return bound
    }

    /// The process object, its members at `depth + 1`, closed at `depth`; read in place. The
    /// members whose value is nil are `null`, or left out when `raw` omits nulls.
    static func layOut(_ pointer: UnsafePointer<ProcessFact>, depth: Int, into raw: inout RawJSONBuffer) {
        let inner = depth + 1
        raw.byte(UInt8(ascii: "{"))
        raw.member("pid", ",\"pid\":", index: 0, depth: inner); raw.int(pointer.pointee.pid)
        raw.member("ppid", ",\"ppid\":", index: 1, depth: inner, int: pointer.pointee.ppid)
        raw.member("name", ",\"name\":", index: 2, depth: inner, string: pointer.pointee.name)
        raw.member("name_truncated", ",\"name_truncated\":", index: 3, depth: inner); raw.bool(pointer.pointee.nameTruncated)
        raw.member("path", ",\"path\":", index: 4, depth: inner, string: pointer.pointee.path)
        raw.member("cmdline", ",\"cmdline\":", index: 5, depth: inner, string: pointer.pointee.cmdline)
        raw.member("user", ",\"user\":", index: 6, depth: inner, string: pointer.pointee.user)
        if pointer.pointee.servicesListed {
            raw.member("services", ",\"services\":", index: 7, depth: inner)
            layOutStrings(pointer.pointee.services, depth: inner, into: &raw)
        } else {
            raw.nullMember("services", ",\"services\":", index: 7, depth: inner)
        }
        raw.member("kernel", ",\"kernel\":", index: 8, depth: inner); raw.bool(pointer.pointee.kernel)
        layOutIdentity(pointer, depth: inner, into: &raw)
        raw.member("source", ",\"source\":", index: 23, depth: inner)
        raw.byte(UInt8(ascii: "{"))
        raw.member("file", ",\"file\":", index: 0, depth: inner + 1); raw.string(pointer.pointee.source.file)
        raw.member("line", ",\"line\":", index: 1, depth: inner + 1, int: pointer.pointee.source.line)
        if let column = pointer.pointee.source.column {
            raw.member("column", ",\"column\":", index: 2, depth: inner + 1); raw.int(column)
        }
        raw.newline(depth: inner)
        raw.byte(UInt8(ascii: "}"))
        raw.newline(depth: depth)
        raw.byte(UInt8(ascii: "}"))
    }

    /// The identity members (9 to 22) of the process at `pointer`, at `depth`.
    private static func layOutIdentity(_ pointer: UnsafePointer<ProcessFact>, depth: Int, into raw: inout RawJSONBuffer) {
        raw.member("uid", ",\"uid\":", index: 9, depth: depth, int: pointer.pointee.identity.uid)
        raw.member("exe_deleted", ",\"exe_deleted\":", index: 10, depth: depth, bool: pointer.pointee.identity.exeDeleted)
        raw.member("path_verified", ",\"path_verified\":", index: 11, depth: depth, bool: pointer.pointee.identity.pathVerified)
        raw.member("path_problem", ",\"path_problem\":", index: 12, depth: depth, string: pointer.pointee.identity.pathProblem)
        raw.member("sha256", ",\"sha256\":", index: 13, depth: depth, string: pointer.pointee.identity.sha256)
        raw.member("mnt_ns", ",\"mnt_ns\":", index: 14, depth: depth, uint: pointer.pointee.identity.mountNamespace)
        raw.member("unit", ",\"unit\":", index: 15, depth: depth, string: pointer.pointee.identity.unit)
        raw.member("cgroup", ",\"cgroup\":", index: 16, depth: depth, string: pointer.pointee.identity.cgroup)
        raw.member("container_id", ",\"container_id\":", index: 17, depth: depth, string: pointer.pointee.identity.containerID)
        raw.member("parent_name", ",\"parent_name\":", index: 18, depth: depth, string: pointer.pointee.identity.parentName)
        raw.member("parent_path", ",\"parent_path\":", index: 19, depth: depth, string: pointer.pointee.identity.parentPath)
        raw.member("name_mismatch", ",\"name_mismatch\":", index: 20, depth: depth, bool: pointer.pointee.identity.nameMismatch)
        raw.member("signer", ",\"signer\":", index: 21, depth: depth, string: pointer.pointee.identity.signer)
        raw.member(
            "signature_status", ",\"signature_status\":", index: 22, depth: depth, string: pointer.pointee.identity.signatureStatus)
    }

    /// An array of strings whose elements sit at `depth + 1`, closed at `depth`.
    static func layOutStrings(_ values: borrowing [String], depth: Int, into raw: inout RawJSONBuffer) {
        raw.byte(UInt8(ascii: "["))
        let count = values.withUnsafeBufferPointer { strings in
            for index in strings.indices {
                if index > 0 { raw.byte(UInt8(ascii: ",")) }
                raw.newline(depth: depth + 1)
                raw.string(strings[index])
            }
            return strings.count
        }
        if count > 0 { raw.newline(depth: depth) }
        raw.byte(UInt8(ascii: "]"))
    }
}
