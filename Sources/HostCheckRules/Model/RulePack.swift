import HostCheckCore

/// A service a pack knows about (`services:`), for `explain` and reports.
package struct ServiceInfo: Sendable, Hashable {
    /// One `port/protocol` entry.
    package struct Port: Sendable, Hashable, CustomStringConvertible {
        package var number: Int
        package var `protocol`: TransportProtocol
        package var description: String { "\(number)/\(`protocol`.rawValue)" }
    }

    package var name: String
    package var ports: [Port]
    package var description: String?
}

/// The value of a pack variable: one scalar, or a list (which expands to any-of).
package enum VariableValue: Sendable, Hashable {
    case scalar(String)
    case list([String])

    /// The value for the run record.
    var setting: VariableSetting {
        switch self {
        case .scalar(let value): .scalar(value)
        case .list(let values): .list(values)
        }
    }

    var values: [String] {
        switch self {
        case .scalar(let value): [value]
        case .list(let values): values
        }
    }
}

/// A loaded rule pack.
package struct RulePack: Sendable, Hashable {
    package var id: String
    package var version: String
    package var title: String?
    package var description: String?
    package var references: [String]
    package var services: [ServiceInfo]
    /// The variables after command-line overrides.
    package var variables: [String: VariableValue]
    package var rules: [Rule]
    /// The file the pack came from, as given in its ``PackSource``.
    package var file: String
    /// sha256 of the pack file's bytes, lowercase hex.
    package var sha256: String
    /// `waivers:`: what the waivers of a run must satisfy; nil when the pack sets no policy.
    package var waiverPolicy: WaiverPolicy?
    /// Per rule id, the variables an including pack's `overrides:` replaced for that rule.
    package var ruleVariables: [String: [String: VariableValue]] = [:]

    /// The pack's description for the run record.
    package var info: PackInfo {
        PackInfo(
            id: id, version: version, title: title, sha256: sha256, file: file,
            variables: variables.mapValues(\.setting), ruleVariables: ruleVariables.mapValues { $0.mapValues(\.setting) })
    }
}
