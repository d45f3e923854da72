/// A parsed JSON value with the position it started at.
package struct JSONNode: Sendable, Hashable {
    package var value: JSONValue
    /// 1-based line of the value's first byte.
    package var line: Int
    /// 1-based column (in bytes) of the value's first byte.
    package var column: Int

    package init(_ value: JSONValue, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }
}

/// A JSON value as parsed by ``JSONParser``.
package enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, kept as its literal text (validated against the JSON grammar).
    case number(String)
    case string(String)
    case array([JSONNode])
    case object(JSONObject)

    /// The JSON type name, for messages (`string`, `object`, …).
    package var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// One `"key": value` member of an object.
package struct JSONMember: Sendable, Hashable {
    package var key: String
    package var value: JSONNode

    package init(key: String, value: JSONNode) {
        self.key = key
        self.value = value
    }
}

/// A JSON object: its members in document order, with lookup by key (keys are unique).
///
/// Small objects (the common case: a socket has 17 members) are searched linearly; a key index
/// is built once an object grows past ``JSONObject/indexThreshold`` members.
package struct JSONObject: Sendable, Hashable {
    package private(set) var members: [JSONMember] = []
    private var index: [String: Int]?

    /// Above this many members, lookups go through a dictionary.
    static let indexThreshold = 24

    package init() {}

    /// Adds a member; returns false (and adds nothing) when the key is already present.
    @discardableResult
    package mutating func add(_ key: String, _ value: JSONNode) -> Bool {
        guard position(of: key) == nil else { return false }
        members.append(JSONMember(key: key, value: value))
        if index != nil {
            index?[key] = members.count - 1
        } else if members.count > Self.indexThreshold {
            var built: [String: Int] = [:]
            built.reserveCapacity(members.count * 2)
            for (offset, member) in members.enumerated() { built[member.key] = offset }
            index = built
        }
        return true
    }

    /// The value of `key`, if present.
    package subscript(key: String) -> JSONNode? {
        position(of: key).map { members[$0].value }
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.members == rhs.members }

    package func hash(into hasher: inout Hasher) { hasher.combine(members) }
}
