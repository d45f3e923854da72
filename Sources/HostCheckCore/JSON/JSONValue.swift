/// A parsed JSON value with the position it started at.
public struct JSONNode: Sendable, Hashable {
    public var value: JSONValue
    /// 1-based line of the value's first byte.
    public var line: Int
    /// 1-based column (in bytes) of the value's first byte.
    public var column: Int

    public init(_ value: JSONValue, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }
}

/// A JSON value as parsed by ``JSONParser``.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, kept as its literal text (validated against the JSON grammar).
    case number(String)
    case string(String)
    case array([JSONNode])
    case object(JSONObject)

    /// The JSON type name, for messages (`string`, `object`, …).
    public var typeName: String {
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
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONNode

    public init(key: String, value: JSONNode) {
        self.key = key
        self.value = value
    }
}

/// A JSON object: its members in document order, with lookup by key (keys are unique).
public struct JSONObject: Sendable, Hashable {
    public private(set) var members: [JSONMember] = []
    private var index: [String: Int] = [:]

    public init() {}

    /// Adds a member; returns false (and adds nothing) when the key is already present.
    @discardableResult
    public mutating func add(_ key: String, _ value: JSONNode) -> Bool {
        guard index[key] == nil else { return false }
        index[key] = members.count
        members.append(JSONMember(key: key, value: value))
        return true
    }

    /// The value of `key`, if present.
    public subscript(key: String) -> JSONNode? {
        index[key].map { members[$0].value }
    }
}
