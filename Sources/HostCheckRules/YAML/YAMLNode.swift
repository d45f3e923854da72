import HostCheckCore

/// How a YAML scalar was written. A plain `no` stays the string "no"; the style only tells
/// whether it was quoted.
package enum YAMLScalarStyle: String, Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded

    /// True for `'…'` and `"…"`.
    package var isQuoted: Bool { self == .singleQuoted || self == .doubleQuoted }
}

/// One key/value pair of a YAML mapping. Keys are always scalars.
package struct YAMLPair: Sendable, Hashable {
    package var key: String
    package var keyLocation: SourceLocation
    package var value: YAMLNode

    package init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

/// A located YAML node: a scalar, an ordered mapping or a sequence.
package struct YAMLNode: Sendable, Hashable {
    /// What the node holds.
    package enum Content: Sendable, Hashable {
        case scalar(String, YAMLScalarStyle)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
    }

    package var content: Content
    /// Where the node starts (1-based line and column).
    package var location: SourceLocation

    package init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// The scalar text, when the node is a scalar.
    package var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// The pairs, when the node is a mapping.
    package var pairs: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The items, when the node is a sequence.
    package var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// `scalar`, `mapping` or `sequence`, for messages.
    package var kindName: String {
        switch content {
        case .scalar: "scalar"
        case .mapping: "mapping"
        case .sequence: "sequence"
        }
    }
}
