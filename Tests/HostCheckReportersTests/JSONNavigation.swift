import HostCheckCore

/// Test conveniences for walking a parsed JSON document.
extension JSONNode {
    subscript(key: String) -> JSONNode? {
        guard case .object(let object) = value else { return nil }
        return object[key]
    }

    var items: [JSONNode] {
        guard case .array(let items) = value else { return [] }
        return items
    }

    var keys: [String] {
        guard case .object(let object) = value else { return [] }
        return object.members.map(\.key)
    }

    var string: String? {
        guard case .string(let text) = value else { return nil }
        return text
    }

    var int: Int? {
        guard case .number(let text) = value else { return nil }
        return Int(text)
    }
}

func parseJSON(_ text: String) throws -> JSONNode {
    try JSONParser().parse(Array(text.utf8), file: "out.json")
}
