#if canImport(Glibc)
import Glibc
#endif

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
    /// The last text written by ``repeatedString(_:)`` and its JSON bytes.
    private var repeatedText: String?
    private var repeatedJSON: [UInt8] = []

    /// Whether ``repeatedString(_:)`` keeps the last text (for a run of facts, not one).
    let remembersRepeats: Bool
    /// Whether a member whose value is nil is left out rather than written `null`
    /// (``member(_:_:index:depth:string:)`` and its siblings): the evidence of the results JSON.
    let omitsNulls: Bool

    init(start: UnsafeMutablePointer<UInt8>, pretty: Bool, remembersRepeats: Bool = false, omitsNulls: Bool = false) {
        self.start = start
        self.pretty = pretty
        self.remembersRepeats = remembersRepeats
        self.omitsNulls = omitsNulls
    }

    /// The most bytes a string value may take: quotes plus six bytes per input byte (`\u00XX`).
    static func bound(_ text: borrowing String?) -> Int {
        switch text {
        case .some(let text): 2 + 6 * text.utf8.count
        case .none: 4
        }
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
    /// `compact` is the same in compact mode, comma included: `,"key":`.
    @inline(__always)
    mutating func member(_ key: StaticString, _ compact: StaticString, index: Int, depth: Int) {
        guard pretty else {
            let length = compact.utf8CodeUnitCount
            if index > 0 {
                (start + count).update(from: compact.utf8Start, count: length)
                count += length
            } else {
                (start + count).update(from: compact.utf8Start + 1, count: length - 1)
                count += length - 1
            }
            return
        }
        member(key, index: index, depth: depth)
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

    /// The decimal digits of `value`, two at a time from a table of the pairs `00` to `99`.
    mutating func digits(_ value: UInt64) {
        var length = 1
        var bound: UInt64 = 10
        while value >= bound, length < 20 {
            length += 1
            if bound > UInt64.max / 10 { break }
            bound *= 10
        }
        var position = count + length
        var rest = value
        let pairs = Self.digitPairs.utf8Start
        while rest >= 100 {
            let pair = Int(rest % 100) * 2
            rest /= 100
            position -= 2
            start[position] = pairs[pair]
            start[position + 1] = pairs[pair + 1]
        }
        if rest >= 10 {
            let pair = Int(rest) * 2
            start[position - 2] = pairs[pair]
            start[position - 1] = pairs[pair + 1]
        } else {
            start[position - 1] = UInt8(ascii: "0") + UInt8(rest)
        }
        count += length
    }

    /// `00`, `01`, … `99`.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// A string value, or `null` for nil.
    @inline(__always)
    mutating func string(_ value: borrowing String?) {
        switch value {
        case .some(let text): string(text)
        case .none: null()
        }
    }

    /// A string value, quoted and escaped as ``JSONWriter`` escapes it.
    mutating func string(_ value: borrowing String) {
        byte(UInt8(ascii: "\""))
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in escaped(utf8) }
        if done == nil {
            var text = copy value
            text.withUTF8 { utf8 in escaped(utf8) }
        }
        byte(UInt8(ascii: "\""))
    }

    /// A string value that is often the same as the last one given here (the file of every
    /// socket of a capture): its bytes are then copied, not checked again.
    mutating func repeatedString(_ value: borrowing String) {
        guard remembersRepeats else { return string(value) }
        if let repeatedText, repeatedText == value {
            repeatedJSON.withUnsafeBufferPointer { copyBytes($0) }
            return
        }
        let first = count
        string(value)
        repeatedText = copy value
        repeatedJSON = Array(UnsafeBufferPointer(start: start + first, count: count - first))
    }

    /// Where a socket's file name is in its memory (nil if it were not stored there).
    private static let socketFileOffset = MemoryLayout<SocketFact>.offset(of: \SocketFact.source.file)

    /// ``repeatedString(at:)`` for the file name of the socket at `socket`.
    mutating func repeatedFile(of socket: UnsafePointer<SocketFact>) {
        guard let offset = Self.socketFileOffset else { return repeatedString(socket.pointee.source.file) }
        repeatedString(at: (UnsafeRawPointer(socket) + offset).assumingMemoryBound(to: String.self))
    }

    /// ``repeatedString(_:)`` for the string at `text`, which is compared with the last one
    /// by its bits first: the same bits are the same string, and neither is retained (a run of
    /// sockets shares one file name, and tasks laying out batches at once would contend for
    /// its reference count).
    mutating func repeatedString(at text: UnsafePointer<String>) {
        if remembersRepeats, repeatedText != nil {
            let same = withUnsafeBytes(of: &repeatedText) { known in
                let size = MemoryLayout<String>.size
                guard let base = known.baseAddress, known.count >= size else { return false }
                return memcmp(base, UnsafeRawPointer(text), size) == 0
            }
            if same {
                repeatedJSON.withUnsafeBufferPointer { copyBytes($0) }
                return
            }
        }
        repeatedString(text.pointee)
    }

    /// A string known to need no escape (an enum's raw value: lower-case ASCII words), quoted.
    @inline(__always)
    mutating func plain(_ value: borrowing String) {
        byte(UInt8(ascii: "\""))
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in copyBytes(utf8) }
        if done == nil {
            var text = copy value
            text.withUTF8 { utf8 in escaped(utf8) }
        }
        byte(UInt8(ascii: "\""))
    }

    @inline(__always)
    private mutating func copyBytes(_ utf8: UnsafeBufferPointer<UInt8>) {
        if let base = utf8.baseAddress { (start + count).update(from: base, count: utf8.count) }
        count += utf8.count
    }

    /// The bytes of a string: copied as they are when no byte may need an escape (checked
    /// eight at a time), else escaped by ``JSONWriter``.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        if Self.mayNeedEscape(utf8) {
            var escaper = JSONWriter()
            escaper.appendEscaped(utf8)
            escaper.bytes.withUnsafeBufferPointer { copyBytes($0) }
        } else {
            copyBytes(utf8)
        }
    }

    /// True when a byte may need an escape: below 0x20, `"`, `\`, or 0x7F and above (a
    /// superset of ``JSONWriter/mayNeedEscape(_:)``).
    @inline(__always)
    static func mayNeedEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let count = utf8.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let control = (word &- ones &* 0x20) & ~word
            let quote = ((word ^ (ones &* 0x22)) &- ones) & ~(word ^ (ones &* 0x22))
            let backslash = ((word ^ (ones &* 0x5C)) &- ones) & ~(word ^ (ones &* 0x5C))
            let delete = ((word ^ (ones &* 0x7F)) &- ones) & ~(word ^ (ones &* 0x7F))
            if (word | control | quote | backslash | delete) & highs != 0 { return true }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte < 0x20 || byte >= 0x7F || byte == 0x22 || byte == 0x5C { return true }
            index += 1
        }
        return false
    }
}
