import Foundation
import Testing

/// Issue 4: the same host captured as UTF-8, as UTF-16LE with a byte-order mark (Windows
/// PowerShell 5.1 `>`) and in its OEM code page (cmd, German CP850) gives the same outcome.
@Suite struct WindowsCaptureEncodingTests {
    /// A German `netstat -ano` (port 3691 listened on by PID 6120), as UTF-8 and as CP850.
    static let languages = HostCheckRunner.packageRoot.appendingPathComponent("Tests/HostCheckProbesTests/Fixtures/windows/languages")
    /// A German `tasklist /fo csv`: its header and figures are ASCII, as Windows writes them.
    static let tasklist = """
        "Abbildname","PID","Sitzungsname","Sitz.-Nr.","Speichernutzung"\r
        "System","4","Services","0","1.536 K"\r
        "svchost.exe","988","Services","0","12.204 K"\r
        "nc64.exe","6120","Services","0","48.332 K"\r

        """

    static func utf16LEWithBOM(_ bytes: [UInt8]) -> [UInt8] {
        [0xFF, 0xFE] + String(decoding: bytes, as: UTF8.self).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    /// A bundle directory named `wh-berlin-02` holding the netstat and tasklist bytes.
    static func bundle(netstat: [UInt8], tasklist: [UInt8]) throws -> String {
        let directory = try HostCheckRunner.temporaryDirectory().appendingPathComponent("wh-berlin-02")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(netstat).write(to: directory.appendingPathComponent("netstat.txt"))
        try Data(tasklist).write(to: directory.appendingPathComponent("tasklist.csv"))
        return directory.path
    }

    @Test func utf8UTF16AndOEMCapturesOfOneHostGiveOneOutcome() throws {
        let utf8 = try [UInt8](Data(contentsOf: Self.languages.appendingPathComponent("netstat-ano-de.txt")))
        let oem = try [UInt8](Data(contentsOf: Self.languages.appendingPathComponent("netstat-ano-de.cp850.txt")))
        let tasklist = Array(Self.tasklist.utf8)
        let bundles = [
            ("utf-8", try Self.bundle(netstat: utf8, tasklist: tasklist)),
            ("utf-16le-bom", try Self.bundle(netstat: Self.utf16LEWithBOM(utf8), tasklist: Self.utf16LEWithBOM(tasklist))),
            ("cp850", try Self.bundle(netstat: oem, tasklist: tasklist)),
        ]
        var outcomes: [[String]] = []
        for (encoding, directory) in bundles {
            let check = try HostCheckRunner.run(["check", "rules/magaya-network.yaml", "--capture", directory, "--format", "json"])
            #expect(check.status == 1, "\(encoding): \(check.stdout) \(check.stderr)")
            #expect(check.stdout.contains("nc64.exe"), "\(encoding)")
            outcomes.append(Self.outcomes(check.stdout))
            let facts = try HostCheckRunner.run(["facts", "--capture", directory, "--format", "json"])
            #expect(Self.netstatEncoding(facts.stdout) == encoding)
        }
        #expect(outcomes.allSatisfy { $0 == outcomes[0] }, "\(outcomes)")
        #expect(outcomes[0] == ["magaya-3691-owner=fail"], "\(outcomes[0])")
    }

    /// The (rule, outcome) pairs of a results JSON document, in order.
    static func outcomes(_ json: String) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let results = object["results"] as? [[String: Any]] else { return ["unparseable"] }
        return results.map { "\($0["rule"] ?? "?")=\($0["outcome"] ?? "?")" }
    }

    /// The encoding recorded for the bundle's netstat file.
    static func netstatEncoding(_ json: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let host = object["host"] as? [String: Any], let sources = host["sources"] as? [[String: Any]] else { return nil }
        return sources.first { ($0["file"] as? String)?.hasSuffix("netstat.txt") == true }?["encoding"] as? String
    }
}
