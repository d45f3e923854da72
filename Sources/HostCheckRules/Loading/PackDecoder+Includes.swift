import HostCheckCore

/// One `include:` entry: a path relative to the including file, or a built-in pack
/// (`builtin:ID` or a bare pack id).
struct IncludeReference: Sendable, Hashable {
    var reference: String
    var location: SourceLocation
}

/// One `overrides:` entry: changes to a rule of an included pack.
struct RuleOverride: Sendable, Hashable {
    var rule: String
    var severity: Severity?
    var enabled: Bool?
    /// Variables of the rule's pack, replaced for this rule only.
    var variables: [String: VariableValue]
    var location: SourceLocation
}

extension PackDecoder {
    mutating func decodeIncludes(_ node: YAMLNode) {
        for (text, location) in scalars(node, what: "include") {
            includes.append(IncludeReference(reference: text, location: location))
        }
    }

    /// `overrides: { RULE-ID: { severity, enabled, vars } }`.
    mutating func decodeRuleOverrides(_ node: YAMLNode) {
        guard let pairs = node.pairs else {
            reader.error("overrides must be a mapping of rule ids, found a \(node.kindName)", at: node.location)
            return
        }
        for pair in pairs {
            guard let fields = reader.mapping(pair.value, allowed: Self.overrideKeys, what: "an override") else { continue }
            var override = RuleOverride(rule: pair.key, variables: [:], location: pair.keyLocation)
            if let node = fields["severity"] {
                override.severity = reader.word(node.value, among: Severity.allCases.map(\.rawValue), what: "severity").flatMap(Severity.init(rawValue:))
            }
            if let node = fields["enabled"] { override.enabled = reader.boolean(node.value, what: "enabled") }
            if let node = fields["vars"] {
                if let varPairs = node.value.pairs {
                    for varPair in varPairs {
                        if let text = varPair.value.scalar {
                            override.variables[varPair.key] = .scalar(text)
                        } else if let list = reader.stringList(varPair.value, what: "variable \(varPair.key)") {
                            override.variables[varPair.key] = .list(list)
                        }
                    }
                } else {
                    reader.error("vars must be a mapping, found a \(node.value.kindName)", at: node.value.location)
                }
            }
            ownOverrides.append(override)
        }
    }
}
