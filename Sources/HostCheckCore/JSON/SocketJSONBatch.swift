/// Lays out a run of sockets as members of the snapshot's `sockets` array, in one buffer.
///
/// The bytes are those of ``JSONWriter/write(_:)-(SocketFact)`` called for each socket in
/// turn; batches laid out apart (on several tasks) and joined in order give the document of
/// one writer.
enum SocketJSONBatch {
    /// How many sockets one batch holds when a snapshot is written in batches.
    static let size = 4096

    /// The members `range` of `sockets`, in an array whose members sit at `depth`: each after
    /// a comma unless it is the array's first member.
    static func bytes(_ sockets: [SocketFact], _ range: Range<Int>, depth: Int, pretty: Bool) -> [UInt8] {
        sockets.withUnsafeBufferPointer { buffer in
            guard let first = buffer.baseAddress else { return [] }
            var bound = 0
            for index in range { bound += 1 + 2 * depth + JSONWriter.bound(first + index, depth: depth) }
            return [UInt8](unsafeUninitializedCapacity: bound) { output, count in
                count = 0
                guard let base = output.baseAddress else { return }
                var raw = RawJSONBuffer(start: base, pretty: pretty, remembersRepeats: true)
                for index in range {
                    if index > 0 { raw.byte(UInt8(ascii: ",")) }
                    raw.newline(depth: depth)
                    JSONWriter.layOut(first + index, depth: depth, into: &raw)
                }
                count = raw.count
            }
        }
    }

    /// The ranges of the batches of `count` sockets.
    static func ranges(_ count: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }
}
