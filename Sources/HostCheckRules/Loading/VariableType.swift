import HostCheckCore

/// The declared type of a pack variable: `{ type: port, default: 3691 }` or
/// `{ type: [port], default: [22, 3389] }` (a list of ports).
struct VariableType: Sendable, Hashable {
    enum Base: String, Sendable, Hashable, CaseIterable {
        case string, integer, port, boolean, address, cidr
    }

    var base: Base
    var isList: Bool

    var description: String { isList ? "a list of \(base.rawValue)s" : "a \(base.rawValue)" }

    /// Why `text` is not a value of the base type; nil when it is.
    func problem(with text: String) -> String? {
        switch base {
        case .string:
            return nil
        case .integer, .port:
            guard !text.isEmpty, text.count <= 12, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
                return "\(MessageText.quote(text)) is not \(base == .port ? "a port" : "an integer")"
            }
            return base == .port && number > 65535 ? "port \(number) is outside 0-65535" : nil
        case .boolean:
            return text == "true" || text == "false" ? nil : "\(MessageText.quote(text)) is not true or false"
        case .address:
            return IPAddress(text) == nil ? "\(MessageText.quote(text)) is not an ip address" : nil
        case .cidr:
            return CIDR(text) == nil ? "\(MessageText.quote(text)) is not a cidr" : nil
        }
    }
}

extension PackDecoder {
    static let typedVariableKeys = ["type", "default", "description"]

    /// A `vars:` entry: a scalar, a list, or a typed definition.
    mutating func decodeVariable(_ pair: YAMLPair) {
        if let text = pair.value.scalar {
            variables[pair.key] = .scalar(text)
            return
        }
        if pair.value.items != nil {
            if let list = reader.stringList(pair.value, what: "variable \(pair.key)") { variables[pair.key] = .list(list) }
            return
        }
        guard let fields = reader.mapping(pair.value, allowed: Self.typedVariableKeys, what: "a variable definition") else { return }
        guard let typeNode = fields["type"] else {
            reader.missing("type", in: "a variable definition", at: pair.value.location)
            return
        }
        var type: VariableType?
        let words = VariableType.Base.allCases.map(\.rawValue)
        if let items = typeNode.value.items, items.count == 1 {
            type = reader.word(items[0], among: words, what: "variable type").flatMap(VariableType.Base.init(rawValue:)).map { VariableType(base: $0, isList: true) }
        } else if typeNode.value.scalar != nil {
            type = reader.word(typeNode.value, among: words, what: "variable type").flatMap(VariableType.Base.init(rawValue:)).map { VariableType(base: $0, isList: false) }
        } else {
            reader.error("a variable type is a type name or a one-item list ([port])", at: typeNode.value.location)
        }
        guard let type else { return }
        variableTypes[pair.key] = (type, pair.keyLocation)
        guard let defaultNode = fields["default"] else { return }
        if type.isList {
            guard let list = reader.stringList(defaultNode.value, what: "default") else { return }
            variables[pair.key] = .list(list)
        } else if let text = reader.string(defaultNode.value, what: "default") {
            variables[pair.key] = .scalar(text)
        }
        variableOrigins[pair.key] = ("default ", defaultNode.value.location)
    }

    /// Checks every typed variable's value (after overrides) against its type.
    mutating func checkVariableTypes() {
        for (name, (type, definition)) in variableTypes.sorted(by: { $0.key < $1.key }) {
            guard let value = variables[name] else { continue }
            let origin = variableOrigins[name] ?? ("", definition)
            if case .list = value, !type.isList {
                reader.error("\(origin.label)variable '\(name)' must be \(type.description), found a list", at: origin.location ?? definition)
                invalidVariables.insert(name)
                continue
            }
            for text in value.values {
                if let problem = type.problem(with: text) {
                    reader.error("\(origin.label)variable '\(name)' must be \(type.description): \(problem)", at: origin.location ?? definition)
                    invalidVariables.insert(name)
                    break
                }
            }
        }
    }
}
