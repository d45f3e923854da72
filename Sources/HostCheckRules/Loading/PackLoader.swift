import HostCheckCore

/// The packs of a run, loaded and checked.
public struct LoadedPacks: Sendable, Hashable {
    /// Every pack, in the order given.
    public var packs: [RulePack]
    /// Each pack's id, version and sha256, for the run record.
    public var packInfos: [PackInfo]
    /// Every loaded rule, in pack order.
    public var ruleInfos: [RuleInfo]

    public init(packs: [RulePack]) {
        self.packs = packs
        packInfos = packs.map(\.info)
        ruleInfos = packs.flatMap { $0.rules.map(\.info) }
    }

    /// Every rule, in pack order.
    public var rules: [Rule] { packs.flatMap(\.rules) }
}

/// Loads rule packs (DESIGN.md §3), reporting every problem of every pack in one pass.
public enum PackLoader {
    /// Loads `sources` with `--var PACK.NAME=VALUE` overrides (for a list variable the value is
    /// split at commas). Diagnostics (errors and lint warnings) come sorted by file and line;
    /// `packs` is nil when any is an error.
    public static func load(_ sources: [PackSource], variableOverrides: [String]) -> (packs: LoadedPacks?, diagnostics: [Diagnostic]) {
        let (overrides, overrideErrors) = VariableOverride.parse(variableOverrides)
        var diagnostics: [Diagnostic] = []
        var packs: [RulePack] = []
        var failed = !overrideErrors.isEmpty
        var usedOverrides: Set<Int> = []
        var packFiles: [String: String] = [:]
        var ruleHomes: [String: Rule] = [:]
        for source in sources {
            let (pack, found, used) = PackDecoder.decode(source, overrides: overrides)
            diagnostics += found
            usedOverrides.formUnion(used)
            guard let pack else {
                failed = true
                continue
            }
            if let first = packFiles[pack.id] {
                diagnostics.append(Diagnostic(.error, "duplicate pack id '\(pack.id)' (also in \(first))", at: SourceLocation(file: source.path, line: 1, column: 1)))
                failed = true
                continue
            }
            packFiles[pack.id] = source.path
            for rule in pack.rules {
                if let first = ruleHomes[rule.id] {
                    diagnostics.append(Diagnostic(.error, "duplicate rule id '\(rule.id)' (also in pack '\(first.pack)' at \(first.location))", at: rule.location))
                    failed = true
                } else {
                    ruleHomes[rule.id] = rule
                }
            }
            packs.append(pack)
        }
        for (index, override) in overrides.enumerated() where !usedOverrides.contains(index) {
            let hint = MessageText.didYouMean(override.pack, among: packFiles.keys.sorted())
            diagnostics.append(Diagnostic(.error, "--var \(MessageText.quote(override.argument)): no loaded pack has id \(MessageText.quote(override.pack))" + hint))
            failed = true
        }
        let sorted = sortDiagnostics(diagnostics + overrideErrors, fileOrder: sources.map(\.path))
        if failed || sorted.contains(where: { $0.severity == .error }) { return (nil, sorted) }
        return (LoadedPacks(packs: packs), sorted)
    }

    /// What `hostcheck lint` reports: every load diagnostic, plus warnings for rules without
    /// `examples:`, sorted by file and line.
    public static func lint(_ sources: [PackSource], variableOverrides: [String]) -> [Diagnostic] {
        var diagnostics = load(sources, variableOverrides: variableOverrides).diagnostics
        for source in sources {
            let (pack, _, _) = PackDecoder.decode(source, overrides: [])
            for rule in pack?.rules ?? [] where rule.examples.isEmpty {
                diagnostics.append(Diagnostic(.warning, "rule '\(rule.id)' has no examples (add examples: so `hostcheck test` can check it)", at: rule.location))
            }
        }
        return sortDiagnostics(diagnostics, fileOrder: sources.map(\.path))
    }

    /// Sorts by the order files were given, then line and column; unlocated diagnostics last.
    static func sortDiagnostics(_ diagnostics: [Diagnostic], fileOrder: [String]) -> [Diagnostic] {
        var rank: [String: Int] = [:]
        for (index, file) in fileOrder.enumerated() where rank[file] == nil { rank[file] = index }
        return diagnostics.enumerated().sorted { lhs, rhs in
            let a = lhs.element.location, b = rhs.element.location
            let keyA = (a.map { rank[$0.file] ?? fileOrder.count } ?? Int.max, a?.line ?? 0, a?.column ?? 0, lhs.offset)
            let keyB = (b.map { rank[$0.file] ?? fileOrder.count } ?? Int.max, b?.line ?? 0, b?.column ?? 0, rhs.offset)
            return keyA < keyB
        }.map(\.element)
    }
}
