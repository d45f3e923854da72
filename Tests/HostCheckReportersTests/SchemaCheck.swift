import HostCheckCore

/// Checks a parsed document against the schemas of `docs/schema` without Python, for the part of
/// JSON Schema 2020-12 they use: `$ref` (within a file and to a sibling file, with a JSON
/// pointer), `oneOf`, `type`, `const`, `enum`, `properties`, `required`, `additionalProperties`,
/// `items`, `maxItems`, `uniqueItems`, `minimum` and `maximum`. `pattern` is not checked here
/// (`scripts/validate-json.py` checks everything, in CI).
struct SchemaCheck {
    private let files: [String: JSONNode]

    /// Loads the named schemas of `docs/schema` (those that `$ref`s reach must be among them).
    init(_ names: [String]) throws {
        var files: [String: JSONNode] = [:]
        for name in names { files[name] = try ResultsSchemaTests.schema(name) }
        self.files = files
    }

    /// Every problem of `value` against the schema `reference` names (`results-3.json#/$defs/result`),
    /// as `$.path: what`; empty when it is valid.
    func problems(_ value: JSONNode, against reference: String) -> [String] {
        guard let (schema, file) = resolve(reference, from: "") else { return ["$: \(reference) does not resolve"] }
        return check(value, schema, file: file, path: "$")
    }

    private func resolve(_ reference: String, from file: String) -> (JSONNode, String)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let target = parts[0].isEmpty ? file : String(parts[0])
        guard var node = files[target] else { return nil }
        let pointer = parts.count > 1 ? parts[1] : ""
        for step in pointer.split(separator: "/") {
            guard let next = node[String(step)] else { return nil }
            node = next
        }
        return (node, target)
    }

    private func check(_ value: JSONNode, _ schema: JSONNode, file: String, path: String) -> [String] {
        if let reference = schema["$ref"]?.string {
            guard let (target, targetFile) = resolve(reference, from: file) else { return ["\(path): \(reference) does not resolve"] }
            return check(value, target, file: targetFile, path: path)
        }
        if let choices = schema["oneOf"]?.items {
            let matching = choices.filter { check(value, $0, file: file, path: path).isEmpty }.count
            return matching == 1 ? [] : ["\(path): matches \(matching) of the oneOf choices, not one"]
        }
        var problems: [String] = []
        if let types = schema["type"], !Self.types(types).contains(where: { Self.has(value, type: $0) }) {
            return ["\(path): \(value.value.typeName) is not \(Self.types(types).joined(separator: " or "))"]
        }
        if let constant = schema["const"], !Self.same(constant, value) { problems.append("\(path): not the constant") }
        if let allowed = schema["enum"]?.items, !allowed.contains(where: { Self.same($0, value) }) {
            problems.append("\(path): not one of the enum's values")
        }
        if case .number(let text) = value.value, let number = Double(text) {
            if let minimum = schema["minimum"]?.double, number < minimum { problems.append("\(path): below \(minimum)") }
            if let maximum = schema["maximum"]?.double, number > maximum { problems.append("\(path): above \(maximum)") }
        }
        if case .object(let object) = value.value {
            problems += checkObject(object, schema, file: file, path: path)
        }
        if case .array(let items) = value.value {
            if let most = schema["maxItems"]?.int, items.count > most { problems.append("\(path): more than \(most) items") }
            if schema["uniqueItems"]?.value == .bool(true), Set(items.map(\.value)).count != items.count {
                problems.append("\(path): items repeat")
            }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() { problems += check(item, itemSchema, file: file, path: "\(path)[\(index)]") }
            }
        }
        return problems
    }

    private func checkObject(_ object: JSONObject, _ schema: JSONNode, file: String, path: String) -> [String] {
        var problems: [String] = []
        let properties = schema["properties"]
        for required in schema["required"]?.items.compactMap(\.string) ?? [] where object[required] == nil {
            problems.append("\(path): lacks the required \(required)")
        }
        for member in object.members {
            let memberPath = "\(path).\(member.key)"
            if let property = properties?[member.key] {
                problems += check(member.value, property, file: file, path: memberPath)
            } else if let additional = schema["additionalProperties"] {
                if additional.value == .bool(false) {
                    problems.append("\(memberPath): not allowed")
                } else if case .object = additional.value {
                    problems += check(member.value, additional, file: file, path: memberPath)
                }
            }
        }
        return problems
    }

    private static func types(_ node: JSONNode) -> [String] {
        if let single = node.string { return [single] }
        return node.items.compactMap(\.string)
    }

    private static func has(_ value: JSONNode, type: String) -> Bool {
        switch (value.value, type) {
        case (.null, "null"), (.bool, "boolean"), (.string, "string"), (.array, "array"), (.object, "object"), (.number, "number"):
            true
        case (.number(let text), "integer"):
            !text.contains(".") && !text.contains("e") && !text.contains("E")
        default:
            false
        }
    }

    /// Equal JSON values, wherever they are in their documents.
    private static func same(_ left: JSONNode, _ right: JSONNode) -> Bool {
        switch (left.value, right.value) {
        case (.number(let a), .number(let b)): Double(a) == Double(b)
        case (.array(let a), .array(let b)): a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        default: left.value == right.value
        }
    }
}

extension JSONNode {
    /// The number, as a `Double`.
    var double: Double? {
        guard case .number(let text) = value else { return nil }
        return Double(text)
    }
}
