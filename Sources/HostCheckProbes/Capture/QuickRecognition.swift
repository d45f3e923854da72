/// The byte-level path of format recognition, for the two shapes nearly every Windows fleet
/// bundle has: an English `netstat -an`/`-ano` and `tasklist /fo csv` (docs/architecture.md,
/// "Path of a capture file", step 5).
///
/// ``FormatRecognizer`` offers the first lines, as `Substring`s, to every format's recogniser,
/// which costs more than parsing a small capture. Here the same lines are read as bytes, once,
/// against one strict shape. When every non-blank line has it, the result is the one the
/// recognisers would give, provided every format in the list is known to refuse the shapes
/// (``QuickRecognition/refusesQuickShapes``) or owns one; anything else, including one format of
/// unknown behaviour (a format added by an extension), takes the string path.
/// `QuickRecognitionTests` holds both paths equal on every capture fixture.
///
/// Why the other built-in recognisers refuse these lines: a quick netstat line starts with
/// `TCP`, `UDP`, `Active` or `Proto` and has at most 7 tokens, none of them a protocol word of
/// another format, `LocalAddress`, a quote, `=`, `{`, `#`; every line is a Windows netstat line,
/// so no tasklist class counts any. A quick tasklist line starts with a quote, has at most 8
/// tokens, each holding a quote or a capitalised word (`Idle`), no field among the PowerShell
/// property names, and it is a `tasklist` CSV data row or the English header.
package enum QuickRecognition: Sendable, Hashable {
    /// Not known to refuse the quick shapes: its presence disables the byte path.
    case unknown
    /// Proven to recognise no text whose non-blank lines all have one quick shape.
    case refusesQuickShapes
    /// The format of texts of this shape.
    case owns(QuickShape)

    /// The format of `text` among `formats` decided from bytes; nil when the string path must
    /// decide (a line of another shape, a format of unknown behaviour, no owner of the shape).
    static func format(of text: CaptureText, among formats: [CaptureFormatDescriptor]) -> CaptureFormatDescriptor? {
        recognise(text, among: formats)?.format
    }

    /// ``format(of:among:)``, with the rows read on the way (for a `netstat` capture; else none),
    /// so that the parser does not read them again.
    static func recognise(
        _ text: CaptureText, among formats: [CaptureFormatDescriptor]
    ) -> (format: CaptureFormatDescriptor, rows: KnownRows)? {
        guard formats.allSatisfy({ $0.quick != .unknown }) else { return nil }
        var rows = KnownRows()
        guard let shape = text.withBytes({ shape(of: $0, lines: text.lineRanges, rows: &rows) }),
              let format = formats.first(where: { $0.quick == .owns(shape) }) else { return nil }
        return (format, shape == .windowsNetstat ? rows : KnownRows())
    }

    /// The one shape of every non-blank line in the window ``FormatRecognizer/lines(of:)`` reads.
    static func shape(of bytes: UnsafeBufferPointer<UInt8>, lines: LineTable) -> QuickShape? {
        var rows = KnownRows()
        return shape(of: bytes, lines: lines, rows: &rows)
    }

    /// ``shape(of:lines:)``; when it is `netstat`, `rows` holds every line read.
    static func shape(of bytes: UnsafeBufferPointer<UInt8>, lines: LineTable, rows: inout KnownRows) -> QuickShape? {
        var shape: QuickShape?
        var positive = false
        var seen = 0
        var index = 0
        let window = min(FormatRecognizer.scanLimit, lines.count)
        while index < window, seen < FormatRecognizer.scanBytes {
            let range = lines[index]
            seen += range.count
            let line = UnsafeBufferPointer(rebasing: bytes[range])
            index += 1
            guard !ByteLine.isBlank(line) else { continue }
            guard let kind = kind(of: line, index: index - 1, window: window, rows: &rows) else { return nil }
            if let shape, shape != kind.shape { return nil }
            shape = kind.shape
            positive = positive || kind.counts
        }
        guard positive else { return nil }
        if shape == .windowsNetstat { rows.end(lines: index) }
        return shape
    }

    /// A quick line's shape, and whether its format's recogniser counts it. A row is recorded
    /// in `rows` at `index` (of a text whose first `window` lines are read).
    static func kind(
        of line: UnsafeBufferPointer<UInt8>, index: Int, window: Int, rows: inout KnownRows
    ) -> (shape: QuickShape, counts: Bool)? {
        guard ByteLine.isPrintableASCII(line) else { return nil }
        var cursor = 0
        guard let first = ByteLine.nextToken(line, &cursor) else { return nil }
        if line[first.lowerBound] == UInt8(ascii: "\"") {
            guard first.lowerBound == 0 else { return nil }
            return isTasklistRow(line).map { (.tasklistCSV, $0) }
        }
        // A title or header alone is decided by the string path.
        return netstatLine(line, index: index, window: window, rows: &rows).map { (.windowsNetstat, $0 == .row) }
    }

    /// A line of the quick `netstat` shape.
    enum NetstatLine {
        case title, header, row
    }

    /// The English title, the English header (with or without `PID`), or a row of TCP or UDP
    /// with two `host:port` endpoints, an English state word (TCP) and an optional PID that
    /// ``NetstatRowSpan`` reads (recorded in `rows` at `index`); nil for any other line. The
    /// tokens are read one by one, at most one past the most a line of the shape has.
    static func netstatLine(
        _ line: UnsafeBufferPointer<UInt8>, index: Int, window: Int, rows: inout KnownRows
    ) -> NetstatLine? {
        var cursor = 0
        guard let first = ByteLine.nextToken(line, &cursor), let second = ByteLine.nextToken(line, &cursor) else { return nil }
        guard let third = ByteLine.nextToken(line, &cursor) else {
            let title = ByteLine.equals(line, first, "Active") && ByteLine.equals(line, second, "Connections")
            return title ? .title : nil
        }
        if ByteLine.equals(line, first, "Proto") { return isHeader(line, second, third, after: cursor) ? .header : nil }
        let fourth = ByteLine.nextToken(line, &cursor)
        let fifth = fourth == nil ? nil : ByteLine.nextToken(line, &cursor)
        if fifth != nil, ByteLine.nextToken(line, &cursor) != nil { return nil }
        let tcp = ByteLine.equals(line, first, "TCP")
        guard tcp || ByteLine.equals(line, first, "UDP") else { return nil }
        guard isEndpointToken(line, second), isEndpointToken(line, third) else { return nil }
        // An English state word (TCP), then a PID, and nothing else.
        var rest = fourth
        if tcp, let word = rest {
            guard NetstatStateWords.commonWord(line, word) != nil || NetstatStateWords.isEnglish(ByteLine.string(line, word))
            else { return nil }
            rest = fifth
        } else if fifth != nil {
            return nil
        }
        if let pid = rest, !ByteLine.isDigits(line, pid) { return nil }
        guard let row = NetstatRowSpan(bytes: line, first: first, local: second, remote: third, fourth: fourth, fifth: fifth)
        else { return nil }
        rows.record(row, at: index, window: window)
        return .row
    }

    /// Whether the tokens after `Proto` (`second`, `third`, then those after `cursor`) are
    /// those of the English header: six or seven words in all.
    private static func isHeader(_ line: UnsafeBufferPointer<UInt8>, _ second: Range<Int>, _ third: Range<Int>, after cursor: Int) -> Bool {
        guard ByteLine.equals(line, second, "Local"), ByteLine.equals(line, third, "Address") else { return false }
        var cursor = cursor
        var count = 3
        while let token = ByteLine.nextToken(line, &cursor) {
            guard count < 7, ByteLine.equals(line, token, headerWords[count - 3]) else { return false }
            count += 1
        }
        return count >= 6
    }

    /// The words of the English header after `Proto Local Address`.
    private static let headerWords: [StaticString] = ["Foreign", "Address", "State", "PID"]

    /// A token with a `:` and only ``isEndpointByte(_:)`` bytes.
    private static func isEndpointToken(_ line: UnsafeBufferPointer<UInt8>, _ token: Range<Int>) -> Bool {
        var colon = false
        for byte in line[token] {
            guard isEndpointByte(byte) else { return false }
            colon = colon || byte == UInt8(ascii: ":")
        }
        return colon
    }

    /// Digits, letters of hexadecimal, `.`, `:`, `[`, `]`, `%` (a zone) and `*`.
    private static func isEndpointByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
             UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "%"), UInt8(ascii: "*"):
            true
        default:
            false
        }
    }

    /// The English header of `tasklist /fo csv` (nil: not counted), or a data row of its five
    /// quoted fields (true): an image and a session name of letters, digits, blanks and
    /// `._-#()`, a PID and a session number of digits, a memory use of digits, commas and ` K`.
    static func isTasklistRow(_ line: UnsafeBufferPointer<UInt8>) -> Bool? {
        var cursor = 0
        var count = 0
        while let token = ByteLine.nextToken(line, &cursor) {
            count += 1
            guard count <= 8 else { return nil }
            if ByteLine.firstIndex(of: UInt8(ascii: "\""), in: line, token) == nil {
                guard isCapitalisedWord(line[token]) else { return nil }
            }
        }
        if ByteLine.equals(line, 0..<line.count, "\"Image Name\",\"PID\",\"Session Name\",\"Session#\",\"Mem Usage\"") {
            return false
        }
        guard line.count >= 2, line[line.count - 1] == UInt8(ascii: "\"") else { return nil }
        let inner = UnsafeBufferPointer(rebasing: line[1..<(line.count - 1)])
        guard let fields = FiveFields(inner) else { return nil }
        guard isName(inner, fields.image), isName(inner, fields.sessionName) else { return nil }
        guard ByteLine.isDigits(inner, fields.pid), fields.pid.count <= 10, ByteLine.isDigits(inner, fields.session) else { return nil }
        let memory = fields.memory
        guard memory.count >= 3, ByteLine.equals(inner, (memory.upperBound - 2)..<memory.upperBound, " K"),
              inner[memory.lowerBound..<(memory.upperBound - 2)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == UInt8(ascii: ",") })
        else { return nil }
        return true
    }

    /// The five fields of a `tasklist` CSV row between its outer quotes, split at each `","`.
    private struct FiveFields {
        var image: Range<Int>
        var pid: Range<Int>
        var sessionName: Range<Int>
        var session: Range<Int>
        var memory: Range<Int>

        /// Nil unless `inner` has exactly five fields.
        init?(_ inner: UnsafeBufferPointer<UInt8>) {
            var start = 0
            var index = 0
            var cuts = 0
            image = 0..<0
            pid = 0..<0
            sessionName = 0..<0
            session = 0..<0
            while index + 2 < inner.count {
                if inner[index] == UInt8(ascii: "\""), inner[index + 1] == UInt8(ascii: ","), inner[index + 2] == UInt8(ascii: "\"") {
                    switch cuts {
                    case 0: image = start..<index
                    case 1: pid = start..<index
                    case 2: sessionName = start..<index
                    case 3: session = start..<index
                    default: return nil
                    }
                    cuts += 1
                    index += 3
                    start = index
                } else {
                    index += 1
                }
            }
            guard cuts == 4 else { return nil }
            memory = start..<inner.count
        }
    }

    /// A non-empty field of ``isNameByte(_:)`` bytes that is no PowerShell property name.
    private static func isName(_ inner: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Bool {
        !field.isEmpty && inner[field].allSatisfy(isNameByte) && !isPropertyName(inner, field)
    }

    /// `Idle`, `Process`: an ASCII capital then lower-case letters (no other format's keyword).
    private static func isCapitalisedWord(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let first = bytes.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "#"), UInt8(ascii: "("),
             UInt8(ascii: ")"):
            true
        default:
            false
        }
    }

    /// Whether the field names a property some PowerShell export's recogniser looks for (any
    /// ASCII case; every property name is ASCII).
    private static func isPropertyName(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Bool {
        // A field with a byte no property name has (a dot, a digit, a blank) is none of them.
        for index in field where !propertyNameBytes[Int(bytes[index])] { return false }
        return propertyNameUTF8.contains { name in
            name.count == field.count && zip(name, bytes[field]).allSatisfy { $0 == asciiLowercased($1) }
        }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte
    }

    /// ``propertyNames`` as bytes.
    static let propertyNameUTF8: [[UInt8]] = propertyNames.map { Array($0.utf8) }

    /// The bytes of ``propertyNames``, in either ASCII case: a table of 256.
    static let propertyNameBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for name in propertyNames {
            for byte in name.utf8 {
                table[Int(byte)] = true
                if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { table[Int(byte - 0x20)] = true }
            }
        }
        return table
    }()

    /// The property names of the PowerShell exports' recognisers, lower-cased.
    static let propertyNames: Set<String> = Set(
        (Win32ProcessCSVParser.properties + AuthenticodeCSVParser.properties + ["LocalAddress", "ProcessName", "OwningProcess"])
            .map { $0.lowercased() })
}

/// A shape of capture that ``QuickRecognition`` reads from bytes.
package enum QuickShape: Sendable, Hashable {
    /// English Windows `netstat -an` or `-ano`: its title, header and rows.
    case windowsNetstat
    /// English `tasklist /fo csv`: its header and rows of five fields.
    case tasklistCSV
}
