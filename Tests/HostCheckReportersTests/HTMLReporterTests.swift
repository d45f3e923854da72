import Testing
import Foundation
import HostCheckCore
@testable import HostCheckReporters

@Suite struct HTMLReporterTests {
    static var run: RunInfo {
        var run = Samples.run
        run.rules += [
            RuleInfo(pack: "base", id: "no-telnet", severity: .medium),
            RuleInfo(pack: "base", id: "sshd-up", severity: .low),
            RuleInfo(pack: "p", id: "r", title: Samples.hostile, severity: .critical),
        ]
        return run
    }

    private func render(_ hosts: [HostResults]) throws -> String {
        try Samples.render(HTMLReporter(options: ReporterOptions()), hosts: hosts, run: Self.run)
    }

    private func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func selfContainedPageWithMatrixAndSummary() throws {
        let html = try render([Samples.hostResults, Samples.hostileHost])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</main></body></html>\n"))
        #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
        #expect(count("<tbody>", in: html) == 2)
        #expect(count("<td class=\"o o-", in: html) == 2 * 4)
        #expect(html.contains("<td class=\"o o-fail\" title=\"magaya-network/magaya-3691-owner: fail\"><a href=\"#h1\">F</a></td>"))
        #expect(html.contains("<td class=\"o o-none\" title=\"p/r: not evaluated\"></td>"))
        #expect(html.contains("<tr class=\"detail\" id=\"h2\">"))
        #expect(html.contains("<code>tcp 0.0.0.0:3691  pid 6120 nc64.exe  netstat.txt:8</code>"))
        #expect(html.contains("<b>2</b>fail</div>"))
        #expect(html.contains("<b>2</b>hosts</div>"))
    }

    @Test func hostileTextIsEscapedEverywhere() throws {
        let html = try render([Samples.hostileHost])
        #expect(!html.contains("<script>"))
        #expect(!html.contains("]]>"))
        #expect(!html.unicodeScalars.contains { $0.value == 0x1B })
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;]]&gt;\\u{a}\\u{1b}[31mred &amp; &#39;q&#39;"))
    }

    @Test(arguments: [0, 1, 5])
    func balancedForAnyNumberOfHosts(hosts: Int) throws {
        let html = try render(Array(repeating: Samples.hostResults, count: hosts))
        for tag in ["tbody", "details", "table", "section", "tr", "td", "ul"] {
            #expect(count("<\(tag)>", in: html) + count("<\(tag) ", in: html) == count("</\(tag)>", in: html), "unbalanced <\(tag)>")
        }
        #expect(count("<tbody>", in: html) == hosts)
    }

    @Test func markupEscaping() {
        #expect(Markup.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
        #expect(Markup.escape("\u{FFFE}x\u{0}") == "\\u{fffe}x\\u{0}")
        #expect(Markup.escape("plain ü") == "plain ü")
    }
}
