extension Snapshot {
    /// Writes the snapshot JSON (the bytes of ``jsonBytes(pretty:)``) to `sink` in pieces of
    /// about `chunkSize` bytes, so that a snapshot of a large capture is never held whole in
    /// memory: `hostcheck facts --format json` can hand each piece to its output.
    /// - Parameters:
    ///   - pretty: two-space indentation and one member per line.
    ///   - chunkSize: the size at which a piece is handed over (the last piece may be smaller).
    ///   - sink: called with each piece, in order; the last one ends with a newline.
    public func writeJSON(pretty: Bool, chunkSize: Int = 1 << 16, to sink: ([UInt8]) -> Void) {
        var json = JSONWriter(pretty: pretty)
        json.reserveCapacity(chunkSize + 4096)
        json.write(self, chunk: chunkSize) { writer in sink(writer.takeBytes()) }
        var last = json.takeBytes()
        last.append(UInt8(ascii: "\n"))
        sink(last)
    }

    /// ``writeJSON(pretty:chunkSize:to:)`` with the sockets laid out on up to `tasks` tasks at
    /// once, in batches of a few thousand handed to `sink` in order: the same bytes.
    /// - Parameter tasks: how many batches are laid out at once (one per core).
    public func writeJSON(pretty: Bool, chunkSize: Int = 1 << 16, tasks: Int, to sink: ([UInt8]) -> Void) async {
        let ranges = SocketJSONBatch.ranges(sockets.count)
        guard tasks > 1, ranges.count > 1 else { return writeJSON(pretty: pretty, chunkSize: chunkSize, to: sink) }
        var json = JSONWriter(pretty: pretty)
        json.writeSnapshotHead(self)
        sink(json.takeBytes())
        let depth = json.depth
        let sockets = self.sockets
        await withTaskGroup(of: (Int, [UInt8]).self) { group in
            var next = 0
            func addBatch() {
                let position = next
                let range = ranges[position]
                group.addTask { (position, SocketJSONBatch.bytes(sockets, range, depth: depth, pretty: pretty)) }
                next += 1
            }
            while next < min(2 * tasks, ranges.count) { addBatch() }
            var ready: [Int: [UInt8]] = [:]
            var emitted = 0
            while let (position, bytes) = await group.next() {
                ready[position] = bytes
                while let bytes = ready.removeValue(forKey: emitted) {
                    sink(bytes)
                    emitted += 1
                    if next < ranges.count { addBatch() }
                }
            }
        }
        json.noteMembers(sockets.count)
        json.writeSnapshotTail(self, chunk: chunkSize) { writer in sink(writer.takeBytes()) }
        var last = json.takeBytes()
        last.append(UInt8(ascii: "\n"))
        sink(last)
    }
}
