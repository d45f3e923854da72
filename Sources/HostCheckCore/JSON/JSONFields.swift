/// Typed, located access to the members of one JSON object, for readers of hostcheck documents.
///
/// A missing required key is an error at the object; a value of the wrong type is an error at
/// the value. Optional accessors accept a missing key or `null` as nil. Unknown keys are ignored.
package struct JSONFields: Sendable {
    package let node: JSONNode
    package let object: JSONObject
    /// The file name used in error locations.
    package let file: String
    /// What the object is, for messages (`host`, `socket`).
    package let what: String

    /// Wraps `node`, which must be an object.
    /// - Throws: ``JSONReadError`` of kind `invalidDocument` when `node` is not an object.
    package init(_ node: JSONNode, file: String, what: String) throws(JSONReadError) {
        guard case .object(let object) = node.value else {
            throw JSONReadError(
                .invalidDocument, "expected an object for \(what), found \(node.value.typeName)",
                at: SourceLocation(file: file, line: node.line, column: node.column))
        }
        self.node = node
        self.object = object
        self.file = file
        self.what = what
    }

    /// The location of `node`.
    package func location(of node: JSONNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }

    /// An `invalidDocument` error at `node`.
    package func error(_ message: String, at node: JSONNode) -> JSONReadError {
        JSONReadError(.invalidDocument, message, at: location(of: node))
    }

    /// The value of a required key.
    package func required(_ key: String) throws(JSONReadError) -> JSONNode {
        guard let value = object[key] else { throw error("missing key '\(key)' in \(what)", at: node) }
        return value
    }

    /// The value of a key, nil when it is missing or `null`.
    package func optional(_ key: String) -> JSONNode? {
        guard let value = object[key], value.value != .null else { return nil }
        return value
    }

    private func typeError(_ key: String, expected: String, found value: JSONNode) -> JSONReadError {
        error("expected \(expected) for '\(key)' in \(what), found \(value.value.typeName)", at: value)
    }

    /// A required, non-null string.
    package func string(_ key: String) throws(JSONReadError) -> String {
        let value = try required(key)
        guard case .string(let text) = value.value else { throw typeError(key, expected: "a string", found: value) }
        return text
    }

    /// A string, nil when missing or `null`.
    package func optionalString(_ key: String) throws(JSONReadError) -> String? {
        guard let value = optional(key) else { return nil }
        guard case .string(let text) = value.value else { throw typeError(key, expected: "a string or null", found: value) }
        return text
    }

    /// A required string that must be one of `T`'s values: the enums of a document version are
    /// closed, so a value this build does not know (`LISTEN`, `TCP`, `ERROR`) is an error at the
    /// value, never read as something else.
    package func word<T: RawRepresentable<String> & CaseIterable>(_ key: String, _ type: T.Type) throws(JSONReadError) -> T {
        let value = try required(key)
        guard case .string(let text) = value.value else { throw typeError(key, expected: "a string", found: value) }
        guard let word = T(rawValue: text) else {
            let known = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw error("unknown \(key) \(Self.quoted(text)) in \(what); expected one of \(known)", at: value)
        }
        return word
    }

    /// `text` in single quotes for a message: at most 20 characters, control characters neutralised.
    package static func quoted(_ text: String) -> String {
        let clipped = text.count > 20 ? String(text.prefix(20)) + "…" : text
        return "'" + TerminalText.neutralised(clipped) + "'"
    }

    /// A required, non-null boolean.
    package func bool(_ key: String) throws(JSONReadError) -> Bool {
        let value = try required(key)
        guard case .bool(let flag) = value.value else { throw typeError(key, expected: "a boolean", found: value) }
        return flag
    }

    /// A boolean, nil when missing or `null`.
    package func optionalBool(_ key: String) throws(JSONReadError) -> Bool? {
        guard let value = optional(key) else { return nil }
        guard case .bool(let flag) = value.value else { throw typeError(key, expected: "a boolean or null", found: value) }
        return flag
    }

    /// A required integer within `range`.
    package func int(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(JSONReadError) -> Int {
        try Self.integer(try required(key), key: key, in: range, fields: self)
    }

    /// An integer within `range`, nil when missing or `null`.
    package func optionalInt(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(JSONReadError) -> Int? {
        guard let value = optional(key) else { return nil }
        return try Self.integer(value, key: key, in: range, fields: self)
    }

    /// An unsigned 64-bit integer, nil when missing or `null`.
    package func optionalUInt64(_ key: String) throws(JSONReadError) -> UInt64? {
        guard let value = optional(key) else { return nil }
        guard case .number(let text) = value.value, let number = UInt64(text) else {
            throw typeError(key, expected: "an unsigned integer", found: value)
        }
        return number
    }

    /// A required array.
    package func array(_ key: String) throws(JSONReadError) -> [JSONNode] {
        let value = try required(key)
        guard case .array(let items) = value.value else { throw typeError(key, expected: "an array", found: value) }
        return items
    }

    /// An array, empty when missing or `null`.
    package func optionalArray(_ key: String) throws(JSONReadError) -> [JSONNode] {
        guard let value = optional(key) else { return [] }
        guard case .array(let items) = value.value else { throw typeError(key, expected: "an array", found: value) }
        return items
    }

    /// A required array of strings.
    package func strings(_ key: String, required isRequired: Bool = true) throws(JSONReadError) -> [String] {
        let items = isRequired ? try array(key) : try optionalArray(key)
        var result: [String] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard case .string(let text) = item.value else {
                throw error("expected strings in '\(key)' in \(what), found \(item.value.typeName)", at: item)
            }
            result.append(text)
        }
        return result
    }

    /// A required object, wrapped.
    package func fields(_ key: String, what: String? = nil) throws(JSONReadError) -> JSONFields {
        try JSONFields(try required(key), file: file, what: what ?? "'\(key)'")
    }

    /// An object, nil when missing or `null`.
    package func optionalFields(_ key: String, what: String? = nil) throws(JSONReadError) -> JSONFields? {
        guard let value = optional(key) else { return nil }
        return try JSONFields(value, file: file, what: what ?? "'\(key)'")
    }

    static func integer(_ value: JSONNode, key: String, in range: ClosedRange<Int>, fields: JSONFields) throws(JSONReadError) -> Int {
        guard case .number(let text) = value.value, let number = Int(text) else {
            throw fields.typeError(key, expected: "an integer", found: value)
        }
        guard range.contains(number) else {
            throw fields.error("'\(key)' in \(fields.what) is \(number), outside \(range.lowerBound)...\(range.upperBound)", at: value)
        }
        return number
    }
}
