/// A cursor over scratch memory that one fact is written into before it is appended to a
/// ``JSONWriter`` in one copy (the snapshot of a large capture holds hundreds of thousands of
/// sockets, and per-member appends to the writer's array dominated its cost).
///
/// It writes the same bytes as the writer's generic calls: the caller sizes the memory with
/// ``bound(_:)``, so no write goes past its end.
struct RawJSONBuffer {
    let start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    let pretty: Bool

    init(start: UnsafeMutablePointer<UInt8>, pretty: Bool) {
        self.start = start
        self.pretty = pretty
    }

    /// The most bytes a string value may take: quotes plus six bytes per input byte (`\u00XX`).
    static func bound(_ text: String?) -> Int {
        guard let text else { return 4 }
        return 2 + 6 * text.utf8.count
    }

    /// The written bytes.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    @inline(__always)
    mutating func byte(_ value: UInt8) {
        start[count] = value
        count += 1
    }

    @inline(__always)
    mutating func ascii(_ text: StaticString) {
        let length = text.utf8CodeUnitCount
        (start + count).update(from: text.utf8Start, count: length)
        count += length
    }

    /// A newline and `2 * depth` spaces, in pretty mode.
    @inline(__always)
    mutating func newline(depth: Int) {
        guard pretty else { return }
        start[count] = UInt8(ascii: "\n")
        (start + count + 1).initialize(repeating: UInt8(ascii: " "), count: 2 * depth)
        count += 1 + 2 * depth
    }

    /// The separator and indentation before member `index` of a container whose members sit
    /// at `depth`, then the quoted key (`key` is plain ASCII needing no escape) and its colon.
    @inline(__always)
    mutating func member(_ key: StaticString, index: Int, depth: Int) {
        if index > 0 { byte(UInt8(ascii: ",")) }
        newline(depth: depth)
        byte(UInt8(ascii: "\""))
        ascii(key)
        byte(UInt8(ascii: "\""))
        byte(UInt8(ascii: ":"))
        if pretty { byte(UInt8(ascii: " ")) }
    }

    mutating func null() { ascii("null") }

    mutating func bool(_ value: Bool?) {
        guard let value else { return null() }
        if value { ascii("true") } else { ascii("false") }
    }

    mutating func int(_ value: Int?) {
        guard let value else { return null() }
        if value < 0 { byte(UInt8(ascii: "-")) }
        digits(UInt64(value.magnitude))
    }

    mutating func uint(_ value: UInt64?) {
        guard let value else { return null() }
        digits(value)
    }

    mutating func digits(_ value: UInt64) {
        var length = 1
        var rest = value / 10
        while rest > 0 {
            length += 1
            rest /= 10
        }
        var position = count + length
        rest = value
        repeat {
            position -= 1
            start[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        } while rest > 0
        count += length
    }

    mutating func string(_ value: String?) {
        guard var value else { return null() }
        byte(UInt8(ascii: "\""))
        value.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count, !JSONWriter.mayNeedEscape(utf8[index]) { index += 1 }
            if index == utf8.count {
                if let base = utf8.baseAddress { (start + count).update(from: base, count: utf8.count) }
                count += utf8.count
            } else {
                var escaper = JSONWriter()
                escaper.appendEscaped(utf8)
                for escaped in escaper.bytes { byte(escaped) }
            }
        }
        byte(UInt8(ascii: "\""))
    }
}
