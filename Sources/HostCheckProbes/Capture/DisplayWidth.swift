/// Console display widths: East Asian wide and full-width characters take two columns, as in
/// a Windows console where a CJK glyph is two cells (and two bytes in a DBCS code page).
enum DisplayWidth {
    /// The columns one character takes.
    static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return isWide(scalar.value) ? 2 : 1
    }

    /// The columns a string takes.
    static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }

    /// Cuts `line` into the column ranges `[start, end)` (in display columns); the last range
    /// may be open (`end == nil`). Characters are assigned by the column they start in; each
    /// piece is trimmed of blanks.
    static func slice(_ line: Substring, columns: [(start: Int, end: Int?)]) -> [String] {
        var pieces = Array(repeating: "", count: columns.count)
        var column = 0
        var slot = 0
        for character in line {
            while slot + 1 < columns.count, column >= columns[slot + 1].start { slot += 1 }
            if column >= columns[0].start { pieces[slot].append(character) }
            column += of(character)
        }
        return pieces.map { trimmed($0) }
    }

    static func trimmed(_ text: String) -> String {
        let blanks: Set<Character> = [" ", "\t", "\u{A0}"]
        guard let first = text.firstIndex(where: { !blanks.contains($0) }),
              let last = text.lastIndex(where: { !blanks.contains($0) }) else { return "" }
        return String(text[first...last])
    }
}
