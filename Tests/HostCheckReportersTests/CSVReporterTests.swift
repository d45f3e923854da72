import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct CSVReporterTests {
    private static let headerLine = "host,pack,rule,severity,outcome,message,evidence,title,pack_version,pack_file,pack_sha256\r\n"
    private static let magayaPack = ["1.0.0", "rules/magaya-network.yaml", String(repeating: "ab", count: 32)]

    private func render(_ hosts: [HostResults], verbose: Bool = false) throws -> String {
        try Samples.render(CSVReporter(options: ReporterOptions(verbose: verbose)), hosts: hosts)
    }

    /// The records of `text` read strictly: nil unless every record ends with CRLF and every
    /// field is either quoted (quotes doubled inside) or holds no quote, CR or LF.
    private func records(_ text: String) -> [[String]]? {
        let s = Array(text.unicodeScalars)
        var records: [[String]] = []
        var record: [String] = []
        var i = 0
        while i < s.count {
            var field = String.UnicodeScalarView()
            if s[i] == "\"" {
                i += 1
                while true {
                    guard i < s.count else { return nil }
                    if s[i] == "\"" {
                        guard i + 1 < s.count, s[i + 1] == "\"" else { i += 1; break }
                        field.append("\"")
                        i += 2
                    } else {
                        field.append(s[i])
                        i += 1
                    }
                }
            } else {
                while i < s.count, s[i] != ",", s[i] != "\r" {
                    if s[i] == "\"" || s[i] == "\n" { return nil }
                    field.append(s[i])
                    i += 1
                }
            }
            record.append(String(field))
            if i < s.count, s[i] == "," { i += 1; continue }
            guard i + 1 < s.count, s[i] == "\r", s[i + 1] == "\n" else { return nil }
            i += 2
            records.append(record)
            record = []
        }
        return record.isEmpty ? records : nil
    }

    @Test func headerThenARowPerResultPassesIncluded() throws {
        let csv = try render([Samples.hostResults])
        #expect(csv.hasPrefix(Self.headerLine))
        #expect(try render([Samples.hostResults], verbose: true) == csv)
        let rows = try #require(records(csv))
        #expect(rows.first == CSV.header)
        let expected = Samples.hostResults.results.map { result in
            [result.host, result.pack, result.rule, result.severity.rawValue, result.outcome.rawValue, result.message,
             result.rule == "magaya-3691-owner" ? "netstat.txt:8" : result.rule == "sshd-up" ? "netstat.txt:12" : "",
             result.title ?? ""] + (result.pack == "magaya-network" ? Self.magayaPack : ["", "", ""])
        }
        #expect(Array(rows.dropFirst()) == expected)
        // The example in docs/reports.md.
        #expect(csv.contains("""
        wh-berlin-02,base,no-telnet,medium,waived,tcp 0.0.0.0:23 is listening,,No telnet,,,\r
        wh-berlin-02,magaya-network,magaya-3691-owner,high,fail,"tcp 0.0.0.0:3691 is owned by nc64.exe (pid 6120), expected magaya*",netstat.txt:8,Only Magaya may listen on port 3691,1.0.0,rules/magaya-network.yaml,\(String(repeating: "ab", count: 32))\r
        wh-berlin-02,base,sshd-up,low,unknown,owner of tcp 0.0.0.0:22 is unknown,netstat.txt:12,,,,\r\n
        """))
    }

    /// The pack columns come from the run's packs, escaped like every other field.
    @Test func packColumnsNameThePackTheRunLoaded() throws {
        var run = Samples.run
        run.packs[0].file = "=HYPERLINK(\"x\")\u{202E}.yaml"
        let csv = try Samples.render(CSVReporter(options: ReporterOptions()), hosts: [Samples.hostResults], run: run)
        let rows = try #require(records(csv))
        let failing = try #require(rows.first { $0[2] == "magaya-3691-owner" })
        #expect(Array(failing.suffix(3)) == ["1.0.0", "'=HYPERLINK(\"x\")\\u{202e}.yaml", String(repeating: "ab", count: 32)])
        #expect(rows.first { $0[2] == "no-telnet" }.map { Array($0.suffix(3)) } == ["", "", ""])
    }

    @Test func crlfLineEndsUTF8WithoutBOM() throws {
        let csv = try render([Samples.hostResults, Samples.hostResults])
        #expect(csv.unicodeScalars.first != "\u{FEFF}")
        #expect(csv.hasSuffix("\r\n"))
        let bytes = Array(csv.utf8)
        for (index, byte) in bytes.enumerated() where byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D) }
        #expect(bytes.filter { $0 == 0x0A }.count == 13)
    }

    @Test func streamsHostByHost() throws {
        var reporter = CSVReporter(options: ReporterOptions())
        var out = ""
        try reporter.begin(Samples.run, to: &out)
        #expect(out == Self.headerLine)
        for _ in 1...2 {
            out = ""
            try reporter.host(Samples.hostResults, to: &out)
            #expect(try #require(records(out)).count == Samples.hostResults.results.count)
        }
        out = ""
        try reporter.end(Samples.summary([Samples.hostResults]), to: &out)
        #expect(out.isEmpty)
    }

    @Test func emptyRunIsTheHeaderOnly() throws {
        #expect(try render([]) == Self.headerLine)
    }

    @Test func evidenceSourcesAreDeduplicatedAndJoined() {
        let socket = Samples.netstatSocket
        var other = socket
        other.source = SourceLocation(file: "netstat.txt", line: 9)
        let result = Samples.result("r", .fail, evidence: [
            Evidence(socket: socket), Evidence(note: "no source"), Evidence(socket: other), Evidence(socket: socket),
            Evidence(source: SourceLocation(file: "ss.txt", line: 3, column: 7), note: "column"),
        ])
        #expect(CSV.evidence(result) == "netstat.txt:8; netstat.txt:9; ss.txt:3:7")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("x\ny", "\"x\ny\""),
        ("x\r\ny", "\"x\r\ny\""),
        ("a\tb", "\"a\tb\""),
        ("a=b", "a=b"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "\"'\tx\""),
        ("\rx", "\"'\rx\""),
        ("'=x", "''=x"),
        ("'abc", "'abc"),
        ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("\u{1B}[31mred", "\\u{1b}[31mred"),
        ("nul\u{0}", "nul\\u{0}"),
        ("\u{202E}fdp.exe", "\\u{202e}fdp.exe"),
        ("a\u{2066}b\u{2069}", "a\\u{2066}b\\u{2069}"),
        ("\u{9B}31m", "\"\u{9B}31m\""),
        ("Größe 端口", "Größe 端口"),
    ])
    func fieldEscaping(text: String, field: String) {
        #expect(CSV.field(text) == field)
    }

    @Test(arguments: [
        ("a,b", "a,b"),
        ("say \"hi\"", "say \"hi\""),
        ("line\nforged,row\r\n", "line\nforged,row\r\n"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("\u{202E}fdp.exe", "\\u{202e}fdp.exe"),
        (Samples.hostile, "<script>alert(\"x\")</script>]]>\n\\u{1b}[31mred & 'q'"),
    ])
    func hostileValuesRoundTripSafely(hostile: String, shown: String) throws {
        let result = RuleResult(
            host: hostile, pack: hostile, rule: hostile, title: hostile, severity: .critical, outcome: .fail, message: hostile,
            evidence: [Evidence(source: SourceLocation(file: hostile, line: 1), note: hostile)])
        let host = HostResults(host: HostInfo(name: hostile, platform: .linux, sources: [], coverage: .full), results: [result, result])
        let csv = try render([host])
        let rows = try #require(records(csv))
        #expect(rows.count == 3)
        for row in rows.dropFirst() {
            #expect(row == [shown, shown, shown, "critical", "fail", shown, shown + ":1", shown, "", "", ""])
            for field in row { #expect(!["=", "+", "-", "@", "\t", "\r"].contains(field.unicodeScalars.first)) }
        }
        #expect(!csv.unicodeScalars.contains(where: CSV.isHidden))
    }
}
