import HostCheckCore
import Testing
@testable import HostCheckProbes

@Suite("windows languages and code pages")
struct WindowsLanguageTests {
    struct Case: Sendable, CustomStringConvertible {
        var fixture: String
        var encoding: CaptureEncoding
        /// The state word kept for the 3691 listener (nil when English).
        var rawState: String?
        var description: String { fixture }
    }

    static let cases: [Case] = [
        Case(fixture: "netstat-ano-en.txt", encoding: .utf8, rawState: nil),
        Case(fixture: "netstat-ano-de.txt", encoding: .utf8, rawState: "ABHÖREN"),
        Case(fixture: "netstat-ano-de.cp850.txt", encoding: .cp850, rawState: "ABHÖREN"),
        Case(fixture: "netstat-ano-de.cp1252.txt", encoding: .cp1252, rawState: "ABHÖREN"),
        Case(fixture: "netstat-ano-de-mojibake.txt", encoding: .utf8, rawState: "ABH™REN"),
        Case(fixture: "netstat-ano-fr.txt", encoding: .utf8, rawState: nil),
        Case(fixture: "netstat-ano-fr.cp850.txt", encoding: .cp850, rawState: nil),
        Case(fixture: "netstat-ano-es.txt", encoding: .utf8, rawState: nil),
        Case(fixture: "netstat-ano-es.cp850.txt", encoding: .cp850, rawState: nil),
        Case(fixture: "netstat-ano-pt.txt", encoding: .utf8, rawState: nil),
        Case(fixture: "netstat-ano-pt.cp850.txt", encoding: .cp850, rawState: nil),
        Case(fixture: "netstat-ano-it.txt", encoding: .utf8, rawState: nil),
        Case(fixture: "netstat-ano-ru.txt", encoding: .utf8, rawState: nil),
        Case(fixture: "netstat-ano-ru.cp866.txt", encoding: .cp866, rawState: nil),
        Case(fixture: "netstat-ano-ru.cp1251.txt", encoding: .cp1251, rawState: nil),
        Case(fixture: "netstat-ano-pl.txt", encoding: .utf8, rawState: nil),
        Case(fixture: "netstat-ano-pl.cp852.txt", encoding: .cp852, rawState: nil),
        Case(fixture: "netstat-ano-pl.cp1250.txt", encoding: .cp1250, rawState: nil),
        Case(fixture: "netstat-ano-zh-cn.txt", encoding: .utf8, rawState: nil),
        Case(fixture: "netstat-ano-zh-cn.cp936.txt", encoding: .cp936, rawState: nil),
        Case(fixture: "netstat-ano-zh-tw.txt", encoding: .utf8, rawState: nil),
        Case(fixture: "netstat-ano-zh-tw.cp950.txt", encoding: .cp950, rawState: nil),
        Case(fixture: "netstat-ano-ja.txt", encoding: .utf8, rawState: nil),
        Case(fixture: "netstat-ano-ja.cp932.txt", encoding: .cp932, rawState: nil),
        Case(fixture: "netstat-ano-ko.txt", encoding: .utf8, rawState: nil),
        Case(fixture: "netstat-ano-ko.cp949.txt", encoding: .cp949, rawState: nil),
    ]

    @Test(arguments: cases)
    func localizedCaptureGivesTheSameFacts(_ testCase: Case) throws {
        let snapshot = try CaptureProbe(paths: [CaptureFixtures.language(testCase.fixture)], hostName: nil).snapshot()
        #expect(snapshot.diagnostics.isEmpty)
        #expect(snapshot.host.sources.first?.encoding == testCase.encoding.rawValue)
        #expect(snapshot.host.sources.first?.format == "windows-netstat")
        #expect(snapshot.sockets.count == 6)
        #expect(snapshot.sockets.map(\.state) == [.listening, .listening, .established, .timeWait, .listening, .listening])
        let listener = try #require(snapshot.sockets.first { $0.localPort == 3691 })
        #expect(listener.source.line == 6)
        #expect(listener.pids == [6120])
        #expect(listener.rawState == testCase.rawState)
    }

    @Test func everyLanguageOfTheTableHasAFixture() {
        let covered = Set(Self.cases.map(\.fixture))
        for language in WindowsLanguages.all {
            #expect(covered.contains("netstat-ano-\(language.code.lowercased()).txt"), "\(language.code)")
        }
    }

    @Test func everyCodePageIsChosenByAFixture() {
        var chosen = Set(Self.cases.map(\.encoding))
        chosen.insert(.cp437)
        for page in CodePage.allCases {
            #expect(chosen.contains(page.encoding), "\(page)")
        }
    }

    @Test func englishOEMCaptureWithoutSignatureIsAGuessedCP437() throws {
        let snapshot = try CaptureProbe(paths: [CaptureFixtures.language("netstat-anob-en.cp437.txt")], hostName: nil)
            .snapshot()
        #expect(snapshot.host.sources.first?.encoding == "cp437")
        #expect(snapshot.processesByPID()[6120]?.name == "Café Server.exe")
        #expect(snapshot.diagnostics.map(\.severity) == [.warning])
        #expect(snapshot.diagnostics.first?.location?.line == nil)
    }

    @Test func frenchTasklistInCP850() throws {
        let snapshot = try CaptureProbe(paths: [CaptureFixtures.language("tasklist-fr.cp850.txt")], hostName: nil)
            .snapshot()
        #expect(snapshot.diagnostics.isEmpty)
        #expect(snapshot.host.sources.first?.encoding == "cp850")
        #expect(snapshot.processes.map(\.name) == ["System Idle Process", "System", "nc64.exe"])
    }

    @Test(arguments: CodePage.allCases.filter { $0.upperHalf != nil })
    func singleByteTablesRoundTrip(_ page: CodePage) throws {
        let table = try #require(page.upperHalf)
        #expect(table.count == 128)
        let bytes = (0x80...0xFF).map { UInt8($0) }.filter { table[Int($0) - 0x80] != "\u{FFFD}" }
        let text = try #require(page.decode(bytes[...]))
        #expect(page.encode(text) == bytes)
    }

    @Test func mojibakeVariantsComeFromTheOEMToANSIMisreading() {
        #expect(Mojibake.variants(of: "ABHÖREN").contains("ABH™REN"))
        #expect(Mojibake.variants(of: "LISTENING") == ["LISTENING"])
    }

    @Test(arguments: [
        ["netstat-ano-de.txt", "netstat-ano-de.cp850.txt", "netstat-ano-de.cp1252.txt"],
        ["netstat-ano-ru.txt", "netstat-ano-ru.cp866.txt", "netstat-ano-ru.cp1251.txt"],
        ["netstat-ano-ja.txt", "netstat-ano-ja.cp932.txt"],
    ])
    func everyEncodingOfOneCaptureGivesIdenticalSockets(_ fixtures: [String]) throws {
        let socketLists = try fixtures.map { fixture in
            try CaptureProbe(paths: [CaptureFixtures.language(fixture)], hostName: nil).snapshot().sockets.map { socket in
                var copy = socket
                copy.source.file = ""
                return copy
            }
        }
        for sockets in socketLists.dropFirst() {
            #expect(sockets == socketLists.first)
        }
    }
}

