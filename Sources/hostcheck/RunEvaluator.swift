import Foundation
import HostCheckCore
import HostCheckRules

/// Loads packs and waivers for a command, turning their diagnostics into exit codes.
enum PackCompiler {
    /// Loads `sources`; prints every diagnostic; exit 65 when any is an error.
    static func load(_ sources: [PackSource], variables: [String], printWarnings: Bool = false) throws -> LoadedPacks {
        let (packs, diagnostics) = PackLoader.load(sources, variableOverrides: variables)
        for diagnostic in diagnostics.sorted(by: DiagnosticOrder.byLocation)
        where diagnostic.severity == .error || printWarnings {
            printError(diagnostic.description)
        }
        guard let packs, !diagnostics.contains(where: { $0.severity == .error }) else {
            let count = diagnostics.filter { $0.severity == .error }.count
            throw CLIError(.dataError, "\(count) error\(count == 1 ? "" : "s") in rule packs")
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
        let bytes = try FileAccess.read(path)
        let (waivers, diagnostics) = WaiverLoader.load(PackSource(path: path, bytes: bytes))
        for diagnostic in diagnostics where diagnostic.severity == .error { printError(diagnostic.description) }
        guard let waivers, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw CLIError(.dataError, "\(path): invalid waiver file")
        }
        return WaiverFile(waivers: waivers, sha256: SHA256Digest.hex(of: bytes), diagnostics: diagnostics)
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
