/// The bytes of a file: an array, or a read-only mapping of a large file (``MappedFile``).
///
/// Readers see one contiguous buffer either way (``withUnsafeBufferPointer(_:)``); dropping a
/// prefix (a byte-order mark) copies nothing.
package struct FileBytes: Sendable {
    private enum Storage: Sendable {
        case array([UInt8])
        case mapped(MappedFile)
    }

    private let storage: Storage
    /// Where these bytes start in the storage.
    private let offset: Int
    /// How many bytes there are.
    package let count: Int

    /// The bytes of an array.
    package init(_ bytes: [UInt8]) {
        storage = .array(bytes)
        offset = 0
        count = bytes.count
    }

    /// The bytes of a mapped file.
    package init(_ mapping: MappedFile) {
        storage = .mapped(mapping)
        offset = 0
        count = mapping.count
    }

    private init(storage: Storage, offset: Int, count: Int) {
        self.storage = storage
        self.offset = offset
        self.count = count
    }

    package var isEmpty: Bool { count == 0 }

    /// True when the bytes come from a mapped file.
    package var isMapped: Bool {
        if case .mapped = storage { return true }
        return false
    }

    /// Calls `body` with the bytes, valid during the call.
    package func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
    ) throws(E) -> R {
        switch storage {
        case .array(let array):
            return try array.withUnsafeBufferPointer { (all) throws(E) -> R in
                try body(UnsafeBufferPointer(rebasing: all[offset..<offset + count]))
            }
        case .mapped(let mapping):
            return try mapping.withUnsafeBufferPointer { (all) throws(E) -> R in
                try body(UnsafeBufferPointer(rebasing: all[offset..<offset + count]))
            }
        }
    }

    /// The bytes after the first `length` (none when there are fewer), without a copy.
    package func dropFirst(_ length: Int) -> FileBytes {
        let dropped = min(max(length, 0), count)
        return FileBytes(storage: storage, offset: offset + dropped, count: count - dropped)
    }

    /// Whether the bytes begin with `prefix`.
    package func starts(with prefix: [UInt8]) -> Bool {
        withUnsafeBufferPointer { $0.starts(with: prefix) }
    }

    /// The bytes as an array (the array itself when these are all of one).
    package var array: [UInt8] {
        if case .array(let array) = storage, offset == 0, count == array.count { return array }
        return withUnsafeBufferPointer { Array($0) }
    }

}
