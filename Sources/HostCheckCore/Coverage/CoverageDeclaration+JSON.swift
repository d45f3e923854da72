extension CoverageDeclaration {
    /// Keys of a snapshot's `host.coverage` that state no dimension; accepted and ignored so that
    /// a snapshot's coverage object can be copied into a `host.json`.
    package static let ignoredJSONKeys: Set<String> = ["assumed", "full_capture"]

    /// Reads a `coverage` object (a bundle's `host.json`): the shape of a snapshot's
    /// `host.coverage`, every key optional. Levels are `"full"`, `"partial"` or `"none"`;
    /// `states` is `"all"` or `"listening"`; `ports` is `"all"` or an array of port numbers;
    /// `users` is `"all"` or an array of user names; `netns` is `"all"` or `"host-only"`.
    /// - Throws: ``JSONReadError`` (`invalidDocument`) located at the offending value, for a
    ///   value that is not an object, an unknown key or a value its key does not take.
    package init(json node: JSONNode, file: String) throws(JSONReadError) {
        self.init()
        func error(_ message: String, at node: JSONNode) -> JSONReadError {
            JSONReadError(.invalidDocument, message, at: SourceLocation(file: file, line: node.line, column: node.column))
        }
        guard case .object(let object) = node.value else {
            throw error("'coverage' must be an object, found \(node.value.typeName)", at: node)
        }
        for member in object.members {
            let value = member.value
            guard let key = CoverageKey(rawValue: member.key) else {
                if Self.ignoredJSONKeys.contains(member.key) { continue }
                let keys = CoverageKey.allCases.map(\.rawValue).joined(separator: ", ")
                throw error("unknown coverage key '\(member.key.prefix(40))' (expected one of \(keys))", at: value)
            }
            switch (key, value.value) {
            case (.ports, .array(let items)):
                var ports: [Int] = []
                for item in items {
                    guard case .number(let literal) = item.value, let port = Self.port(literal) else {
                        throw error("coverage 'ports' lists port numbers 1-65535", at: item)
                    }
                    ports.append(port)
                }
                self.ports = .some(Array(Set(ports)).sorted())
            case (.users, .array(let items)):
                var users: [String] = []
                for item in items {
                    guard case .string(let name) = item.value, !name.isEmpty else {
                        throw error("coverage 'users' lists user names (non-empty strings)", at: item)
                    }
                    users.append(name)
                }
                self.users = .some(Array(Set(users)).sorted())
            case (.ports, .string(let text)) where text != "all", (.users, .string(let text)) where text != "all":
                throw error("coverage '\(key.rawValue)' takes \(key.jsonExpected), not '\(text.prefix(40))'", at: value)
            case (_, .string(let text)):
                do {
                    try set(key, text: text)
                } catch let failure {
                    throw error(failure.message, at: value)
                }
            default:
                throw error("coverage '\(key.rawValue)' takes \(key.jsonExpected), found \(value.value.typeName)", at: value)
            }
        }
    }
}

extension CoverageKey {
    /// The JSON values the key takes, for messages.
    package var jsonExpected: String {
        switch self {
        case .ports: "\"all\" or an array of port numbers"
        case .users: "\"all\" or an array of user names"
        default: "a string: " + expected
        }
    }
}
