import HostCheckCore

extension PackDecoder {
    /// The end of the warning for an override that the command line beats.
    static let commandLineWins = "the command line wins"

    mutating func decodeRules(_ node: YAMLNode) -> [Rule] {
        guard let items = node.items else {
            reader.error("rules must be a list, found a \(node.kindName)", at: node.location)
            return []
        }
        var rules: [Rule] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let rule = decodeRule(item) else { continue }
            if let first = seen[rule.id] {
                reader.error("duplicate rule id '\(rule.id)' (first at line \(first.line ?? 0))", at: rule.location)
                continue
            }
            seen[rule.id] = rule.location
            rules.append(rule)
            decodedRules.append(rule)
        }
        return rules
    }

    private mutating func decodeRule(_ node: YAMLNode) -> Rule? {
        guard let fields = reader.mapping(node, allowed: Self.ruleKeys, what: "a rule") else { return nil }
        var ok = true
        var id = ""
        if let idNode = fields["id"] {
            if let value = reader.identifier(idNode.value, what: "rule id") { id = value } else { ok = false }
        } else {
            reader.missing("id", in: "a rule", at: node.location)
            ok = false
        }
        let override = ruleOverrides[id]
        let savedVariables = variables
        defer { variables = savedVariables }
        for (name, value) in (override?.variables ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard variables[name] != nil || variableTypes[name] != nil else {
                reader.error("override for rule '\(id)': pack '\(packID)' has no variable \(MessageText.quote(name))", at: override?.location)
                continue
            }
            if let label = externalVariables[name] {
                // The command line wins over a pack's overrides (docs/rule-packs.md, "Includes and overrides").
                reader.warning(
                    "override for rule '\(id)' sets variable \(MessageText.quote(name)), but \(label) sets it too: " + Self.commandLineWins,
                    at: override?.location)
                continue
            }
            variables[name] = value
            ruleVariables[id, default: [:]][name] = value
        }
        var severity: Severity
        if let severityNode = fields["severity"] {
            let word = reader.word(severityNode.value, among: Severity.allCases.map(\.rawValue), what: "severity")
            severity = word.flatMap(Severity.init(rawValue:)) ?? .medium
        } else {
            severity = .medium
        }
        var select: Predicate?
        var subject = RuleSubject.sockets
        if let selectNode = fields["select"] {
            if let processes = processSelection(selectNode.value) {
                subject = .processes
                select = processes
            } else if !selectNode.value.isProcessSelection {
                select = decodePredicate(selectNode.value, where: "select")
                if let select { warnIfNeverMatches(select, at: selectNode.value.location) }
            }
        } else {
            reader.missing("select", in: "a rule", at: node.location)
        }
        let count = fields["count"].flatMap { decodeCount($0.value) }
        var expect: Expectation?
        if let expectNode = fields["expect"] {
            if expectNode.value.scalar == "none" {
                expect = .nothing
            } else if expectNode.value.pairs != nil {
                expect = subject == .processes
                    ? decodeOwner(expectNode.value, section: "expect").map { .predicate(.owner($0)) }
                    : decodePredicate(expectNode.value, where: "expect").map(Expectation.predicate)
            } else {
                reader.error("expect must be a mapping of fields or 'none'", at: expectNode.value.location)
            }
        } else if fields["count"] != nil {
            expect = Rule.noExpectation
        } else {
            reader.missing("expect", in: "a rule", at: node.location)
        }
        var whenNone = Outcome.pass
        if let whenNode = fields["when_none"], let word = reader.word(whenNode.value, among: ["pass", "fail"], what: "when_none") {
            whenNone = Outcome(rawValue: word) ?? .pass
            if fields["count"] != nil {
                reader.error("when_none has no meaning beside count (write count: { min: 1 } for 'at least one')", at: whenNode.keyLocation)
            }
        }
        if let countNode = fields["count"], expect == .nothing {
            reader.error("count beside expect: none can only pass with no socket or process selected (write count: 0 alone)", at: countNode.keyLocation)
        }
        let condition = fields["when"].flatMap { decodeCondition($0.value) }
        var unknownOwner = UnknownOwnerPolicy.unknown
        if let policyNode = fields["unknown_owner"],
           let word = reader.word(policyNode.value, among: UnknownOwnerPolicy.allCases.map(\.rawValue), what: "unknown_owner") {
            unknownOwner = UnknownOwnerPolicy(rawValue: word) ?? .unknown
        }
        let requires = fields["requires"].map { decodeRequirements($0.value) } ?? []
        let supervisors = fields["supervisors"].map { reader.stringList($0.value, what: "supervisors") ?? [] } ?? ["systemd"]
        var enabled = fields["enabled"].flatMap { reader.boolean($0.value, what: "enabled") } ?? true
        if let override {
            severity = override.severity ?? severity
            enabled = override.enabled ?? enabled
        }
        let scope = fields["applies_to"].flatMap { decodeScope($0.value) }
        var compliance: [String: [String]] = [:]
        if let complianceNode = fields["compliance"],
           let frameworks = reader.mapping(complianceNode.value, allowed: Self.complianceKeys, what: "compliance") {
            for (key, pair) in frameworks {
                compliance[key] = reader.stringList(pair.value, what: "compliance \(key)") ?? []
            }
        }
        let examples = fields["examples"].map { decodeExamples($0.value, scope: scope) } ?? []
        guard ok, let select, let expect else { return nil }
        var rule = Rule(
            pack: packID, id: id,
            title: fields["title"].flatMap { reader.string($0.value, what: "title") },
            description: fields["description"].flatMap { reader.string($0.value, what: "description") },
            severity: severity,
            tags: fields["tags"].flatMap { reader.stringList($0.value, what: "tags") } ?? [],
            references: fields["references"].flatMap { reader.stringList($0.value, what: "references") } ?? [],
            select: select, expect: expect, whenNone: whenNone, unknownOwner: unknownOwner,
            supervisors: supervisors,
            remediation: fields["remediation"].flatMap { reader.string($0.value, what: "remediation") },
            enabled: enabled, scope: scope, compliance: compliance, examples: examples, location: node.location
        )
        rule.requires = requires
        rule.subject = subject
        rule.count = count
        rule.condition = condition
        return rule
    }

    /// `requires: { netns: all, states: all, ports: all, users: all, owners: full }`.
    private mutating func decodeRequirements(_ node: YAMLNode) -> CoverageRequirements {
        let keys = CoverageRequirements.keys
        guard let fields = reader.mapping(node, allowed: keys.map(\.key), what: "requires") else { return [] }
        var requirements: CoverageRequirements = []
        for entry in keys {
            guard let pair = fields[entry.key] else { continue }
            if reader.word(pair.value, among: [entry.value], what: "requires \(entry.key)") != nil {
                requirements.insert(entry.requirement)
            }
        }
        return requirements
    }

    /// Warns when no value of a word field can satisfy `select` (`protocol: tcp` together
    /// with `protocol: udp`), so the rule can never select anything.
    private mutating func warnIfNeverMatches(_ select: Predicate, at location: SourceLocation) {
        for field in [Field.protocol, .family, .state, .exposure] {
            guard case .word(let words) = field.kind else { continue }
            if RuleEvaluation.possibleWords(words, field: field, in: select).isEmpty {
                reader.warning("select can never match: no \(field.rawValue) satisfies it", at: location)
                return
            }
        }
    }

    /// A scalar or list whose items may be `$name` variables (lists expand in place).
    mutating func expanded(_ node: YAMLNode, what: String) -> [(String, SourceLocation)] {
        var result: [(String, SourceLocation)] = []
        for item in node.scalar != nil ? [node] : (node.items ?? []) {
            guard item.scalar != nil else {
                reader.error("an item of \(what) must be a scalar, found a \(item.kindName)", at: item.location)
                continue
            }
            result += (values(item) ?? []).map { ($0.text, $0.location) }
        }
        if node.scalar == nil, node.items == nil {
            reader.error("\(what) must be a scalar or a list, found a \(node.kindName)", at: node.location)
        }
        return result
    }

    private mutating func decodeScope(_ node: YAMLNode) -> Scope? {
        guard let fields = reader.mapping(node, allowed: Self.scopeKeys, what: "applies_to") else { return nil }
        var scope = Scope()
        if let platforms = fields["platform"] {
            for (text, location) in expanded(platforms.value, what: "platform") {
                let known = Platform.allCases.filter { $0 != .unknown }.map(\.rawValue)
                if let platform = Platform(rawValue: text), platform != .unknown {
                    scope.platforms.append(platform)
                } else {
                    reader.error("unknown platform \(MessageText.quote(text))" + MessageText.didYouMean(text, among: known), at: location)
                }
            }
        }
        if let hosts = fields["hosts"] {
            for (text, location) in expanded(hosts.value, what: "hosts") {
                if let glob = Glob(text, ignoreCase: true) { scope.hosts.append(glob) } else {
                    reader.error("invalid glob \(MessageText.quote(text)) (unclosed '[')", at: location)
                }
            }
        }
        if let labels = fields["labels"] {
            if let pairs = labels.value.pairs {
                for pair in pairs {
                    if let condition = decodeLabelCondition(pair.value, key: pair.key) { scope.labels[pair.key] = condition }
                }
            } else {
                reader.error("labels must be a mapping, found a \(labels.value.kindName)", at: labels.value.location)
            }
        }
        return scope
    }

    /// One `applies_to.labels` value: a glob, a list of globs, or `{ not: glob | [globs] }`;
    /// compared ignoring case, like host names.
    private mutating func decodeLabelCondition(_ node: YAMLNode, key: String) -> LabelCondition? {
        var negated = false
        var valueNode = node
        if let pairs = node.pairs {
            guard pairs.count == 1, let pair = pairs.first, pair.key == "not" else {
                reader.error("label \(MessageText.quote(key)) takes a glob, a list of globs or { not: globs }", at: node.location)
                return nil
            }
            negated = true
            valueNode = pair.value
        }
        var globs: [Glob] = []
        for (text, location) in expanded(valueNode, what: "label \(key)") {
            if let glob = Glob(text, ignoreCase: true) { globs.append(glob) } else {
                reader.error("invalid glob \(MessageText.quote(text)) (unclosed '[')", at: location)
            }
        }
        return globs.isEmpty ? nil : LabelCondition(globs: globs, negated: negated)
    }
}
