#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckCore

/// The packs of a run, loaded and checked.
package struct LoadedPacks: Sendable, Hashable {
    /// Every pack, included packs before the packs that include them.
    package var packs: [RulePack]
    /// Each pack's id, version and sha256, for the run record.
    package var packInfos: [PackInfo]
    /// Every loaded rule, in pack order.
    package var ruleInfos: [RuleInfo]

    /// The run's packs; the infos are derived from them.
    package init(packs: [RulePack]) {
        self.packs = packs
        packInfos = packs.map(\.info)
        ruleInfos = packs.flatMap { $0.rules.map(\.info) }
    }

    /// Every rule, in pack order.
    package var rules: [Rule] { packs.flatMap(\.rules) }
    /// Warnings for `overrides:` that `--var` (or `--vars`) beat: printed by every command and
    /// recorded in the run's diagnostics, since the pack's author expected another value.
    package var overriddenOverrides: [Diagnostic] = []

    /// The strictest waiver policy of the packs; nil when none sets one.
    package var waiverPolicy: WaiverPolicy? { WaiverPolicy.strictest(packs.compactMap(\.waiverPolicy)) }

    /// What the packs know about a port (`hostcheck explain 3691/tcp`): the services that
    /// list it and the rules whose `select` names a local port that can be this one.
    package func knowledge(port: Int, protocol proto: TransportProtocol?) -> (services: [(pack: String, service: ServiceInfo)], rules: [Rule]) {
        var services: [(pack: String, service: ServiceInfo)] = []
        for pack in packs {
            for service in pack.services where service.ports.contains(where: { $0.number == port && (proto == nil || $0.protocol == proto) }) {
                services.append((pack.id, service))
            }
        }
        let rules = rules.filter { $0.selectsByPort && $0.mightSelect(port: port, protocol: proto) }
        return (services, rules)
    }
}

/// How packs are loaded beyond their own bytes.
package struct PackLoadOptions: Sendable {
    /// `--var PACK.NAME=VALUE` arguments (they win over variable files).
    package var variableOverrides: [String]
    /// `--vars FILE` contents, in order (a later file wins).
    package var variableFiles: [PackSource]
    /// The built-in packs, for `include: builtin:ID` (or a bare id); paths `builtin:NAME.yaml`.
    package var builtins: [PackSource]
    /// Reads an included file by path; nil when it cannot be read. Defaults to the file system.
    package var readFile: @Sendable (String) -> [UInt8]?
    /// Whether included files are on disk (the default): then an include is confined after its
    /// symbolic links are resolved, and ``readFile`` reads the file that was checked. False when
    /// a custom ``readFile`` serves files from memory: the confinement is then lexical.
    package var includesOnDisk: Bool
    /// Directories besides the including pack's own that an include may reach
    /// (`--include-root DIR`, repeatable).
    package var includeRoots: [String]
    /// The fields and matchers packs may use (the registry's).
    package var vocabulary: RuleVocabulary

    /// Options; by default no overrides, no built-in packs to include, files read from disk
    /// (includes confined to the including pack's directory tree), the built-in vocabulary. A
    /// `readFile` serves included files from elsewhere (memory), confined lexically.
    package init(
        variableOverrides: [String] = [], variableFiles: [PackSource] = [], builtins: [PackSource] = [],
        vocabulary: RuleVocabulary = .builtin, includeRoots: [String] = [],
        readFile: (@Sendable (String) -> [UInt8]?)? = nil
    ) {
        self.variableOverrides = variableOverrides
        self.variableFiles = variableFiles
        self.builtins = builtins
        self.vocabulary = vocabulary
        self.includeRoots = includeRoots
        self.readFile = readFile ?? PackLoadOptions.readFromDisk
        self.includesOnDisk = readFile == nil
    }
}

extension PackLoadOptions {
    /// Reads an included file from disk with ``InputFile``: a regular file within the pack limit
    /// (a FIFO, device or socket is never opened; docs/cli.md, "Limits"); nil when it cannot be read.
    package static let readFromDisk: @Sendable (String) -> [UInt8]? = { path in
        try? InputFile.read(path, kind: .pack, origin: .listed)
    }
}

/// Loads rule packs (docs/architecture.md, "Rule packs"), reporting every problem of every pack in one pass.
package enum PackLoader {
    /// Loads `sources` with `--var PACK.NAME=VALUE` overrides (for a list variable the value is
    /// split at commas). Diagnostics (errors and lint warnings) come sorted by file and line;
    /// `packs` is nil when any is an error.
    package static func load(_ sources: [PackSource], variableOverrides: [String]) -> (packs: LoadedPacks?, diagnostics: [Diagnostic]) {
        load(sources, options: PackLoadOptions(variableOverrides: variableOverrides))
    }

    /// Loads `sources` and the packs they include, with variable overrides from files and the
    /// command line.
    package static func load(_ sources: [PackSource], options: PackLoadOptions) -> (packs: LoadedPacks?, diagnostics: [Diagnostic]) {
        let set = PackSetLoader.run(sources, options: options)
        let sorted = sortDiagnostics(set.diagnostics, fileOrder: set.fileOrder)
        if set.failed || sorted.contains(where: { $0.severity == .error }) { return (nil, sorted) }
        var packs = LoadedPacks(packs: set.packs)
        packs.overriddenOverrides = sorted.filter { $0.severity == .warning && $0.message.hasSuffix(PackDecoder.commandLineWins) }
        return (packs, sorted)
    }

    /// What `hostcheck lint` reports: every load diagnostic, plus warnings for rules without
    /// `examples:`, sorted by file and line.
    package static func lint(_ sources: [PackSource], options: PackLoadOptions = PackLoadOptions()) -> [Diagnostic] {
        let set = PackSetLoader.run(sources, options: options)
        var diagnostics = set.diagnostics
        for rule in set.decodedRules where rule.examples.isEmpty {
            diagnostics.append(Diagnostic(.warning, "rule '\(rule.id)' has no examples (add examples: so `hostcheck test` can check it)", at: rule.location))
        }
        return sortDiagnostics(diagnostics, fileOrder: set.fileOrder)
    }

    /// `lint --waivers FILE`: the packs' problems, the waiver file's, and an error at each
    /// waiver that breaks the packs' waiver policy at `now` (``WaiverPolicy``).
    package static func lint(_ sources: [PackSource], options: PackLoadOptions, waivers: PackSource, now: Date) -> [Diagnostic] {
        let set = PackSetLoader.run(sources, options: options)
        var diagnostics = lint(sources, options: options)
        let (loaded, problems) = WaiverLoader.load(waivers)
        diagnostics += problems
        if let loaded, let policy = WaiverPolicy.strictest(set.packs.compactMap(\.waiverPolicy)) {
            for waiver in loaded.waivers {
                if let violation = policy.violation(of: waiver, now: now) { diagnostics.append(Diagnostic(.error, violation, at: waiver.location)) }
            }
        }
        return sortDiagnostics(diagnostics, fileOrder: set.fileOrder + [waivers.path])
    }

    /// `lint` with only `--var` overrides.
    package static func lint(_ sources: [PackSource], variableOverrides: [String]) -> [Diagnostic] {
        lint(sources, options: PackLoadOptions(variableOverrides: variableOverrides))
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
