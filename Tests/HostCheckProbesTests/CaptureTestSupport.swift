import Foundation
import HostCheckCore
@testable import HostCheckProbes

/// Paths of the capture fixtures and of the shared corpus, found from this file.
enum CaptureFixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// `Tests/HostCheckProbesTests/Fixtures/windows/NAME`.
    static func windows(_ name: String) -> String {
        testsDirectory.appendingPathComponent("Fixtures/windows/\(name)").path
    }

    /// `Tests/HostCheckProbesTests/Fixtures/windows/languages/NAME`.
    static func language(_ name: String) -> String {
        windows("languages/\(name)")
    }

    /// `../shared/corpus` relative to the package root.
    static let corpusDirectory = testsDirectory
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/corpus")

    /// Parses in-memory text as one capture file named `name`.
    static func parse(_ text: String, name: String = "capture.txt") -> ParsedCapture {
        ParsedCapture.parse(CaptureInput(file: name, bytes: Array(text.utf8)))
    }

    /// The snapshot of some fixture files.
    static func snapshot(_ names: [String], host: String? = nil) throws -> Snapshot {
        try CaptureProbe(paths: names.map(windows), hostName: host).snapshot()
    }
}

extension Snapshot {
    /// Warnings and errors (notes excluded).
    var problems: [Diagnostic] { diagnostics.filter { $0.severity >= .warning } }
}

extension CaptureProbe {
    /// A capture probe over the built-in formats (what the registry passes in a build of this repository).
    init(paths: [String], hostName: String?) {
        self.init(paths: paths, hostName: hostName, formats: CaptureFormatCatalog.builtin)
    }
}

extension ParsedCapture {
    /// One file parsed among the built-in formats.
    static func parse(_ input: consuming CaptureInput) -> ParsedCapture {
        parse(input, formats: CaptureFormatCatalog.builtin)
    }
}
