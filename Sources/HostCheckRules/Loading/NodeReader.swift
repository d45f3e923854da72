import HostCheckCore

/// Collects diagnostics while reading located YAML nodes into a model.
struct NodeReader {
    var diagnostics: [Diagnostic] = []
    /// True when the YAML reader skipped syntax errors: missing keys are then not reported.
    var recovered = false

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func error(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.error, message, at: location))
    }

    mutating func warning(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.warning, message, at: location))
    }

    /// The pairs of a mapping node, reporting keys not in `allowed` (with a suggestion).
    mutating func mapping(_ node: YAMLNode, allowed: [String], what: String) -> [String: YAMLPair]? {
        guard let pairs = node.pairs else {
            error("\(what) must be a mapping, found a \(node.kindName)", at: node.location)
            return nil
        }
        var result: [String: YAMLPair] = [:]
        for pair in pairs {
            if allowed.contains(pair.key) {
                result[pair.key] = pair
            } else {
                error("unknown key \(MessageText.quote(pair.key)) in \(what)" + MessageText.didYouMean(pair.key, among: allowed), at: pair.keyLocation)
            }
        }
        return result
    }

    /// Reports a missing required key at the mapping (unless the tree was recovered).
    mutating func missing(_ key: String, in what: String, at location: SourceLocation) {
        if !recovered { error("\(what) is missing required key '\(key)'", at: location) }
    }

    /// A scalar's text, or an error naming `what`.
    mutating func string(_ node: YAMLNode, what: String) -> String? {
        guard let text = node.scalar else {
            error("\(what) must be a scalar, found a \(node.kindName)", at: node.location)
            return nil
        }
        return text
    }

    /// A scalar or a sequence of scalars, as a list.
    mutating func stringList(_ node: YAMLNode, what: String) -> [String]? {
        if let text = node.scalar { return [text] }
        guard let items = node.items else {
            error("\(what) must be a list of scalars, found a \(node.kindName)", at: node.location)
            return nil
        }
        var values: [String] = []
        for item in items {
            if let value = string(item, what: "an item of \(what)") { values.append(value) }
        }
        return values
    }

    /// One of `words`, exactly as written.
    mutating func word(_ node: YAMLNode, among words: [String], what: String) -> String? {
        guard let text = string(node, what: what) else { return nil }
        guard words.contains(text) else {
            let expected = words.count <= 6 ? " (expected " + words.joined(separator: ", ") + ")" : ""
            let hint = MessageText.didYouMean(text, among: words)
            error("unknown \(what) \(MessageText.quote(text))" + (hint.isEmpty ? expected : hint), at: node.location)
            return nil
        }
        return text
    }

    /// `true` or `false`.
    mutating func boolean(_ node: YAMLNode, what: String) -> Bool? {
        guard let text = string(node, what: what) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            error("\(what) must be true or false, found \(MessageText.quote(text))", at: node.location)
            return nil
        }
    }

    /// An identifier: letters, digits, `-`, `_`, `.`, starting with a letter or digit.
    mutating func identifier(_ node: YAMLNode, what: String) -> String? {
        guard let text = string(node, what: what) else { return nil }
        guard NodeReader.isIdentifier(text) else {
            error("\(what) \(MessageText.quote(text)) must be letters, digits, '-', '_' or '.'", at: node.location)
            return nil
        }
        return text
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIILetterOrDigit else { return false }
        return text.count <= 128 && text.unicodeScalars.allSatisfy { $0.isASCIILetterOrDigit || "-_.".unicodeScalars.contains($0) }
    }
}

extension Unicode.Scalar {
    var isASCIILetterOrDigit: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
