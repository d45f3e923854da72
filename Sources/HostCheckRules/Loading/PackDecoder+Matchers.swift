import HostCheckCore

extension PackDecoder {
    /// A matcher for `field`: a scalar, a list (any of), or a mapping with one matcher key.
    mutating func decodeMatcher(_ node: YAMLNode, field: Field, section: String, ignoreCase: Bool = false) -> Matcher? {
        switch node.content {
        case .scalar:
            return values(node).flatMap { values in
                oneOrAny(values.map { typed($0.text, field: field, at: $0.location, ignoreCase: ignoreCase, section: section) })
            }
        case .sequence(let items):
            if items.isEmpty {
                reader.error("an empty list matches nothing", at: node.location)
                return nil
            }
            return oneOrAny(items.map { decodeMatcher($0, field: field, section: section, ignoreCase: ignoreCase) })
        case .mapping:
            return decodeMatcherMapping(node, field: field, section: section)
        }
    }

    private mutating func decodeMatcherMapping(_ node: YAMLNode, field: Field, section: String) -> Matcher? {
        guard let fields = reader.mapping(node, allowed: Self.matcherKeys, what: "a matcher") else { return nil }
        let chosen = Self.matcherKeys.filter { $0 != "ignore_case" && fields[$0] != nil }
        guard chosen.count == 1, let key = chosen.first, let pair = fields[key] else {
            let message = chosen.isEmpty
                ? "a matcher needs one of equals, glob, regex, range, cidr, not"
                : "a matcher takes one of equals, glob, regex, range, cidr, not (found \(chosen.joined(separator: " and "))); use any: for alternatives"
            reader.error(message, at: node.location)
            return nil
        }
        var ignoreCase = false
        if let caseNode = fields["ignore_case"] {
            ignoreCase = reader.boolean(caseNode.value, what: "ignore_case") ?? false
            let textual: Bool = if case .text = field.kind { true } else { false }
            if !["equals", "glob", "regex"].contains(key) || !textual {
                reader.error("ignore_case applies only to equals, glob or regex on text fields", at: caseNode.keyLocation)
                return nil
            }
        }
        let allowed = Self.allowedMatchers(for: field)
        if !allowed.contains(key) {
            reader.error("\(key) cannot be used on \(field.rawValue) (use \(allowed.joined(separator: ", ")))", at: pair.keyLocation)
            return nil
        }
        switch key {
        case "equals":
            return decodeMatcher(pair.value, field: field, section: section, ignoreCase: ignoreCase)
        case "not":
            return decodeMatcher(pair.value, field: field, section: section).map(Matcher.not)
        default:
            guard let list = matcherValues(pair.value, key: key) else { return nil }
            return oneOrAny(list.map { special(key, $0.text, field: field, at: $0.location, ignoreCase: ignoreCase) })
        }
    }

    static func allowedMatchers(for field: Field) -> [String] {
        switch field.kind {
        case .word, .boolean: ["equals", "not"]
        case .port, .integer: ["equals", "range", "not"]
        case .address: ["equals", "cidr", "glob", "regex", "not"]
        case .text: ["equals", "glob", "regex", "not"]
        }
    }

    private mutating func matcherValues(_ node: YAMLNode, key: String) -> [(text: String, location: SourceLocation)]? {
        if node.scalar != nil { return values(node) }
        guard let items = node.items, !items.isEmpty else {
            reader.error("\(key) takes a scalar or a non-empty list of scalars", at: node.location)
            return nil
        }
        var result: [(text: String, location: SourceLocation)] = []
        for item in items {
            guard item.scalar != nil, let expanded = values(item) else {
                reader.error("\(key) takes a scalar or a non-empty list of scalars", at: item.location)
                return nil
            }
            result += expanded
        }
        return result
    }

    /// A scalar's values: itself, or a variable's value(s) when it is exactly `$name`.
    mutating func values(_ node: YAMLNode) -> [(text: String, location: SourceLocation)]? {
        guard let text = node.scalar else { return nil }
        guard text.hasPrefix("$"), Self.isVariableName(String(text.dropFirst())) else { return [(text, node.location)] }
        let name = String(text.dropFirst())
        usedVariables.insert(name)
        if invalidVariables.contains(name) { return nil }
        guard let value = variables[name] else {
            if variableTypes[name] != nil {
                reader.error("variable \(MessageText.quote(text)) has no value (set it with --var \(packID).\(name)=... or --vars FILE)", at: node.location)
                return nil
            }
            reader.error("undefined variable \(MessageText.quote(text))" + MessageText.didYouMean(name, among: variables.keys.sorted()), at: node.location)
            return nil
        }
        let list = value.values
        if list.isEmpty {
            reader.error("variable \(MessageText.quote(text)) is an empty list and matches nothing", at: node.location)
            return nil
        }
        return list.map { ($0, node.location) }
    }

    private func oneOrAny(_ matchers: [Matcher?]) -> Matcher? {
        if matchers.contains(where: { $0 == nil }) { return nil }
        let list = matchers.compactMap { $0 }
        return list.count == 1 ? list[0] : .anyOf(list)
    }

    /// A plain value read as the type of its field.
    private mutating func typed(_ text: String, field: Field, at location: SourceLocation, ignoreCase: Bool, section: String) -> Matcher? {
        switch field.kind {
        case .word(let words):
            guard words.contains(text) else {
                let hint = MessageText.didYouMean(text, among: words)
                reader.error("unknown \(field.rawValue) \(MessageText.quote(text))" + (hint.isEmpty ? " (expected \(words.joined(separator: ", ")))" : hint), at: location)
                return nil
            }
            return .text(text, ignoreCase: false)
        case .port, .integer:
            guard let number = integer(text, field: field, at: location) else { return nil }
            return .integer(number)
        case .address:
            guard let address = IPAddress(text) else {
                reader.error("invalid ip address \(MessageText.quote(text)) for \(field.rawValue) (use glob or regex to match text)", at: location)
                return nil
            }
            if field == .localAddress, address.isUnspecified {
                reader.warning("local_address \(address) does not match every wildcard listener (a dual-stack '::' socket accepts IPv4 too); use 'exposure: any'", at: location)
            }
            return .address(address)
        case .text:
            return .text(text, ignoreCase: ignoreCase)
        case .boolean:
            switch text {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default:
                reader.error("\(field.rawValue) must be true or false, found \(MessageText.quote(text))", at: location)
                return nil
            }
        }
    }

    private mutating func integer(_ text: String, field: Field, at location: SourceLocation) -> Int? {
        guard !text.isEmpty, text.count <= 12, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
            reader.error("\(field.rawValue) must be a number, found \(MessageText.quote(text))", at: location)
            return nil
        }
        if field.kind.isPort, number > 65535 {
            reader.error("port \(number) is outside 0-65535, so this can never match", at: location)
            return nil
        }
        return number
    }

    private mutating func special(_ key: String, _ text: String, field: Field, at location: SourceLocation, ignoreCase: Bool) -> Matcher? {
        switch key {
        case "glob":
            guard let glob = Glob(text, ignoreCase: ignoreCase) else {
                reader.error("invalid glob \(MessageText.quote(text)) (unclosed '[')", at: location)
                return nil
            }
            return .glob(glob)
        case "regex":
            do {
                return .regex(try RegexPattern(text, ignoreCase: ignoreCase))
            } catch {
                reader.error("invalid regular expression \(MessageText.quote(text))", at: location)
                return nil
            }
        case "range":
            let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 2,
                  let low = integer(String(bounds[0]).trimmingSpaces, field: field, at: location),
                  let high = integer(String(bounds[1]).trimmingSpaces, field: field, at: location) else {
                if text.split(separator: "-", omittingEmptySubsequences: false).count != 2 {
                    reader.error("invalid range \(MessageText.quote(text)) (expected LOW-HIGH, e.g. 1024-49151)", at: location)
                }
                return nil
            }
            guard low <= high else {
                reader.error("invalid range \(MessageText.quote(text)): \(low) is above \(high)", at: location)
                return nil
            }
            return .range(low...high)
        default:
            guard let cidr = CIDR(text) else {
                reader.error("invalid cidr \(MessageText.quote(text)) (expected e.g. 10.0.0.0/8 or fe80::/10)", at: location)
                return nil
            }
            return .cidr(cidr)
        }
    }
}

extension Field.Kind {
    var isPort: Bool {
        if case .port = self { return true }
        return false
    }
}

extension String {
    var trimmingSpaces: String { Substring(self).trimmingCharacters(in: " ") }
}
