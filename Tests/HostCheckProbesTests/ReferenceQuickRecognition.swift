@testable import HostCheckProbes

/// ``QuickRecognition`` as it was before it kept the row spans it reads (c4eedf7): the oracle
/// that `QuickRecognitionReferenceTests` holds the byte path to, line by line, so that the
/// quick path accepts and refuses exactly what it did.
enum ReferenceQuickRecognition {
    /// The one shape of every non-blank line in the window ``FormatRecognizer/lines(of:)`` reads.
    static func shape(of bytes: UnsafeBufferPointer<UInt8>, lines: LineTable) -> QuickShape? {
        var shape: QuickShape?
        var positive = false
        var seen = 0
        var index = 0
        var tokens: [Range<Int>] = []
        tokens.reserveCapacity(8)
        while index < min(FormatRecognizer.scanLimit, lines.count), seen < FormatRecognizer.scanBytes {
            let range = lines[index]
            seen += range.count
            index += 1
            let line = UnsafeBufferPointer(rebasing: bytes[range])
            guard !ByteLine.isBlank(line) else { continue }
            guard let kind = kind(of: line, tokens: &tokens) else { return nil }
            if let shape, shape != kind.shape { return nil }
            shape = kind.shape
            positive = positive || kind.counts
        }
        return positive ? shape : nil
    }

    /// A quick line's shape, and whether its format's recogniser counts it.
    static func kind(of line: UnsafeBufferPointer<UInt8>, tokens: inout [Range<Int>]) -> (shape: QuickShape, counts: Bool)? {
        for byte in line where byte < 0x20 && byte != 0x09 || byte >= 0x7F { return nil }
        ByteLine.tokens(line, into: &tokens)
        guard let first = tokens.first else { return nil }
        if line[first.lowerBound] == UInt8(ascii: "\"") {
            guard first.lowerBound == 0 else { return nil }
            return isTasklistRow(line, tokens: tokens).map { (.tasklistCSV, $0) }
        }
        guard isNetstatLine(line, tokens: tokens) else { return nil }
        // A title or header alone is decided by the string path.
        return (.windowsNetstat, tokens.count != 2 && !ByteLine.equals(line, first, "Proto"))
    }

    /// The English title, the English header (with or without `PID`), or a row of TCP or UDP
    /// with two `host:port` endpoints, an English state word (TCP) and an optional PID that
    /// ``NetstatRow`` reads.
    static func isNetstatLine(_ line: UnsafeBufferPointer<UInt8>, tokens: [Range<Int>]) -> Bool {
        if tokens.count == 2 { return ByteLine.equals(line, tokens[0], "Active") && ByteLine.equals(line, tokens[1], "Connections") }
        if tokens.count == 6 || tokens.count == 7, ByteLine.equals(line, tokens[0], "Proto") {
            let words: [StaticString] = ["Proto", "Local", "Address", "Foreign", "Address", "State", "PID"]
            return zip(tokens, words).allSatisfy { ByteLine.equals(line, $0, $1) }
        }
        guard (3...5).contains(tokens.count) else { return false }
        let tcp = ByteLine.equals(line, tokens[0], "TCP")
        guard tcp || ByteLine.equals(line, tokens[0], "UDP") else { return false }
        for token in tokens[1...2] {
            guard ByteLine.firstIndex(of: UInt8(ascii: ":"), in: line, token) != nil else { return false }
            for byte in line[token] where !isEndpointByte(byte) { return false }
        }
        var next = 3
        if tcp, next < tokens.count {
            let word = tokens[next]
            guard NetstatStateWords.commonWord(line, word) != nil || NetstatStateWords.isEnglish(ByteLine.string(line, word))
            else { return false }
            next += 1
        }
        if next < tokens.count {
            guard ByteLine.isDigits(line, tokens[next]) else { return false }
            next += 1
        }
        // What `NetstatRow(bytes:)` reads, without making its strings (it fails only here).
        var scratch: [Range<Int>] = []
        return next == tokens.count && NetstatRowSpan(bytes: line, tokens: &scratch) != nil
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
    static func isTasklistRow(_ line: UnsafeBufferPointer<UInt8>, tokens: [Range<Int>]) -> Bool? {
        guard tokens.count <= 8 else { return nil }
        for token in tokens where ByteLine.firstIndex(of: UInt8(ascii: "\""), in: line, token) == nil {
            guard isCapitalisedWord(line[token]) else { return nil }
        }
        if ByteLine.equals(line, 0..<line.count, "\"Image Name\",\"PID\",\"Session Name\",\"Session#\",\"Mem Usage\"") {
            return false
        }
        guard line.count >= 2, line[line.count - 1] == UInt8(ascii: "\"") else { return nil }
        let inner = UnsafeBufferPointer(rebasing: line[1..<(line.count - 1)])
        var fields: [Range<Int>] = []
        var start = 0
        var index = 0
        while index + 2 < inner.count {
            if inner[index] == UInt8(ascii: "\""), inner[index + 1] == UInt8(ascii: ","), inner[index + 2] == UInt8(ascii: "\"") {
                fields.append(start..<index)
                index += 3
                start = index
            } else {
                index += 1
            }
        }
        fields.append(start..<inner.count)
        guard fields.count == 5 else { return nil }
        for field in [fields[0], fields[2]] {
            guard !field.isEmpty, inner[field].allSatisfy(isNameByte), !isPropertyName(inner, field) else { return nil }
        }
        guard ByteLine.isDigits(inner, fields[1]), fields[1].count <= 10, ByteLine.isDigits(inner, fields[3]) else { return nil }
        let memory = fields[4]
        guard memory.count >= 3, ByteLine.equals(inner, (memory.upperBound - 2)..<memory.upperBound, " K"),
              inner[memory.lowerBound..<(memory.upperBound - 2)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == UInt8(ascii: ",") })
        else { return nil }
        return true
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

    /// Whether the field names a property some PowerShell export's recogniser looks for (any case).
    private static func isPropertyName(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Bool {
        // A field with a byte no property name has (a dot, a digit, a blank) is none of them;
        // only the others are made a string and looked up.
        for index in field where !propertyNameBytes[Int(bytes[index])] { return false }
        let name = ByteLine.string(bytes, field).lowercased()
        return propertyNames.contains(name)
    }

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
