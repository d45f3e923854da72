import Testing
import Foundation
import HostCheckCore
@testable import HostCheckReporters

@Suite struct MarkdownReporterTests {
    private func render(_ hosts: [HostResults]) throws -> String {
        try Samples.render(MarkdownReporter(options: ReporterOptions()), hosts: hosts)
    }

    @Test func hostSectionsThenSummaryTable() throws {
        let markdown = try render([Samples.hostResults])
        #expect(markdown.hasPrefix("# ❌ hostcheck: FAIL — 1 of 1 host failing\n\n❌ 1 host, 6 rules: 2 pass, 1 fail, 1 unknown, 0 error, 1 skip, 1 waived\n"))
        #expect(markdown.contains("## ❌ `wh-berlin-02` (windows)\n"))
        #expect(markdown.contains("| ❌ fail | high | `magaya-network/magaya-3691-owner` | `tcp 0.0.0.0:3691 is owned by nc64.exe (pid 6120), expected magaya*` |\n"))
        #expect(markdown.contains("<details><summary>fail: magaya-network/magaya-3691-owner — Only Magaya may listen on port 3691</summary>"))
        #expect(markdown.contains("- `tcp 0.0.0.0:3691  pid 6120 nc64.exe  netstat.txt:8`\n"))
        #expect(markdown.contains("| ❌ `wh-berlin-02` | 2 | 1 | 1 | 0 | 1 | 1 |\n"))
        #expect(markdown.contains("| **total** | **2** | **1** | **1** | **0** | **1** | **1** |\n"))
        #expect(markdown.hasSuffix("❌ 1 host, 6 rules: 2 pass, 1 fail, 1 unknown, 0 error, 1 skip, 1 waived\n"))
        let failRow = try #require(markdown.range(of: "| ❌ fail"))
        let unknownRow = try #require(markdown.range(of: "| ❔ unknown"))
        #expect(failRow.lowerBound < unknownRow.lowerBound)
    }

    @Test func largeFleetsStayWithinGitHubLimits() throws {
        let hosts = (0..<150).map { index in
            var host = Samples.hostResults
            host.host.name = "host-\(index)"
            return host
        }
        let markdown = try render(hosts)
        #expect(markdown.components(separatedBy: "\n## ").count - 1 == MarkdownReporter.detailedHostLimit + 2)
        #expect(markdown.contains("| ❌ `host-99` |"))
        #expect(!markdown.contains("`host-100` |"))
        #expect(markdown.contains("| … 50 more: 50 failing, 0 error, 0 unknown, 0 passing |"))
        #expect(markdown.contains("Details of 130 more hosts (130 failing, 0 error, 0 unknown, 0 passing) are left out here"))
        #expect(markdown.contains("| **total** | **300** | **150** |"))
        #expect(markdown.utf8.count < 1_048_576)
    }

    @Test(arguments: [
        ("plain", false, "`plain`"),
        ("a`b", false, "``a`b``"),
        ("`x`", false, "`` `x` ``"),
        ("a|b", true, "`a\\|b`"),
        ("a|b", false, "`a|b`"),
        ("line\nbreak", false, "`line\\u{a}break`"),
        ("", false, ""),
    ])
    func codeSpans(text: String, inTable: Bool, expected: String) {
        #expect(MD.code(text, inTable: inTable) == expected)
    }

    @Test func hostileTextStaysInCodeSpans() throws {
        let markdown = try render([Samples.hostileHost])
        #expect(!markdown.unicodeScalars.contains { $0.value == 0x1B })
        for line in markdown.split(separator: "\n") where line.hasPrefix("|") {
            let cells = line.replacing("\\|", with: "").split(separator: "|", omittingEmptySubsequences: false)
            #expect(cells.count == 6 || cells.count == 9, "a hostile pipe split a table row: \(line)")
        }
        var occurrences = 0
        for line in markdown.split(separator: "\n") {
            var start = line.startIndex
            while let range = line[start...].range(of: "<script>") {
                occurrences += 1
                let ticks = line[..<range.lowerBound].filter { $0 == "`" }.count
                #expect(ticks % 2 == 1, "raw <script> outside a code span: \(line)")
                start = range.upperBound
            }
        }
        #expect(occurrences > 0)
    }
}
