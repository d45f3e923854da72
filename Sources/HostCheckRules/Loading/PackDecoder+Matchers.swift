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
        let keywords = vocabulary.matchers.map(\.keyword)
        guard let fields = reader.mapping(node, allowed: keywords + ["ignore_case"], what: "a matcher") else { return nil }
        let chosen = keywords.filter { fields[$0] != nil }
        guard chosen.count == 1, let key = chosen.first, let pair = fields[key], let matcher = vocabulary.matcher(key) else {
            let list = keywords.joined(separator: ", ")
            let message = chosen.isEmpty
                ? "a matcher needs one of \(list)"
                : "a matcher takes one of \(list) (found \(chosen.joined(separator: " and "))); use any: for alternatives"
            reader.error(message, at: node.location)
            return nil
        }
        var ignoreCase = false
        if let caseNode = fields["ignore_case"] {
            ignoreCase = reader.boolean(caseNode.value, what: "ignore_case") ?? false
            if !matcher.takesIgnoreCase || field.kind != .text {
                let takers = vocabulary.matchers.filter(\.takesIgnoreCase).map(\.keyword)
                reader.error("ignore_case applies only to \(MessageText.orList(takers)) on text fields", at: caseNode.keyLocation)
                return nil
            }
        }
        let allowed = vocabulary.matchers(for: field)
        if !allowed.contains(key) {
            reader.error("\(key) cannot be used on \(field.name) (use \(allowed.joined(separator: ", ")))", at: pair.keyLocation)
            return nil
        }
        switch matcher.compile {
        case .equals:
            return decodeMatcher(pair.value, field: field, section: section, ignoreCase: ignoreCase)
        case .not:
            return decodeMatcher(pair.value, field: field, section: section).map(Matcher.not)
        case .value(let compile):
            guard let list = matcherValues(pair.value, key: key) else { return nil }
            return oneOrAny(list.map { value in
                switch compile(value.text, field, ignoreCase) {
                case .success(let matcher): return matcher
                case .failure(let error):
                    reader.error(error.message, at: value.location)
                    return nil
                }
            })
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
        switch field.number(text) {
        case .success(let number): return number
        case .failure(let error):
            reader.error(error.message, at: location)
            return nil
        }
    }
}
