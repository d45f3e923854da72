/// Writes JSON as UTF-8 bytes into a buffer, without `JSONEncoder` (docs/architecture.md, "Performance").
///
/// The writer keeps the nesting state, so a document can be written in pieces: write some,
/// ``takeBytes()`` to hand them to an output, write more. Keys are written in call order.
///
/// Strings are escaped for any consumer: `"` and `\` are escaped, and every control character
/// (C0, DEL, C1), U+2028/U+2029 and the bidirectional controls (U+202A–U+202E, U+2066–U+2069,
/// U+200E, U+200F, U+061C, see ``TerminalText/isBidirectionalControl(_:)``) become
/// `\u00XX`-style escapes, so the output is safe on a terminal and inside a JavaScript string
/// literal, cannot be shown reordered, and reads back to the same strings. Non-finite doubles
/// are written as `null`.
///
/// ```swift
/// var json = JSONWriter(pretty: true)
/// json.beginObject()
/// json.key("port"); json.int(3691)
/// json.endObject()
/// ```
package struct JSONWriter: Sendable {
    /// The bytes written since the last ``takeBytes()``.
    package private(set) var bytes: [UInt8] = []
    /// Whether to write newlines and two-space indentation.
    package let pretty: Bool

    /// How many arrays and objects are open.
    package private(set) var depth = 0
    /// How many members the innermost open container has so far.
    private var members = 0
    /// The member counts of the outer open containers.
    private var outerMembers: [Int] = []
    /// True right after a key, when the next value follows the colon.
    private var afterKey = false

    /// Creates an empty writer.
    /// - Parameter pretty: write newlines and two-space indentation.
    package init(pretty: Bool = false) {
        self.pretty = pretty
    }

    /// Reserves room for `count` more bytes (a hint for large documents).
    package mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    /// Returns the bytes written so far and empties the buffer, keeping the nesting state.
    package mutating func takeBytes() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// Returns the bytes written so far as a `String` and empties the buffer.
    package mutating func takeString() -> String {
        defer { bytes.removeAll(keepingCapacity: true) }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Containers

    /// Opens an object (`{`).
    package mutating func beginObject() {
        prepareValue()
        bytes.append(UInt8(ascii: "{"))
        open()
    }

    /// Closes the innermost object (`}`).
    package mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    /// Opens an array (`[`).
    package mutating func beginArray() {
        prepareValue()
        bytes.append(UInt8(ascii: "["))
        open()
    }

    /// Closes the innermost array (`]`).
    package mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Writes an object key; the next call writes its value.
    package mutating func key(_ name: String) {
        prepareValue()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    // MARK: Scalars

    /// Writes `null`.
    package mutating func null() {
        prepareValue()
        appendASCII("null")
    }

    /// Writes a string, escaped.
    package mutating func string(_ value: String) {
        prepareValue()
        appendQuoted(value)
    }

    /// Writes a string, or `null` for nil.
    package mutating func string(_ value: String?) {
        guard let value else { return null() }
        string(value)
    }

    /// Writes `true` or `false`.
    package mutating func bool(_ value: Bool) {
        prepareValue()
        appendASCII(value ? "true" : "false")
    }

    /// Writes `true`, `false`, or `null` for nil.
    package mutating func bool(_ value: Bool?) {
        guard let value else { return null() }
        bool(value)
    }

    /// Writes an integer.
    package mutating func int(_ value: Int) {
        prepareValue()
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendDigits(UInt64(value.magnitude))
        } else {
            appendDigits(UInt64(value))
        }
    }

    /// Writes an integer, or `null` for nil.
    package mutating func int(_ value: Int?) {
        guard let value else { return null() }
        int(value)
    }

    /// Writes an unsigned integer (`netns` inodes), or `null` for nil.
    package mutating func uint(_ value: UInt64?) {
        guard let value else { return null() }
        prepareValue()
        appendDigits(value)
    }

    /// Writes a double; `null` when it is not finite (JSON has no NaN or infinity).
    package mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        prepareValue()
        appendASCII(value.description)
    }

    /// Writes an array of strings.
    package mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Writes an array of integers.
    package mutating func ints(_ values: [Int]) {
        beginArray()
        for value in values { int(value) }
        endArray()
    }

    // MARK: Layout

    /// Writes what precedes a value: nothing after a key, else the comma and indentation of
    /// the next member of the open container.
    mutating func prepareValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        if members > 0 { bytes.append(UInt8(ascii: ",")) }
        members += 1
        if pretty { newline(depth: depth) }
    }

    private mutating func open() {
        if depth > 0 { outerMembers.append(members) }
        members = 0
        depth += 1
    }

    private mutating func close(_ bracket: UInt8) {
        guard depth > 0 else {
            bytes.append(bracket)
            return
        }
        let had = members
        depth -= 1
        members = depth > 0 ? (outerMembers.popLast() ?? 0) : 0
        afterKey = false
        if had > 0, pretty { newline(depth: depth) }
        bytes.append(bracket)
    }

    private mutating func newline(depth: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// Appends `count` members of the open container laid out elsewhere, separators included
    /// (``SocketJSONBatch``, the rule members of results), right after a member's value.
    package mutating func appendMembers(_ raw: [UInt8], count: Int) {
        bytes.append(contentsOf: raw)
        noteMembers(count)
    }

    /// Counts `count` members of the open container written past this writer (straight to the
    /// output), so that the next member gets its comma.
    package mutating func noteMembers(_ count: Int) {
        members += count
    }

    /// Appends bytes laid out elsewhere (a whole value, after ``prepareValue()``).
    mutating func appendRaw(_ raw: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    private mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendASCII(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func appendDigits(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    // MARK: Strings

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Bytes that may need an escape: C0, `"`, `\`, DEL, and the lead bytes of C1 (0xC2),
    /// U+061C (0xD8) and U+2028/U+2029 and the other bidirectional controls (0xE2).
    static func mayNeedEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2
    }

    /// The scalar of the three-byte sequence `0xE2 second third` when it is escaped: U+2028,
    /// U+2029, U+200E, U+200F, U+202A–U+202E (`E2 80 xx`) or U+2066–U+2069 (`E2 81 xx`).
    static func escapedE2(_ second: UInt8, _ third: UInt8) -> UInt32? {
        switch (second, third) {
        case (0x80, 0x8E...0x8F), (0x80, 0xA8...0xAE): 0x2000 + UInt32(third - 0x80)
        case (0x81, 0xA6...0xA9): 0x2040 + UInt32(third - 0x80)
        default: nil
        }
    }

    private mutating func appendQuoted(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in appendQuoted(utf8) }
        if done == nil {
            var copy = text
            copy.withUTF8 { utf8 in appendQuoted(utf8) }
        }
    }

    /// The bytes of `utf8` in quotes: copied in one piece when no byte may need an escape
    /// (checked eight at a time, ``RawJSONBuffer/mayNeedEscape(_:)``), else escaped.
    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        if RawJSONBuffer.mayNeedEscape(utf8) {
            appendEscaped(utf8)
        } else {
            bytes.append(contentsOf: utf8)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        let count = utf8.count
        var index = 0
        while index < count, !Self.mayNeedEscape(utf8[index]) { index += 1 }
        if index == count {
            bytes.append(contentsOf: utf8)
            return
        }
        var runStart = 0
        while index < count {
            let byte = utf8[index]
            var escaped: UInt32?
            var width = 1
            if byte < 0x20 || byte == 0x7F {
                escaped = UInt32(byte)
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                flush(utf8, from: runStart, to: index)
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
                index += 1
                runStart = index
                continue
            } else if byte == 0xC2, index + 1 < count, utf8[index + 1] >= 0x80, utf8[index + 1] < 0xA0 {
                escaped = UInt32(utf8[index + 1])
                width = 2
            } else if byte == 0xE2, index + 2 < count, let scalar = Self.escapedE2(utf8[index + 1], utf8[index + 2]) {
                escaped = scalar
                width = 3
            } else if byte == 0xD8, index + 1 < count, utf8[index + 1] == 0x9C {
                escaped = 0x061C
                width = 2
            }
            if let escaped {
                flush(utf8, from: runStart, to: index)
                appendUnicodeEscape(escaped)
                index += width
                runStart = index
            } else {
                index += 1
            }
        }
        flush(utf8, from: runStart, to: count)
    }

    private mutating func flush(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        if end > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<end])) }
    }

    private mutating func appendUnicodeEscape(_ value: UInt32) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(Self.hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
