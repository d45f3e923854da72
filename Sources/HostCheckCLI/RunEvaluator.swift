#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckCore
import HostCheckRules

/// Loads packs and waivers for a command, turning their diagnostics into exit codes.
enum PackCompiler {
    /// Loads `sources`; prints every diagnostic; exit 65 when any is an error.
    static func load(_ sources: [PackSource], options: PackLoadOptions, printWarnings: Bool = false) throws -> LoadedPacks {
        let (packs, diagnostics) = PackLoader.load(sources, options: options)
        for diagnostic in diagnostics.sorted(by: DiagnosticOrder.byLocation)
        where diagnostic.severity == .error || printWarnings || packs?.overriddenOverrides.contains(diagnostic) == true {
            printError(diagnostic.description)
        }
        guard let packs, !diagnostics.contains(where: { $0.severity == .error }) else {
            let errors = diagnostics.filter { $0.severity == .error }.sorted(by: DiagnosticOrder.byLocation)
            var error = CLIError(.dataError, "\(errors.count) error\(errors.count == 1 ? "" : "s") in rule packs")
            error.firstDetail = errors.first?.description
            throw error
        }
        return packs
    }
}

/// A loaded waiver file with its checksum.
struct WaiverFile {
    var waivers: WaiverSet
    var sha256: String
    var diagnostics: [Diagnostic]

    /// Loads `path`: exit 66 when missing, 65 when invalid.
    static func load(_ path: String) throws -> WaiverFile {
        let bytes = try FileAccess.read(path, as: .waivers)
        let (waivers, diagnostics) = WaiverLoader.load(PackSource(path: path, bytes: bytes))
        for diagnostic in diagnostics where diagnostic.severity == .error { printError(diagnostic.description) }
        guard let waivers, !diagnostics.contains(where: { $0.severity == .error }) else {
            var error = CLIError(.dataError, "\(path): invalid waiver file")
            error.firstDetail = diagnostics.first { $0.severity == .error }?.description
            throw error
        }
        return WaiverFile(waivers: waivers, sha256: waivers.sha256, diagnostics: diagnostics)
    }
}

/// Orders diagnostics by file, line and column (those without location last).
enum DiagnosticOrder {
    static func byLocation(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case let (l?, r?): return l < r
        case (.some, nil): return true
        default: return false
        }
    }
}

/// The evaluator of a run and the bookkeeping it needs across hosts.
struct RunEvaluator: Sendable {
    let evaluator: Evaluator
    let ruleInfos: [RuleInfo]

    /// Applies the filter and prepares the waivers. Exit 64 when the packs hold no rule at all,
    /// and when the filters (`--rule`, `--tag`, `--min-severity`) leave none, each said once.
    static func make(packs: LoadedPacks, filter: RuleFilter, waivers: WaiverSet?, now: Date) throws -> RunEvaluator {
        guard !packs.rules.isEmpty else {
            let files = packs.packInfos.map(\.file)
            throw CLIError(.usage, "no rule to evaluate: the packs loaded (\(files.joined(separator: ", "))) hold no rule")
        }
        let evaluator: Evaluator
        do {
            evaluator = try Evaluator(packs: packs, filter: filter, waivers: waivers, now: now)
        } catch {
            throw CLIError(.usage, error.description)
        }
        guard !evaluator.rules.isEmpty else { throw CLIError(.usage, "no rule left after the filters") }
        let broken = evaluator.diagnostics.filter { $0.severity == .error }
        if !broken.isEmpty {
            for diagnostic in broken { printError(diagnostic.description) }
            var error = CLIError(.dataError, "\(broken.count) waiver\(broken.count == 1 ? "" : "s") break the packs' waiver policy")
            error.firstDetail = broken.first?.description
            throw error
        }
        let kept = Set(evaluator.rules.map { "\($0.pack)/\($0.id)" })
        let infos = packs.ruleInfos.filter { kept.contains("\($0.pack)/\($0.id)") }
        return RunEvaluator(evaluator: evaluator, ruleInfos: infos)
    }

    /// Every rule on one host.
    func evaluate(_ snapshot: Snapshot) -> HostResults { evaluator.evaluate(snapshot) }

    /// Run-level warnings known at start (expired or expiring waivers).
    var startDiagnostics: [Diagnostic] { evaluator.diagnostics }

    /// Warnings known at the end (waivers that matched nothing).
    func finish(_ usage: WaiverUsage) -> [Diagnostic] { evaluator.finish(usage) }
}
