import Foundation
import HostCheckCore
@testable import HostCheckProbes
import Testing

/// The byte path of `tasklist /fo csv` (``TasklistCSVBytes``) against the line path
/// (``TasklistCSVParser/parseLines(_:)``): the same processes, diagnostics and decoration for
/// every text it reads, and the line path for every text it declines.
@Suite struct TasklistCSVBytesTests {
    static func text(_ string: String) -> CaptureText {
        CaptureText(file: "tasklist.csv", encoding: .utf8, text: string)
    }

    static let header = "\"Image Name\",\"PID\",\"Session Name\",\"Session#\",\"Mem Usage\""

    @Test(arguments: [
        // (text, read by the byte path)
        (header + "\r\n\"System Idle Process\",\"0\",\"Services\",\"0\",\"8 K\"\r\n\"svchost.exe\",\"3268\",\"Services\",\"0\",\"38,402 K\"\r\n", true),
        ("\"System\",\"4\",\"Services\",\"0\",\"1,536 K\"\n\n  \t\n\"a.exe\",\"12\",\"Console\",\"1\",\"1 K\"", true),
        (header + "\n" + header + "\n\"x.exe\",\"4\",\"Services\",\"0\",\"8 K\"\n", true),
        ("\"x.exe\",\"4\",\"Services\",\"0\",\"8 K\"\n" + header + "\n", true),
        ("\"x.exe\",\"12345678901\",\"Services\",\"0\",\"8 K\"\n\"\",\"4\",\"S\",\"0\",\"8 K\"\n\"y\",\"\",\"S\",\"0\",\"8 K\"\n", true),
        ("\"x.exe\",\"4294967296\",\"Services\",\"0\",\"8 K\"\n\"x\",\"0012\",\"S\",\"0\",\"8 K\"\n", true),
        ("\"x.exe\",\"4\",\"Services\",\"0\"\n", false),
        ("\"x.exe\",\"4\",\"Services\",\"0\",\"8 K\",\"extra\"\n", false),
        ("\"x \"\"quoted\"\".exe\",\"4\",\"Services\",\"0\",\"8 K\"\n", false),
        ("\"user@host $ netstat -ano\",\"4\",\"S\",\"0\",\"8 K\"\n", false),
        ("\"préfixe.exe\",\"4\",\"Services\",\"0\",\"8 K\"\n", false),
        ("\"\u{301}x.exe\",\"4\",\"Services\",\"0\",\"8 K\"\n", false),
        ("\"x.exe\", \"4\",\"Services\",\"0\",\"8 K\"\n", false),
        (" \"x.exe\",\"4\",\"Services\",\"0\",\"8 K\"\n", false),
        ("\"x.exe\",\"4\",\"Services\",\"0\",\"8 K\" \n", false),
        ("C:\\>tasklist /fo csv\n\"x.exe\",\"4\",\"Services\",\"0\",\"8 K\"\n", false),
        ("\u{A0}\n\"x.exe\",\"4\",\"Services\",\"0\",\"8 K\"\n", true),
        ("\"x.exe\",\"4\",\"Services\",\"0\",\"8 K\"\r\"y.exe\",\"8\",\"Services\",\"0\",\"8 K\"", true),
        ("\"x\tx.exe\",\"4\",\"Services\",\"0\",\"8 K\"\n", true),
        ("\"x\u{1}.exe\",\"4\",\"Services\",\"0\",\"8 K\"\n", false),
    ])
    func bytePathReadsAsTheLinePath(_ string: String, read: Bool) {
        let text = Self.text(string)
        let bytes = TasklistCSVBytes.parse(text)
        #expect((bytes != nil) == read)
        if let bytes { #expect(bytes == TasklistCSVParser.parseLines(text)) }
        #expect(TasklistCSVParser.parse(text) == TasklistCSVParser.parseLines(text))
    }

    /// Every fixture the byte path reads gives what the line path gives.
    @Test func everyFixtureReadsAsTheLinePath() throws {
        var read = 0
        for file in QuickRecognitionTests.fixtureFiles {
            let bytes = try #require(FileManager.default.contents(atPath: file))
            guard let decoded = CaptureDecoder.decode(Array(bytes)) else { continue }
            let text = CaptureText(file: file, encoding: decoded.encoding, utf8: decoded.utf8)
            guard let fast = TasklistCSVBytes.parse(text) else { continue }
            read += 1
            #expect(fast == TasklistCSVParser.parseLines(text), "\(file)")
        }
        #expect(read >= 3)
    }
}
