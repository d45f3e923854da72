import HostCheckCore

/// A fact a rule can test: a socket field (`local_port`) or a field of the socket's owning
/// process (`owner.name`). The field is its own descriptor: name, type, how its value is read
/// from the facts, and which probes and capture formats provide it. ``FieldCatalog`` lists the
/// built-in fields; the registry passes them to the pack loader (docs/architecture.md, "The
/// registry"). Two fields are equal when their names are.
public struct Field: Sendable, Hashable, CustomStringConvertible {
    /// The name a pack writes: `local_port`, `owner.name`.
    public let name: String
    /// One line for `hostcheck list fields` and docs/rule-packs.md.
    public let summary: String
    /// The type of its values, which decides how plain scalars are read and which matchers apply.
    public let kind: FieldKind
    /// The probes and capture formats whose facts fill it (by id), for `list fields`.
    public let providedBy: [String]
    /// How cheap and selective a test of it is: a mapping tests lower costs first.
    package let cost: Int
    /// How its value is read from one socket or one owner.
    package let extraction: FieldExtraction

    package init(
        name: String, summary: String, kind: FieldKind, providedBy: [String], cost: Int = 2,
        extraction: FieldExtraction
    ) {
        self.name = name
        self.summary = summary
        self.kind = kind
        self.providedBy = providedBy
        self.cost = cost
        self.extraction = extraction
    }

    /// The name (for messages).
    public var rawValue: String { name }
    public var description: String { name }

    /// True for `owner.*` fields.
    public var isOwnerField: Bool {
        if case .owner = extraction { true } else { false }
    }

    /// The key inside an `owner:` mapping (`name`), or the socket key (`local_port`).
    public var key: String {
        isOwnerField ? String(name.dropFirst("owner.".count)) : name
    }

    public static func == (lhs: Field, rhs: Field) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// The type of a field's values.
public enum FieldKind: Sendable, Hashable {
    /// One of a fixed set of words.
    case word([String])
    /// A port number, 0-65535.
    case port
    /// A non-negative integer.
    case integer
    /// An IP address (compared parsed); glob and regex see the text.
    case address
    /// Free text.
    case text
    /// `true` or `false`.
    case boolean

    /// The name of the type in docs and `list fields`.
    public var name: String {
        switch self {
        case .word(let words): words.joined(separator: "|")
        case .port: "port"
        case .integer: "integer"
        case .address: "address"
        case .text: "text"
        case .boolean: "boolean"
        }
    }

    var isPort: Bool {
        if case .port = self { true } else { false }
    }
}

/// How a field's value is read.
package enum FieldExtraction: Sendable {
    /// From the socket.
    case socket(@Sendable (SocketFact) -> FieldValue)
    /// From one owner: its PID and its process record, which may be missing.
    case owner(@Sendable (_ pid: Int, _ process: ProcessFact?) -> FieldValue)
}
