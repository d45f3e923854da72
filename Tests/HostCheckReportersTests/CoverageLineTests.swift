import Foundation
import Testing
import HostCheckCore
@testable import HostCheckReporters

/// Each host's coverage in one line, and each `unknown` with the message that names the capture
/// that would settle it, in the text, Markdown and HTML reports (docs/reports.md).
@Suite struct CoverageLineTests {
    /// A findstr capture: port 3691 only, every state, assumed from its rows.
    static let filtered = Coverage(
        tcp: .full, udp: .full, ipv4: .full, ipv6: .full, owners: .full, ports: [3691],
        assumed: ["ports, states: assumed from the rows: every row contains :3691 (a findstr filter)"],
        fullCapture: "netstat -ano")
    static let filteredLine = "coverage: tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=3691 "
        + "users=all netns=host-only (ports, states: assumed from the rows: every row contains :3691 (a findstr filter))"
    static let unknownMessage = "the sources list only sockets of local port 3691; capture with `netstat -ano`"

    static func host(_ name: String, coverage: Coverage) -> HostResults {
        HostResults(
            host: HostInfo(name: name, platform: .windows, sources: [CaptureSource(file: "n.txt", format: "windows-netstat")],
                           coverage: coverage),
            results: [
                Samples.result("no-telnet", .unknown, message: unknownMessage, host: name),
                Samples.result("magaya-3691-owner", .pass, message: "1 selected socket satisfied owner", host: name),
            ])
    }

    static let hosts = [host("wh-1", coverage: filtered), host("wh-2", coverage: .full)]
    static let fullLine = "coverage: tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=all users=all netns=all"

    @Test func textShowsOneCoverageLinePerHostUnderItsHeader() throws {
        let text = try Samples.render(TextReporter(options: ReporterOptions()), hosts: Self.hosts)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(lines.firstIndex { $0.hasPrefix("wh-1 (windows)") })
        let second = try #require(lines.firstIndex { $0.hasPrefix("wh-2 (windows)") })
        #expect(lines[first + 1] == "  " + Self.filteredLine)
        #expect(lines[second + 1] == "  " + Self.fullLine)
        #expect(lines.filter { $0.contains("coverage: ") }.count == 2)
        #expect(text.contains("  UNKNOWN high     magaya-network/no-telnet  Title of no-telnet\n" + String(repeating: " ", count: 19)
            + Self.unknownMessage + "\n"))
    }

    @Test func markdownShowsTheCoverageLineInEachHostSection() throws {
        let markdown = try Samples.render(MarkdownReporter(options: ReporterOptions()), hosts: Self.hosts)
        #expect(markdown.contains("Sources: `n.txt [windows-netstat]`\n\nCoverage: `" + Self.filteredLine.dropFirst(10) + "`\n\n"))
        #expect(markdown.contains("Coverage: `" + Self.fullLine.dropFirst(10) + "`\n\n"))
        #expect(markdown.contains("| ❔ unknown | high | `magaya-network/no-telnet` | " + MD.code(Self.unknownMessage, inTable: true) + " |\n"))
        // The hosts table stays one row per host, without coverage.
        let table = try #require(markdown.range(of: "## Hosts, failing first"))
        let next = try #require(markdown[table.upperBound...].range(of: "\n## "))
        #expect(!markdown[table.upperBound..<next.lowerBound].lowercased().contains("coverage"))
    }

    @Test func markdownHostsWithoutASectionHaveNoCoverageLine() throws {
        let hosts = (0..<(MarkdownReporter.detailedHostLimit + 5)).map { Self.host("h\($0)", coverage: .full) }
        let markdown = try Samples.render(MarkdownReporter(options: ReporterOptions()), hosts: hosts)
        #expect(markdown.components(separatedBy: "\nCoverage: ").count - 1 == MarkdownReporter.detailedHostLimit)
    }

    @Test func htmlShowsTheCoverageLineInEachHostSection() throws {
        let html = try Samples.render(HTMLReporter(options: ReporterOptions()), hosts: Self.hosts)
        let escaped = Markup.escape(Self.filteredLine)
        #expect(html.contains("<p class=\"meta coverage\">\(escaped)</p>\n"))
        #expect(html.contains("<p class=\"meta coverage\">\(Self.fullLine)</p>\n"))
        #expect(html.components(separatedBy: "<p class=\"meta coverage\">").count - 1 == 2)
        #expect(html.contains(Markup.escape(Self.unknownMessage)))
    }

    /// A user name and an assumption come from the host being checked (lsof's USER column).
    @Test func hostileCoverageTextIsEscapedInEveryFormat() throws {
        var coverage = Coverage.full
        coverage.users = [Samples.hostile]
        coverage.assumed = [Samples.hostile]
        let hosts = [Self.host("h", coverage: coverage)]
        let text = try Samples.render(TextReporter(options: ReporterOptions()), hosts: hosts)
        let markdown = try Samples.render(MarkdownReporter(options: ReporterOptions()), hosts: hosts)
        let html = try Samples.render(HTMLReporter(options: ReporterOptions()), hosts: hosts)
        for output in [text, markdown, html] {
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B })
        }
        let coverageLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("  coverage: ") })
        #expect(coverageLine.contains("\\u{a}"))
        #expect(!html.contains("<script>alert"))
        #expect(markdown.split(separator: "\n").contains { $0.hasPrefix("Coverage: `") && $0.contains("\\u{a}") })
    }
}
