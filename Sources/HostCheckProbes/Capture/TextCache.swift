/// Reuses the `String` of a byte run that repeats (the local address of most rows of a
/// capture), so a large capture does not build and validate the same text row after row.
///
/// A small direct-mapped table: a run hashes to one slot, and a slot holding other text is
/// replaced. Every lookup compares the bytes, so a hit is always the same text.
struct TextCache {
    /// The most slots a table has.
    static let maximumSlots = 256
    private var slots: [String?]
    /// The text returned last.
    private var lastText: String?

    /// A table for a capture of about `rows` rows: as many slots (a power of two, 16 to
    /// ``maximumSlots``), so a small capture does not fill and free a large table.
    init(rows: Int = maximumSlots) {
        slots = Array(repeating: nil, count: TableSlots.count(for: rows, maximum: Self.maximumSlots))
    }

    /// The text of `range`, from the table when the same bytes were seen last in its slot.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        // Consecutive rows mostly repeat the last text: it is compared before any hashing.
        if var last = lastText, last.utf8.count == range.count, last.withUTF8({ ByteLine.same($0, bytes, range) }) {
            return last
        }
        var hash: UInt32 = 2_166_136_261
        for index in range { hash = (hash ^ UInt32(bytes[index])) &* 16_777_619 }
        let slot = Int(hash % UInt32(slots.count))
        if var cached = slots[slot], cached.utf8.count == range.count {
            let same = cached.withUTF8 { utf8 in ByteLine.same(utf8, bytes, range) }
            if same {
                lastText = cached
                return cached
            }
        }
        let made = ByteLine.string(bytes, range)
        slots[slot] = made
        lastText = made
        return made
    }
}
