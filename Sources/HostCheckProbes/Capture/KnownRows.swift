/// The first lines of a Windows `netstat` capture as ``QuickRecognition`` read them: for each,
/// its row, or none (a blank line, the title, the header). The parser takes a line's row from
/// here instead of reading it again; a line past ``count`` it reads itself.
struct KnownRows: Sendable {
    /// The row of each line from the first, nil for a line that is none.
    private var rows: [NetstatRowSpan?] = []

    /// How many lines from the first are known.
    var count: Int { rows.count }

    /// Records the row of line `index` (after those recorded), the lines between none; room
    /// for `window` lines is made at the first.
    mutating func record(_ row: NetstatRowSpan, at index: Int, window: Int) {
        if rows.isEmpty { rows.reserveCapacity(window) }
        if rows.count < index { rows.append(contentsOf: repeatElement(nil, count: index - rows.count)) }
        rows.append(row)
    }

    /// Marks the first `lines` lines known: those not recorded are none.
    mutating func end(lines: Int) {
        if rows.count < lines { rows.append(contentsOf: repeatElement(nil, count: lines - rows.count)) }
    }

    /// The row of a known line (`index` below ``count``), nil when it is none.
    subscript(index: Int) -> NetstatRowSpan? { rows[index] }
}
