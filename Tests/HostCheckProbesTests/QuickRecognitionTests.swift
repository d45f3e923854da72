import Foundation
import HostCheckCore
@testable import HostCheckProbes
import Testing

/// The byte path of recognition (``QuickRecognition``) against the string path
/// (``FormatRecognizer``): the same snapshot for every capture fixture and for texts made to sit
/// on the edge of the quick shapes.
@Suite struct QuickRecognitionTests {
    /// The built-in formats with the byte path disabled: every text takes the string path.
    static let stringPath = CaptureFormatCatalog.builtin.map { format in
        var format = format
        format.quick = .unknown
        return format
    }

    /// Every file under a `Fixtures` directory of the tests and under `Tests/HostileCatalogue`
    /// (packs, snapshots and sources aside): Windows, Unix, localized, UTF-16, BOMs, CRLF, NULs,
    /// long lines.
    static let fixtureFiles: [String] = {
        let tests = CaptureFixtures.testsDirectory.deletingLastPathComponent()
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(at: tests, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            let path = url.path
            guard path.contains("/Fixtures/") || path.contains("/HostileCatalogue/"),
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  !["swift", "yaml", "yml", "md"].contains(url.pathExtension) else { continue }
            files.append(path)
        }
        return files.sorted()
    }()

    @Test func everyFixtureGivesTheSameSnapshotOnBothPaths() throws {
        #expect(Self.fixtureFiles.count > 300)
        var quick = 0
        for file in Self.fixtureFiles {
            let bytes = try #require(FileManager.default.contents(atPath: file))
            let text = CaptureText(file: file, encoding: .utf8, utf8: Array(bytes))
            if QuickRecognition.format(of: text, among: CaptureFormatCatalog.builtin) != nil { quick += 1 }
            let fast = try CaptureProbe(paths: [file], hostName: "h", formats: CaptureFormatCatalog.builtin).snapshot()
            let slow = try CaptureProbe(paths: [file], hostName: "h", formats: Self.stringPath).snapshot()
            #expect(fast == slow, "\(file)")
        }
        // The comparison means something only if the byte path decides many of them.
        #expect(quick >= 40)
    }

    /// The quick shapes and lines just outside them: each text is recognised as the string
    /// path recognises it, and the byte path decides (or declines) as stated.
    @Test(arguments: [
        // (text, decided by the byte path)
        ("\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n"
            + "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       912\r\n"
            + "  UDP    [fe80::1%12]:1900 *:*                                    1104\r\n", true),
        ("  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING\n  UDP    0.0.0.0:5353  *:*\n", true),
        ("Active Connections\n  Proto  Local Address  Foreign Address  State  PID\n", false),
        ("  TCP    0.0.0.0:135  0.0.0.0:0  ABHÖREN  912\n", false),
        ("  TCP    0.0.0.0:135  0.0.0.0:0  LISTENING  912\nNetid State Recv-Q Send-Q\n", false),
        ("  TCP    0.0.0.0:135  0.0.0.0:0  LISTENING  912\n========= ====\n", false),
        ("  TCP    0.0.0.0:135  0.0.0.0:0  LocalAddress  912\n", false),
        ("  TCP    0.0.0.0:135  tcp4  LISTENING  912\n", false),
        ("\"Image Name\",\"PID\",\"Session Name\",\"Session#\",\"Mem Usage\"\r\n"
            + "\"System Idle Process\",\"0\",\"Services\",\"0\",\"8 K\"\r\n"
            + "\"svchost.exe\",\"912\",\"Services\",\"0\",\"12,204 K\"\r\n", true),
        ("\"Image Name\",\"PID\",\"Session Name\",\"Session#\",\"Mem Usage\"\r\n", false),
        ("\"ProcessName\",\"912\",\"Services\",\"0\",\"12,204 K\"\n", false),
        ("\"ProcessId\",\"912\",\"Name\",\"0\",\"12,204 K\"\n", false),
        ("\"a tcp4 b\",\"912\",\"Services\",\"0\",\"12,204 K\"\n", false),
        ("\"a LocalAddress b\",\"912\",\"Services\",\"0\",\"12,204 K\"\n", false),
        ("\"svchost.exe\",\"912\",\"Services\",\"0\",\"12,204 K\"\n  TCP    0.0.0.0:135  0.0.0.0:0  LISTENING  912\n", false),
        ("\"svchost.exe\",\"912\",\"Services\",\"0\"\n", false),
        ("{\"OwningProcess\": 4}\n", false),
        ("#TYPE Microsoft.Management.Infrastructure.CimInstance\n\"LocalAddress\",\"LocalPort\"\n", false),
    ])
    func edgeTextsAgree(text: String, decided: Bool) {
        let capture = CaptureText(file: "c.txt", encoding: .utf8, text: text)
        #expect((QuickRecognition.format(of: capture, among: CaptureFormatCatalog.builtin) != nil) == decided)
        let input = { CaptureInput(file: "c.txt", bytes: Array(text.utf8)) }
        let fast = ParsedCapture.parse(input(), formats: CaptureFormatCatalog.builtin)
        let slow = ParsedCapture.parse(input(), formats: Self.stringPath)
        #expect(fast.source == slow.source)
        #expect(fast.sockets == slow.sockets)
        #expect(fast.processes == slow.processes)
        #expect(fast.diagnostics == slow.diagnostics)
    }

    /// A format of unknown behaviour (an extension's) sends every text down the string path.
    @Test func anUnknownFormatDisablesTheBytePath() {
        let text = CaptureText(
            file: "c.txt", encoding: .utf8, text: "  TCP    0.0.0.0:135  0.0.0.0:0  LISTENING  912\n")
        #expect(QuickRecognition.format(of: text, among: CaptureFormatCatalog.builtin)?.id == "windows-netstat")
        #expect(QuickRecognition.format(of: text, among: CaptureFormatCatalog.builtin + [Self.stringPath[0]]) == nil)
    }
}
