/// Parses untrusted JSON bytes into a located ``JSONNode`` tree (RFC 8259).
///
/// Never crashes: size and nesting depth are capped, every error is a ``JSONReadError`` with
/// `file:line:column` (1-based, column in bytes). A UTF-8 byte order mark is skipped. Strings must
/// be valid UTF-8; an unpaired surrogate escape (`\ud800`) becomes U+FFFD. Duplicate keys in an
/// object are an error, at the duplicate.
package struct JSONParser: Sendable {
    /// Caps on what a document may contain.
    package struct Limits: Sendable, Hashable {
        /// The largest document accepted, in bytes.
        package var maxBytes: Int
        /// The deepest nesting of arrays and objects accepted.
        package var maxDepth: Int

        package init(maxBytes: Int = 256 * 1024 * 1024, maxDepth: Int = 64) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
        }
    }

    package var limits: Limits

    package init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Parses one JSON document.
    /// - Parameters:
    ///   - bytes: the document, UTF-8.
    ///   - file: the file name used in error locations.
    /// - Throws: ``JSONReadError`` of kind `syntax` or `limitExceeded`.
    package func parse(_ bytes: [UInt8], file: String) throws(JSONReadError) -> JSONNode {
        guard bytes.count <= limits.maxBytes else {
            throw JSONReadError(
                .limitExceeded, "document is larger than the limit of \(limits.maxBytes) bytes",
                at: SourceLocation(file: file, line: 1, column: 1))
        }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(JSONReadError) -> JSONNode in
            var cursor = JSONCursor(bytes: buffer, file: file, maxDepth: limits.maxDepth)
            return try cursor.document()
        }
    }
}

/// The parsing state over one buffer.
private struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let maxDepth: Int
    var offset = 0
    var line = 1
    var lineStart = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, maxDepth: Int) {
        self.bytes = bytes
        self.file = file
        self.maxDepth = maxDepth
    }

    var column: Int { offset - lineStart + 1 }

    func error(_ message: String, line: Int? = nil, column: Int? = nil) -> JSONReadError {
        JSONReadError(.syntax, message, at: SourceLocation(file: file, line: line ?? self.line, column: column ?? self.column))
    }

    mutating func document() throws(JSONReadError) -> JSONNode {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            offset = 3
            lineStart = 3
        }
        skipWhitespace()
        let node = try value()
        skipWhitespace()
        guard offset == bytes.count else { throw error("unexpected \(describeCurrent()) after the document") }
        return node
    }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                offset += 1
            case UInt8(ascii: "\n"):
                offset += 1
                line += 1
                lineStart = offset
            default:
                return
            }
        }
    }

    /// A short, safe description of the byte at the cursor, for messages.
    func describeCurrent() -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte >= 0x21, byte < 0x7F { return "character '\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16)
    }

    mutating func value() throws(JSONReadError) -> JSONNode {
        let startLine = line
        let startColumn = column
        guard offset < bytes.count else { throw error("unexpected end of input, expected a value") }
        let value: JSONValue
        switch bytes[offset] {
        case UInt8(ascii: "{"): value = try object()
        case UInt8(ascii: "["): value = try array()
        case UInt8(ascii: "\""): value = .string(try string())
        case UInt8(ascii: "t"): try literal("true"); value = .bool(true)
        case UInt8(ascii: "f"): try literal("false"); value = .bool(false)
        case UInt8(ascii: "n"): try literal("null"); value = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try number())
        default: throw error("unexpected \(describeCurrent()), expected a value")
        }
        return JSONNode(value, line: startLine, column: startColumn)
    }

    mutating func enter() throws(JSONReadError) {
        depth += 1
        guard depth <= maxDepth else {
            throw JSONReadError(
                .limitExceeded, "nesting deeper than the limit of \(maxDepth)",
                at: SourceLocation(file: file, line: line, column: column))
        }
    }

    mutating func object() throws(JSONReadError) -> JSONValue {
        try enter()
        offset += 1
        var result = JSONObject()
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return .object(result)
        }
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeCurrent()), expected a string key")
            }
            let keyLine = line
            let keyColumn = column
            let key = try string()
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeCurrent()), expected ':' after a key")
            }
            offset += 1
            skipWhitespace()
            let member = try value()
            guard result.add(key, member) else {
                throw error("duplicate key '\(Self.shortened(key))'", line: keyLine, column: keyColumn)
            }
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of input, expected ',' or '}'") }
            if bytes[offset] == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            guard bytes[offset] == UInt8(ascii: "}") else {
                throw error("unexpected \(describeCurrent()), expected ',' or '}'")
            }
            offset += 1
            depth -= 1
            return .object(result)
        }
    }

    mutating func array() throws(JSONReadError) -> JSONValue {
        try enter()
        offset += 1
        var result: [JSONNode] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return .array(result)
        }
        while true {
            skipWhitespace()
            result.append(try value())
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of input, expected ',' or ']'") }
            if bytes[offset] == UInt8(ascii: ",") {
                offset += 1
                continue
            }
            guard bytes[offset] == UInt8(ascii: "]") else {
                throw error("unexpected \(describeCurrent()), expected ',' or ']'")
            }
            offset += 1
            depth -= 1
            return .array(result)
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONReadError) {
        let count = word.utf8CodeUnitCount
        let start = word.utf8Start
        guard offset + count <= bytes.count else { throw error("invalid literal, expected '\(word)'") }
        for index in 0..<count where bytes[offset + index] != start[index] {
            throw error("invalid literal, expected '\(word)'")
        }
        offset += count
    }

    /// Reads a number per the JSON grammar; returns its text.
    mutating func number() throws(JSONReadError) -> String {
        let start = offset
        func digits(_ cursor: inout JSONCursor) -> Int {
            var count = 0
            while cursor.offset < cursor.bytes.count, cursor.bytes[cursor.offset] >= UInt8(ascii: "0"),
                  cursor.bytes[cursor.offset] <= UInt8(ascii: "9") {
                cursor.offset += 1
                count += 1
            }
            return count
        }
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count else { throw error("invalid number, expected a digit") }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
        } else if digits(&self) == 0 {
            throw error("invalid number, expected a digit")
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits(&self) > 0 else { throw error("invalid number, expected a digit after '.'") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            guard digits(&self) > 0 else { throw error("invalid number, expected a digit in the exponent") }
        }
        guard offset - start <= 400 else {
            throw error("number longer than 400 characters", column: start - lineStart + 1)
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    /// Reads a string starting at its opening quote.
    mutating func string() throws(JSONReadError) -> String {
        let startColumn = column
        offset += 1
        let contentStart = offset
        var scratch: [UInt8]?
        var runStart = offset
        while true {
            guard offset < bytes.count else {
                throw error("unterminated string", column: startColumn)
            }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text: String?
                if var buffer = scratch {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<offset]))
                    text = String(validating: buffer, as: UTF8.self)
                } else {
                    text = String(validating: UnsafeBufferPointer(rebasing: bytes[contentStart..<offset]), as: UTF8.self)
                }
                guard let text else { throw error("invalid utf-8 in string", column: startColumn) }
                offset += 1
                return text
            }
            if byte < 0x20 {
                throw error("control character 0x\(String(byte, radix: 16)) in string, expected an escape")
            }
            if byte != UInt8(ascii: "\\") {
                offset += 1
                continue
            }
            var buffer = scratch ?? []
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<offset]))
            offset += 1
            guard offset < bytes.count else { throw error("unterminated string", column: startColumn) }
            let escape = bytes[offset]
            offset += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try unicodeEscape()
                buffer.append(contentsOf: String(Character(scalar)).utf8)
            default:
                offset -= 1
                if escape >= 0x21, escape < 0x7F {
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
                }
                throw error("invalid escape, found \(describeCurrent())")
            }
            scratch = buffer
            runStart = offset
        }
    }

    /// Reads the hex digits after `\u` (and a following low surrogate escape when needed).
    mutating func unicodeEscape() throws(JSONReadError) -> Unicode.Scalar {
        let first = try hex4()
        let replacement: Unicode.Scalar = "\u{FFFD}"
        if first >= 0xD800, first < 0xDC00 {
            let save = offset
            if offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
                offset += 2
                let second = try hex4()
                if second >= 0xDC00, second < 0xE000 {
                    let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    return Unicode.Scalar(value) ?? replacement
                }
                offset = save
            }
            return replacement
        }
        return Unicode.Scalar(first) ?? replacement
    }

    mutating func hex4() throws(JSONReadError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard offset < bytes.count else { throw error("unterminated unicode escape") }
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid unicode escape, expected a hex digit")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    static func shortened(_ text: String) -> String {
        let clipped = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return TerminalText.neutralised(clipped)
    }
}
