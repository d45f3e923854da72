import HostCheckBuiltinPacks
import HostCheckCore
import HostCheckProbes
import HostCheckReporters
import HostCheckRules

/// Every capability one hostcheck binary has: probes, capture formats, reporters, rule fields,
/// matchers and built-in rule packs.
///
/// The executable assembles it once from the descriptor lists each module exports and passes
/// it to ``HostCheckMain/main(registry:)``; every command receives it as a value and looks
/// nothing up anywhere else. `hostcheck list`, `--format`'s help, lint's suggestions and the
/// docs' tables come from it (docs/architecture.md, "The registry").
public struct Registry: Sendable {
    /// The probes; for a live or a file input the first that fits is chosen.
    public var probes: [ProbeDescriptor]
    /// The capture formats given to file probes; equal recognitions go to the one listed first.
    public var captureFormats: [CaptureFormatDescriptor]
    /// The report formats `--format` chooses among.
    public var reporters: [ReporterDescriptor]
    /// The rule fields packs may use.
    public var fields: [Field]
    /// The matchers packs may use.
    public var matchers: [MatcherDescriptor]
    /// The built-in rule packs (`builtin:FILE` in includes and diagnostics): what `check`, `lint`,
    /// `test`, `list rules` and `explain` read when no pack is given, and what `include: builtin:ID` reaches.
    public var packs: [BuiltinPacks.File]

    /// Creates a registry from descriptor lists (``builtin`` is this repository's). With no
    /// `packs` the binary has no built-in pack: `check` then needs packs on its command line.
    public init(
        probes: [ProbeDescriptor], captureFormats: [CaptureFormatDescriptor], reporters: [ReporterDescriptor],
        fields: [Field], matchers: [MatcherDescriptor], packs: [BuiltinPacks.File] = []
    ) {
        self.probes = probes
        self.captureFormats = captureFormats
        self.reporters = reporters
        self.fields = fields
        self.matchers = matchers
        self.packs = packs
    }

    /// The capabilities built into this repository.
    public static var builtin: Registry {
        Registry(
            probes: ProbeCatalog.builtin, captureFormats: CaptureFormatCatalog.builtin, reporters: ReporterCatalog.builtin,
            fields: FieldCatalog.builtin, matchers: MatcherCatalog.builtin, packs: BuiltinPacks.all)
    }

    /// The probe whose id is `id`.
    public func probe(id: String) -> ProbeDescriptor? {
        probes.first { $0.id == id }
    }

    /// The first live probe that runs on `platform`.
    public func liveProbe(on platform: Platform) -> ProbeDescriptor? {
        probes.first { $0.source == .live && $0.platforms.contains(platform) }
    }

    /// The first probe that reads captured files.
    public var fileProbe: ProbeDescriptor? {
        probes.first { $0.source == .files }
    }

    /// The reporter whose id is `id` (compared exactly).
    public func reporter(id: String) -> ReporterDescriptor? {
        reporters.first { $0.id == id }
    }

    /// The built-in packs as pack sources, named `builtin:NAME`.
    package var packSources: [PackSource] {
        packs.map { PackSource(path: "builtin:\($0.name)", bytes: $0.bytes) }
    }

    /// The fields and matchers packs may use.
    public var vocabulary: RuleVocabulary {
        RuleVocabulary(fields: fields, matchers: matchers)
    }

    /// Ids given twice within one kind of capability: a registry with any is not usable.
    public var duplicateIDs: [String] {
        func duplicates(_ kind: String, _ ids: [String]) -> [String] {
            var seen: Set<String> = []
            return ids.filter { !seen.insert($0).inserted }.map { "\(kind) \($0)" }
        }
        return duplicates("probe", probes.map(\.id)) + duplicates("capture format", captureFormats.map(\.id))
            + duplicates("reporter", reporters.map(\.id)) + duplicates("field", fields.map(\.name))
            + duplicates("matcher", matchers.map(\.keyword)) + duplicates("built-in pack", packs.map(\.name))
    }
}

extension Platform {
    /// The platform this binary runs on.
    static var current: Platform {
        #if os(Linux)
        .linux
        #elseif os(macOS)
        .macos
        #elseif os(Windows)
        .windows
        #else
        .unknown
        #endif
    }
}
