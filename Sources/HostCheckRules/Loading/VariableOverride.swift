import HostCheckCore

/// One variable override: `--var PACK.NAME=VALUE` (or `--var NAME=VALUE`, for every pack that
/// defines NAME) on the command line, or an entry of a `--vars FILE`.
///
/// A command-line value is text; for a list variable it is split at commas (spaces around
/// items trimmed): `--var magaya-network.magaya_images=magaya*,mgy*`. A file value is a
/// scalar or a list, as written.
struct VariableOverride: Sendable, Hashable {
    enum Value: Sendable, Hashable {
        case text(String)
        case value(VariableValue)
    }

    /// The pack id; nil for a bare `--var NAME=VALUE`, which applies to every pack defining NAME.
    var pack: String?
    var name: String
    var value: Value
    /// How messages name the override: `--var 'a.b=c'` or `vars.yaml`.
    var label: String
    /// Where a file override is written; nil for the command line.
    var location: SourceLocation?

    /// Parses every `--var` argument; malformed ones become errors.
    static func parse(_ arguments: [String]) -> ([VariableOverride], [Diagnostic]) {
        var overrides: [VariableOverride] = []
        var diagnostics: [Diagnostic] = []
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals > argument.startIndex else {
                diagnostics.append(Diagnostic(.error, "--var \(MessageText.quote(argument)): expected PACK.NAME=VALUE or NAME=VALUE"))
                continue
            }
            let key = argument[..<equals]
            let value = String(argument[argument.index(after: equals)...])
            let label = "--var \(MessageText.quote(argument)): "
            if let dot = key.lastIndex(of: ".") {
                guard dot > key.startIndex, key.index(after: dot) < key.endIndex else {
                    diagnostics.append(Diagnostic(.error, "--var \(MessageText.quote(argument)): expected PACK.NAME=VALUE or NAME=VALUE"))
                    continue
                }
                overrides.append(VariableOverride(
                    pack: String(key[..<dot]), name: String(key[key.index(after: dot)...]), value: .text(value), label: label, location: nil
                ))
            } else {
                overrides.append(VariableOverride(pack: nil, name: String(key), value: .text(value), label: label, location: nil))
            }
        }
        return (overrides, diagnostics)
    }

    /// The overriding value, shaped like the variable it replaces (nil: the variable has no value yet).
    func value(replacing original: VariableValue?, isList: Bool) -> VariableValue {
        switch value {
        case .value(let value):
            return value
        case .text(let text):
            guard isList else { return .scalar(text) }
            return .list(text.split(separator: ",").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty })
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

/// Reads a `--vars FILE`:
///
/// ```yaml
/// hostcheck: 1
/// vars:
///   magaya-network:
///     magaya_images: ["magaya*", "mgy*"]
/// ```
enum VariableFileLoader {
    static func load(_ source: PackSource) -> ([VariableOverride], [Diagnostic]) {
        let read = YAMLReader.read(source.bytes, file: source.path)
        if let reason = PackShape.notAPackReason(read, bytes: source.bytes) {
            return ([], [Diagnostic(.error, "not a variables file (\(reason))", at: SourceLocation(file: source.path))])
        }
        var reader = NodeReader(diagnostics: read.diagnostics, recovered: read.recovered)
        guard let root = read.root else {
            if read.diagnostics.isEmpty { reader.error("empty variables file", at: SourceLocation(file: source.path, line: 1, column: 1)) }
            return ([], reader.diagnostics)
        }
        var overrides: [VariableOverride] = []
        if let top = reader.mapping(root, allowed: ["hostcheck", "vars"], what: "a variables file") {
            if let version = top["hostcheck"] {
                if let text = reader.string(version.value, what: "hostcheck"), text != "1" {
                    reader.error("unsupported variables file version \(MessageText.quote(text)) (this hostcheck reads version 1)", at: version.value.location)
                }
            } else {
                reader.missing("hostcheck", in: "a variables file", at: root.location)
            }
            if let vars = top["vars"] {
                for packPair in vars.value.pairs ?? [] {
                    guard let pairs = packPair.value.pairs else {
                        reader.error("the variables of pack '\(MessageText.clip(packPair.key))' must be a mapping", at: packPair.value.location)
                        continue
                    }
                    for pair in pairs {
                        let value: VariableValue?
                        if let text = pair.value.scalar { value = .scalar(text) } else {
                            value = reader.stringList(pair.value, what: "variable \(pair.key)").map(VariableValue.list)
                        }
                        guard let value else { continue }
                        overrides.append(VariableOverride(
                            pack: packPair.key, name: pair.key, value: .value(value), label: "", location: pair.keyLocation
                        ))
                    }
                }
                if vars.value.pairs == nil { reader.error("vars must be a mapping of pack ids", at: vars.value.location) }
            } else {
                reader.missing("vars", in: "a variables file", at: root.location)
            }
        }
        return (overrides, reader.diagnostics)
    }
}
