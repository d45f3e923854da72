import Foundation
import HostCheckCore
import HostCheckFuzzProperties
import Testing

/// Every fuzz target's properties over its corpus in `Fuzz/Corpus/<target>` (docs/fuzzing.md):
/// the seeds and every finding kept as a regression input.
struct FuzzCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus").path

    @Test(arguments: FuzzTarget.allCases)
    func corpusHoldsEveryProperty(_ target: FuzzTarget) throws {
        let files = FuzzReplay.files([Self.root + "/" + target.rawValue])
        #expect(files.count >= 3, "the \(target.rawValue) corpus has seeds")
        for file in files {
            let data = try #require(FileManager.default.contents(atPath: file))
            let violation = target.check(Array(data))
            #expect(violation == nil, "\(file): \(violation ?? "")")
        }
    }

    /// The properties can fail: an unlocated error, or full coverage claimed with no source.
    @Test func violationsAreReported() {
        let input = Array("a: 1\nb: [\n".utf8)
        #expect(LocatedErrors.check(loaded: false, [], file: "p.yaml", bytes: input) != nil)
        #expect(LocatedErrors.check(loaded: false, [Diagnostic(.error, "bad")], file: "p.yaml", bytes: input) != nil)
        let beyond = Diagnostic(.error, "bad", at: SourceLocation(file: "p.yaml", line: 9, column: 1))
        #expect(LocatedErrors.check(loaded: false, [beyond], file: "p.yaml", bytes: input) != nil)
        let located = Diagnostic(.error, "bad", at: SourceLocation(file: "p.yaml", line: 2, column: 4))
        #expect(LocatedErrors.check(loaded: false, [located], file: "p.yaml", bytes: input) == nil)
        let claiming = Snapshot(host: HostInfo(name: "h", platform: .windows, coverage: .full))
        #expect(CaptureProperties.coverage(claiming) != nil)
        let honest = Snapshot(host: HostInfo(name: "h", platform: .windows, coverage: .none))
        #expect(CaptureProperties.coverage(honest) == nil)
    }
}
