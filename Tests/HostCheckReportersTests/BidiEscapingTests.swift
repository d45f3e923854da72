import Foundation
import Testing
import HostCheckCore
@testable import HostCheckReporters

/// Bidirectional controls in captured text through every report format (docs/reports.md,
/// "Escaping"): JSON, SARIF and NDJSON escape them losslessly (`\u202e`), every other format shows
/// them as the visible `\u{202e}`, and no format writes one raw.
@Suite struct BidiEscapingTests {
    /// U+202A–U+202E, U+2066–U+2069, U+200E, U+200F and U+061C.
    static let controls: [Unicode.Scalar] = ([0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
                                              0x200E, 0x200F, 0x061C] as [UInt32]).compactMap(Unicode.Scalar.init)

    /// A name with every control between letters, the way a spoofed `exe.gpj` is written.
    static let name = "x" + controls.map { String(Character($0)) + "y" }.joined()

    static let host = HostResults(
        host: HostInfo(name: "wh-" + name, platform: .windows, sources: [CaptureSource(file: "netstat.txt", format: "windows-netstat")],
                       coverage: .full),
        results: [RuleResult(
            host: "wh-" + name, pack: "p", rule: "r", title: "t", severity: .high, outcome: .fail,
            message: "owned by " + name,
            evidence: [Evidence(
                socket: SocketFact(protocol: .tcp, family: .ipv4, localAddress: "0.0.0.0", localPort: 3691, state: .listening,
                                   ownership: .owned, pids: [66], source: SourceLocation(file: "netstat.txt", line: 8)),
                processes: [ProcessFact(pid: 66, name: name, source: SourceLocation(file: "tasklist.csv", line: 2))])])])

    static func render(_ id: String) throws -> String {
        let descriptor = try #require(ReporterCatalog.builtin.first { $0.id == id })
        return try Samples.render(descriptor.make(ReporterOptions()), hosts: [host], run: Samples.run(covering: [host]))
    }

    /// Every string value of a JSON document.
    static func strings(_ value: Any) -> [String] {
        switch value {
        case let text as String: [text]
        case let array as [Any]: array.flatMap(strings)
        case let object as [String: Any]: object.values.flatMap(strings)
        default: []
        }
    }

    @Test func controlsAreTheListedOnes() {
        #expect(Self.controls.count == 12)
        #expect(Self.controls.allSatisfy(TerminalText.isBidirectionalControl))
        #expect(!TerminalText.isBidirectionalControl("a") && !TerminalText.isBidirectionalControl("\u{200D}"))
    }

    @Test(arguments: ReporterCatalog.builtin.map(\.id))
    func noFormatWritesARawControl(id: String) throws {
        let text = try Self.render(id)
        #expect(text.contains("owned by") || text.contains("wh-x"), "\(id) did not write the name at all")
        for control in Self.controls {
            #expect(!text.unicodeScalars.contains(control), "\(id) wrote U+\(String(control.value, radix: 16)) raw")
        }
        #expect(!Array(text.utf8).windows(ofCount: 3).contains { $0.elementsEqual([0xE2, 0x80, 0xAE]) })
    }

    static let jsonFormats = ["json", "sarif", "ndjson"]

    @Test(arguments: jsonFormats)
    func jsonFormatsEscapeLosslessly(id: String) throws {
        let text = try Self.render(id)
        #expect(text.contains(#"\u202e"#))
        for control in Self.controls {
            #expect(text.contains("\\u" + String(format: "%04x", control.value)))
        }
        // Compact JSON and SARIF are one line; NDJSON is one document per line.
        let documents = try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
        #expect(documents.flatMap(Self.strings).contains { $0.contains(Self.name) }, "\(id) did not read back to the same name")
    }

    @Test(arguments: ReporterCatalog.builtin.map(\.id).filter { !jsonFormats.contains($0) })
    func otherFormatsShowVisibleEscapes(id: String) throws {
        let text = try Self.render(id)
        for control in Self.controls {
            #expect(text.contains("\\u{" + String(control.value, radix: 16) + "}"), "\(id) lacks \\u{\(String(control.value, radix: 16))}")
        }
    }
}

extension Array {
    /// Every run of `count` consecutive elements.
    fileprivate func windows(ofCount count: Int) -> [ArraySlice<Element>] {
        guard count <= self.count else { return [] }
        return (0...(self.count - count)).map { self[$0..<($0 + count)] }
    }
}
