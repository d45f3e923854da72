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
