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
}
