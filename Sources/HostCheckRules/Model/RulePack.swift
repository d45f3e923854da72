import HostCheckCore

/// A service a pack knows about (`services:`), for `explain` and reports.
public struct ServiceInfo: Sendable, Hashable {
    /// One `port/protocol` entry.
    public struct Port: Sendable, Hashable, CustomStringConvertible {
        public var number: Int
        public var `protocol`: TransportProtocol
        public var description: String { "\(number)/\(`protocol`.rawValue)" }
    }

    public var name: String
    public var ports: [Port]
    public var description: String?
}

/// The value of a pack variable: one scalar, or a list (which expands to any-of).
public enum VariableValue: Sendable, Hashable {
    case scalar(String)
    case list([String])

    var values: [String] {
        switch self {
        case .scalar(let value): [value]
        case .list(let values): values
        }
    }
}

/// A loaded rule pack.
public struct RulePack: Sendable, Hashable {
    public var id: String
    public var version: String
    public var title: String?
    public var description: String?
    public var references: [String]
    public var services: [ServiceInfo]
    /// The variables after command-line overrides.
    public var variables: [String: VariableValue]
    public var rules: [Rule]
    /// The file the pack came from, as given in its ``PackSource``.
    public var file: String
    /// sha256 of the pack file's bytes, lowercase hex.
    public var sha256: String

    /// The pack's description for the run record.
    public var info: PackInfo {
        PackInfo(id: id, version: version, title: title, sha256: sha256, file: file)
    }
}
