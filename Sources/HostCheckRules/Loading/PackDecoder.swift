import HostCheckCore

/// Turns one pack file into a ``RulePack``, collecting every problem in one pass.
struct PackDecoder {
    static let topKeys = ["hostcheck", "pack", "include", "overrides", "services", "vars", "rules", "waivers"]
    static let overrideKeys = ["severity", "enabled", "vars"]
    static let packKeys = ["id", "version", "title", "description", "references"]
    static let serviceKeys = ["name", "ports", "description"]
    static let ruleKeys = [
        "id", "title", "description", "severity", "tags", "references", "select", "expect", "when_none",
        "unknown_owner", "supervisors", "remediation", "enabled", "applies_to", "examples", "compliance",
        "requires", "count", "when",
    ]
    static let scopeKeys = ["platform", "hosts", "labels"]
    /// Compliance frameworks a rule may map to.
    static let complianceKeys = ["cis", "nist_800_53", "pci_dss", "iso_27001", "cis_controls", "soc2", "hipaa", "bsi"]

    var reader = NodeReader()
    let file: String
    var packID = ""
    var variables: [String: VariableValue] = [:]
    /// Declared types of typed variables, with where they are defined.
    var variableTypes: [String: (VariableType, SourceLocation)] = [:]
    /// Where each variable is defined, and which ones a rule used (unused ones are warned about).
    var variableDefinitions: [String: SourceLocation] = [:]
    var usedVariables: Set<String> = []
    /// Typed variables whose value failed its type (already reported; uses stay quiet).
    var invalidVariables: Set<String> = []
    /// Where each variable's current value came from, for messages (`default `, `--var 'x': `).
    var variableOrigins: [String: (label: String, location: SourceLocation?)] = [:]
    /// Variables set from outside the pack (`--var`, `--vars FILE`), with how to name the
    /// setting: they win over an includer's `overrides:` for the same variable.
    var externalVariables: [String: String] = [:]
    /// Per rule id, the variables this pack's includer replaced for that rule (``RulePack/ruleVariables``).
    var ruleVariables: [String: [String: VariableValue]] = [:]
    /// Indices of the overrides applied to this pack.
    var usedOverrides: Set<Int> = []
    /// `overrides:` from an including pack, by rule id, applied while decoding rules.
    var ruleOverrides: [String: RuleOverride] = [:]
    /// Every rule decoded so far.
    var decodedRules: [Rule] = []
    /// This pack's `include:` entries.
    var includes: [IncludeReference] = []
    /// This pack's `overrides:` for the rules of the packs it includes.
    var ownOverrides: [RuleOverride] = []

    /// The fields and matchers packs may use.
    let vocabulary: RuleVocabulary

    init(file: String, vocabulary: RuleVocabulary) {
        self.file = file
        self.vocabulary = vocabulary
    }

    /// What decoding one file produced.
    struct Output {
        /// Nil when any error was found.
        var pack: RulePack?
        var diagnostics: [Diagnostic]
        var usedOverrides: Set<Int>
        var includes: [IncludeReference]
        var ruleOverrides: [RuleOverride]
        /// The rules decoded without error, also when the pack as a whole has errors (for lint).
        var rules: [Rule]
        /// Why the file is not a rule pack at all (``PackShape``); then `diagnostics` is empty,
        /// so nothing of the file is echoed, and the caller reports this once.
        var notAPack: String?
    }

    /// Decodes `source` with command-line variable overrides and an including pack's rule overrides.
    static func decode(
        _ source: PackSource, vocabulary: RuleVocabulary, overrides: [VariableOverride],
        ruleOverrides: [String: RuleOverride] = [:]
    ) -> Output {
        let read = YAMLReader.read(source.bytes, file: source.path)
        if let reason = PackShape.notAPackReason(read, bytes: source.bytes) {
            return Output(pack: nil, diagnostics: [], usedOverrides: [], includes: [], ruleOverrides: [], rules: [], notAPack: reason)
        }
        let (pack, diagnostics, used, decoder) = decodeFile(
            source, read: read, vocabulary: vocabulary, overrides: overrides, ruleOverrides: ruleOverrides)
        return Output(
            pack: pack, diagnostics: diagnostics, usedOverrides: used, includes: decoder.includes,
            ruleOverrides: decoder.ownOverrides, rules: decoder.decodedRules
        )
    }

    private static func decodeFile(
        _ source: PackSource, read: YAMLReadResult, vocabulary: RuleVocabulary, overrides: [VariableOverride],
        ruleOverrides: [String: RuleOverride]
    ) -> (RulePack?, [Diagnostic], Set<Int>, PackDecoder) {
        var decoder = PackDecoder(file: source.path, vocabulary: vocabulary)
        decoder.ruleOverrides = ruleOverrides
        decoder.reader.diagnostics = read.diagnostics
        decoder.reader.recovered = read.recovered
        guard let root = read.root else {
            if read.diagnostics.isEmpty {
                decoder.reader.error("empty pack file", at: SourceLocation(file: source.path, line: 1, column: 1))
            }
            return (nil, decoder.reader.diagnostics, [], decoder)
        }
        let pack = decoder.decodePack(root, source: source, overrides: overrides)
        let diagnostics = decoder.reader.diagnostics
        return (decoder.reader.hasErrors ? nil : pack, diagnostics, decoder.usedOverrides, decoder)
    }

    private mutating func decodePack(_ root: YAMLNode, source: PackSource, overrides: [VariableOverride]) -> RulePack? {
        guard let top = reader.mapping(root, allowed: Self.topKeys, what: "a pack") else { return nil }
        if let version = top["hostcheck"] {
            if let text = reader.string(version.value, what: "hostcheck"), text != "1" {
                reader.error("unsupported pack format version \(MessageText.quote(text)) (this hostcheck reads version 1)", at: version.value.location)
            }
        } else {
            reader.missing("hostcheck", in: "a pack", at: root.location)
        }
        var id = "", version = "", title: String?, description: String?, references: [String] = []
        if let meta = top["pack"], let fields = reader.mapping(meta.value, allowed: Self.packKeys, what: "pack") {
            if let node = fields["id"] { id = reader.identifier(node.value, what: "pack id") ?? "" } else { reader.missing("id", in: "pack", at: meta.value.location) }
            if let node = fields["version"] { version = reader.string(node.value, what: "pack version") ?? "" } else { reader.missing("version", in: "pack", at: meta.value.location) }
            title = fields["title"].flatMap { reader.string($0.value, what: "pack title") }
            description = fields["description"].flatMap { reader.string($0.value, what: "pack description") }
            references = fields["references"].flatMap { reader.stringList($0.value, what: "pack references") } ?? []
        } else if top["pack"] == nil {
            reader.missing("pack", in: "a pack", at: root.location)
        }
        packID = id
        if let include = top["include"] { decodeIncludes(include.value) }
        if let overrides = top["overrides"] { decodeRuleOverrides(overrides.value) }
        let services = top["services"].map { decodeServices($0.value) } ?? []
        if let vars = top["vars"] { decodeVariables(vars.value) }
        applyOverrides(overrides)
        var rules: [Rule] = []
        if let list = top["rules"] {
            rules = decodeRules(list.value)
            for (name, location) in variableDefinitions.sorted(by: { $0.value < $1.value }) where !usedVariables.contains(name) {
                reader.warning("variable '\(MessageText.clip(name))' is not used by any rule", at: location)
            }
        } else {
            reader.missing("rules", in: "a pack", at: root.location)
        }
        var pack = RulePack(
            id: id, version: version, title: title, description: description, references: references,
            services: services, variables: variables, rules: rules, file: source.path,
            sha256: SHA256Hex.digest(source.bytes)
        )
        pack.waiverPolicy = top["waivers"].flatMap { decodeWaiverPolicy($0.value) }
        pack.ruleVariables = ruleVariables
        return pack
    }

    private mutating func decodeServices(_ node: YAMLNode) -> [ServiceInfo] {
        guard let items = node.items else {
            reader.error("services must be a list, found a \(node.kindName)", at: node.location)
            return []
        }
        var services: [ServiceInfo] = []
        for item in items {
            guard let fields = reader.mapping(item, allowed: Self.serviceKeys, what: "a service") else { continue }
            guard let nameNode = fields["name"] else {
                reader.missing("name", in: "a service", at: item.location)
                continue
            }
            let name = reader.string(nameNode.value, what: "service name") ?? ""
            var ports: [ServiceInfo.Port] = []
            if let portsNode = fields["ports"] {
                for (text, location) in scalars(portsNode.value, what: "service ports") {
                    if let port = Self.servicePort(text) {
                        ports.append(port)
                    } else {
                        reader.error("invalid service port \(MessageText.quote(text)) (expected PORT/tcp or PORT/udp)", at: location)
                    }
                }
            }
            let description = fields["description"].flatMap { reader.string($0.value, what: "service description") }
            services.append(ServiceInfo(name: name, ports: ports, description: description))
        }
        return services
    }

    static func servicePort(_ text: String) -> ServiceInfo.Port? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let number = Int(parts[0]), (0...65535).contains(number),
              let proto = TransportProtocol(rawValue: String(parts[1])) else { return nil }
        return ServiceInfo.Port(number: number, protocol: proto)
    }

    /// The scalars of a scalar-or-list node, with their locations.
    mutating func scalars(_ node: YAMLNode, what: String) -> [(String, SourceLocation)] {
        if let text = node.scalar { return [(text, node.location)] }
        guard let items = node.items else {
            reader.error("\(what) must be a scalar or a list, found a \(node.kindName)", at: node.location)
            return []
        }
        var result: [(String, SourceLocation)] = []
        for item in items {
            if let text = reader.string(item, what: "an item of \(what)") { result.append((text, item.location)) }
        }
        return result
    }

    private mutating func decodeVariables(_ node: YAMLNode) {
        guard let pairs = node.pairs else {
            reader.error("vars must be a mapping, found a \(node.kindName)", at: node.location)
            return
        }
        for pair in pairs {
            variableDefinitions[pair.key] = pair.keyLocation
            guard Self.isVariableName(pair.key) else {
                reader.error("variable name \(MessageText.quote(pair.key)) must be letters, digits and '_', not starting with a digit", at: pair.keyLocation)
                continue
            }
            decodeVariable(pair)
        }
    }

    private mutating func applyOverrides(_ overrides: [VariableOverride]) {
        for (index, override) in overrides.enumerated() where override.pack == packID || override.pack == nil {
            let known = variables[override.name] != nil || variableTypes[override.name] != nil
            if override.pack == nil, !known { continue }
            usedOverrides.insert(index)
            guard known else {
                let names = Set(variables.keys).union(variableTypes.keys).sorted()
                let hint = MessageText.didYouMean(override.name, among: names)
                reader.error("\(override.label)pack '\(packID)' has no variable \(MessageText.quote(override.name))" + hint, at: override.location)
                continue
            }
            let isList: Bool
            if let type = variableTypes[override.name]?.0 { isList = type.isList }
            else if case .list = variables[override.name] { isList = true } else { isList = false }
            variables[override.name] = override.value(replacing: variables[override.name], isList: isList)
            variableOrigins[override.name] = (override.label, override.location)
            externalVariables[override.name] = override.label.isEmpty
                ? "--vars \(override.location?.file ?? "file")" : String(override.label.dropLast(2))
        }
        checkVariableTypes()
    }

    static func isVariableName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || (first.isASCIILetterOrDigit && !("0"..."9").contains(first)) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || $0.isASCIILetterOrDigit }
    }
}
