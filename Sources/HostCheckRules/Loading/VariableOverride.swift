import HostCheckCore

/// One `--var PACK.NAME=VALUE` from the command line.
///
/// The value is text. For a list variable it is split at commas (spaces around items
/// trimmed): `--var magaya-network.magaya_images=magaya*,mgy*`.
struct VariableOverride: Sendable, Hashable {
    var pack: String
    var name: String
    var value: String
    var argument: String

    /// Parses every argument; malformed ones become errors.
    static func parse(_ arguments: [String]) -> ([VariableOverride], [Diagnostic]) {
        var overrides: [VariableOverride] = []
        var diagnostics: [Diagnostic] = []
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="),
                  let dot = argument[..<equals].lastIndex(of: "."),
                  dot > argument.startIndex, argument.index(after: dot) < equals else {
                diagnostics.append(Diagnostic(.error, "--var \(MessageText.quote(argument)): expected PACK.NAME=VALUE"))
                continue
            }
            overrides.append(VariableOverride(
                pack: String(argument[..<dot]), name: String(argument[argument.index(after: dot)..<equals]),
                value: String(argument[argument.index(after: equals)...]), argument: argument
            ))
        }
        return (overrides, diagnostics)
    }

    /// The overriding value, shaped like the variable it replaces.
    func value(replacing original: VariableValue) -> VariableValue {
        switch original {
        case .scalar: .scalar(value)
        case .list:
            .list(value.split(separator: ",").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty })
        }
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var slice = self
        while slice.first == set { slice = slice.dropFirst() }
        while slice.last == set { slice = slice.dropLast() }
        return String(slice)
    }
}
