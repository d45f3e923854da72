import Foundation
import HostCheckCore
import HostCheckRules
import Testing

/// A syntax error libyaml finds at the end of a last line without a line break is located on
/// that line, not on one past the end (a fuzz finding: Fuzz/Corpus/packs/finding-*).
@Suite struct YAMLLastLineTests {
    @Test(arguments: [
        ("a: 1\nb\n", 3),             // the last line ends with a break: libyaml's line 3 exists (empty)
        ("a: 1\nb", 2),               // no final break: libyaml says line 3, the file has 2
        ("a: 1\r\nb", 2),             // CR LF is one break
        ("a: 1\rb", 2),               // a lone CR is a break
        ("x: 1\ny: 2\nhost rcheck", 3),
    ])
    func syntaxErrorIsOnALineOfTheFile(text: String, line: Int) throws {
        let result = YAMLReader.read(Array(text.utf8), file: "t.yaml")
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.location?.line == line, "\(error)")
    }

    @Test func utf16WithoutFinalBreakIsClampedToo() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a: 1\nb".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let result = YAMLReader.read(bytes, file: "t.yaml")
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.location?.line == 2, "\(error)")
    }

    @Test func aWellFormedPackHasNoError() {
        let result = YAMLReader.read(Array("a: 1\nb: 2".utf8), file: "t.yaml")
        #expect(result.diagnostics.isEmpty)
    }
}

/// UTF-16 input is not recovered line by line: blanking its bytes as if they were UTF-8 could
/// make a line break the file does not have (a fuzz finding:
/// Fuzz/Corpus/waivers/finding-utf16-paragraph-separator-combining.yaml).
@Suite struct YAMLUTF16RecoveryTests {
    @Test func everyErrorOfAUTF16InputIsOnALineOfIt() throws {
        // UTF-16LE garbage with no NUL byte and one U+2029 (a YAML line break): two lines.
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus/waivers/finding-utf16-paragraph-separator-combining.yaml")
        let bytes = try [UInt8](Data(contentsOf: path))
        let result = YAMLReader.read(bytes, file: "t.yaml")
        #expect(!result.diagnostics.isEmpty)
        for diagnostic in result.diagnostics {
            #expect((diagnostic.location?.line ?? 1) <= 2, "\(diagnostic)")
        }
    }
}
