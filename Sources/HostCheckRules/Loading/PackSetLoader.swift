import HostCheckCore

/// Loads a set of packs with their includes, overrides and variable files.
struct PackSetLoader {
    static let maxIncludeDepth = 16

    let options: PackLoadOptions
    var diagnostics: [Diagnostic] = []
    var packs: [RulePack] = []
    /// Every rule decoded without error, also from packs that had errors elsewhere (for lint).
    var decodedRules: [Rule] = []
    var failed = false
    /// Files in the order they were read, for sorting diagnostics.
    var fileOrder: [String] = []
    /// Canonical paths of every file loaded so far.
    private(set) var visited: Set<String> = []
    private(set) var overrides: [VariableOverride] = []
    /// Top-level files already decoded (without inherited overrides), by path.
    var decoded: [String: PackDecoder.Output] = [:]
    private var usedOverrides: Set<Int> = []
    /// Loaded packs by id: the file and the sha256 of its bytes.
    private var loaded: [String: (file: String, sha256: String)] = [:]

    init(options: PackLoadOptions) {
        self.options = options
    }

    /// Loads `sources`. A source that another source includes is loaded only through that
    /// include, so the includer's `overrides:` apply to it.
    static func run(_ sources: [PackSource], options: PackLoadOptions) -> PackSetLoader {
        var loader = PackSetLoader(options: options)
        loader.loadVariables()
        var includedElsewhere: Set<String> = []
        for source in sources where !source.path.hasPrefix("builtin:") {
            let output = PackDecoder.decode(source, vocabulary: options.vocabulary, overrides: loader.overrides)
            loader.decoded[source.path] = output
            for reference in output.includes where reference.reference.contains("/") || reference.reference.hasSuffix(".yaml") {
                includedElsewhere.insert(canonical(PathText.resolve(reference.reference, relativeTo: source.path)))
            }
        }
        let ordered = sources.filter { !includedElsewhere.contains(canonical($0.path)) }
            + sources.filter { includedElsewhere.contains(canonical($0.path)) }
        for source in ordered where !loader.visited.contains(canonical(source.path)) {
            _ = loader.load(source, stack: [], inherited: [:])
        }
        loader.finish()
        var seen: Set<Diagnostic> = []
        loader.diagnostics = loader.diagnostics.filter { seen.insert($0).inserted }
        return loader
    }

    mutating func loadVariables() {
        for file in options.variableFiles {
            fileOrder.append(file.path)
            let (found, problems) = VariableFileLoader.load(file)
            overrides += found
            diagnostics += problems
        }
        let (fromCommandLine, problems) = VariableOverride.parse(options.variableOverrides)
        overrides += fromCommandLine
        diagnostics += problems
    }

    /// Loads `source` after the packs it includes; returns the ids of every rule loaded
    /// through it (for checking that overrides name something).
    mutating func load(
        _ source: PackSource, stack: [String], inherited: [String: RuleOverride], includedAt: IncludeReference? = nil
    ) -> Set<String> {
        fileOrder.append(source.path)
        visited.insert(Self.canonical(source.path))
        let cached = inherited.isEmpty ? decoded[source.path] : nil
        let output = cached ?? PackDecoder.decode(source, vocabulary: options.vocabulary, overrides: overrides, ruleOverrides: inherited)
        if let reason = output.notAPack {
            if let reference = includedAt {
                error("included file \(MessageText.quote(reference.reference, limit: 80)) is not a rule pack (\(reason))", at: reference.location)
            } else {
                error("not a rule pack (\(reason))", at: SourceLocation(file: source.path))
            }
            return []
        }
        var ownOverrides: [String: RuleOverride] = [:]
        for override in output.ruleOverrides { ownOverrides[override.rule] = override }
        var included: Set<String> = []
        let key = Self.canonical(source.path)
        for reference in output.includes {
            guard let target = resolve(reference, from: source.path) else { continue }
            let targetKey = Self.canonical(target.path)
            if targetKey == key || stack.contains(targetKey) {
                error("include cycle: \((stack + [key, targetKey]).map { MessageText.clip($0, limit: 60) }.joined(separator: " -> "))", at: reference.location)
                continue
            }
            if stack.count >= Self.maxIncludeDepth {
                error("includes nested deeper than \(Self.maxIncludeDepth) levels", at: reference.location)
                continue
            }
            let merged = ownOverrides.merging(inherited) { _, outer in outer }
            included.formUnion(load(target, stack: stack + [key], inherited: merged, includedAt: reference))
        }
        for override in output.ruleOverrides where !included.contains(override.rule) {
            let hint = MessageText.didYouMean(override.rule, among: included.sorted())
            error("override for rule \(MessageText.quote(override.rule)), which no included pack defines" + hint, at: override.location)
        }
        diagnostics += output.diagnostics
        usedOverrides.formUnion(output.usedOverrides)
        decodedRules += output.rules
        guard let pack = output.pack else {
            failed = true
            return included
        }
        if let first = loaded[pack.id] {
            if first.sha256 != pack.sha256 {
                error("duplicate pack id '\(pack.id)' (also in \(first.file))", at: SourceLocation(file: source.path, line: 1, column: 1))
            }
            return included.union(pack.rules.map(\.id))
        }
        loaded[pack.id] = (source.path, pack.sha256)
        packs.append(pack)
        return included.union(pack.rules.map(\.id))
    }

    /// Checks rule ids across packs and reports overrides for packs that were not loaded.
    mutating func finish() {
        var homes: [String: Rule] = [:]
        for pack in packs {
            for rule in pack.rules {
                if let first = homes[rule.id] {
                    error("duplicate rule id '\(rule.id)' (also in pack '\(first.pack)' at \(first.location))", at: rule.location)
                } else {
                    homes[rule.id] = rule
                }
            }
        }
        let ids = packs.map(\.id).sorted()
        for (index, override) in overrides.enumerated() where !usedOverrides.contains(index) {
            guard let pack = override.pack else {
                error("\(override.label)no loaded pack has a variable \(MessageText.quote(override.name))", at: override.location)
                continue
            }
            let hint = MessageText.didYouMean(pack, among: ids)
            error("\(override.label)no loaded pack has id \(MessageText.quote(pack))" + hint, at: override.location)
        }
    }

    private mutating func error(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.error, message, at: location))
        failed = true
    }

    /// The source an `include:` names: `builtin:ID`, a bare built-in id, or a path relative
    /// to the including file.
    private mutating func resolve(_ reference: IncludeReference, from path: String) -> PackSource? {
        let text = reference.reference
        let isBuiltinName = text.hasPrefix("builtin:") || (!text.contains("/") && !text.hasSuffix(".yaml") && !text.hasSuffix(".yml"))
        if isBuiltinName {
            let id = text.hasPrefix("builtin:") ? String(text.dropFirst("builtin:".count)) : text
            let stem = id.hasSuffix(".yaml") ? String(id.dropLast(5)) : id
            if let builtin = options.builtins.first(where: { $0.path == "builtin:\(stem).yaml" }) { return builtin }
            let names = options.builtins.map { String($0.path.dropFirst("builtin:".count).dropLast(5)) }
            error("no built-in pack \(MessageText.quote(stem))" + MessageText.didYouMean(stem, among: names), at: reference.location)
            return nil
        }
        if path.hasPrefix("builtin:") {
            error("a built-in pack can include only built-in packs", at: reference.location)
            return nil
        }
        let target = PathText.resolve(text, relativeTo: path)
        let quoted = MessageText.quote(text, limit: 80)
        switch IncludeFiles.read(target, includer: path, extraRoots: options.includeRoots, onDisk: options.includesOnDisk, readFile: options.readFile) {
        case .success(let bytes):
            return PackSource(path: target, bytes: bytes)
        case .failure(.notFound):
            error("included pack \(quoted) not found (looked for \(MessageText.clip(target, limit: 120)))", at: reference.location)
        case .failure(.outside(let resolved)):
            let tree = PathText.directory(of: path)
            let roots = options.includeRoots.isEmpty ? "" : " or an --include-root directory"
            error(
                "include \(quoted) is outside the pack's directory tree (it resolves to \(MessageText.clip(resolved, limit: 120)), "
                    + "not inside \(MessageText.clip(tree.isEmpty ? "." : tree, limit: 120))\(roots)); widen with --include-root DIR",
                at: reference.location)
        case .failure(.notRegular):
            error("include \(quoted) is not a regular file", at: reference.location)
        case .failure(.loop):
            error("include \(quoted) goes through more than \(PhysicalPath.maxLinks) symbolic links", at: reference.location)
        case .failure(.unreadable):
            error("included pack \(quoted) cannot be read (\(MessageText.clip(target, limit: 120)))", at: reference.location)
        }
        return nil
    }

    static func canonical(_ path: String) -> String {
        path.hasPrefix("builtin:") ? path : PathText.normalize(path)
    }
}
