import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct TextReporterTests {
    /// The engine's note is left out when it only restates the owner part of the line.
    @Test(arguments: [
        ("owner unknown (fd-directory-unreadable)",
         "tcp 0.0.0.0:3691  owner unknown (fd-directory-unreadable)  NETLINK_SOCK_DIAG/tcp"),
        ("listens on every address",
         "tcp 0.0.0.0:3691  owner unknown (fd-directory-unreadable)  NETLINK_SOCK_DIAG/tcp  listens on every address"),
    ])
    func evidenceSaysTheOwnerOnce(note: String, expected: String) {
        let socket = SocketFact(
            protocol: .tcp, family: .ipv4, localAddress: "0.0.0.0", localPort: 3691, state: .listening,
            ownership: .unknown, ownershipReason: .fdDirectoryUnreadable,
            source: SourceLocation(file: "NETLINK_SOCK_DIAG/tcp"))
        let evidence = Evidence(socket: socket, source: socket.source, note: note)
        #expect(ResultText.evidenceLine(evidence) == expected)
    }

    @Test func rendersGroupedByOutcomeWithEvidence() throws {
        let text = try Samples.render(TextReporter(options: ReporterOptions()), hosts: [Samples.hostResults])
        #expect(text == """
        hostcheck 0.1.0, 1 pack:
          magaya-network 1.0.0  rules/magaya-network.yaml  sha256 abababababababababababababababababababababababababababababababab
        waivers.yaml:4:7: warning: waiver for rule 'x' matched nothing

        wh-berlin-02 (windows): netstat.txt [windows-netstat, cp850], tasklist.csv [windows-tasklist-csv, utf-8]
          coverage: tcp=full udp=full ipv4=full ipv6=full owners=full states=all ports=all users=all netns=all
          FAIL    high     magaya-network/magaya-3691-owner  Only Magaya may listen on port 3691
                           tcp 0.0.0.0:3691 is owned by nc64.exe (pid 6120), expected magaya*
            tcp 0.0.0.0:3691  pid 6120 nc64.exe  netstat.txt:8
                           fix: Find the process with `hostcheck facts --port 3691` and stop it.
          UNKNOWN low      base/sshd-up
                           owner of tcp 0.0.0.0:22 is unknown
            tcp [::]:22  owner unknown (capture-has-no-owners)  netstat.txt:12
          WAIVED  medium   base/no-telnet  No telnet
                           tcp 0.0.0.0:23 is listening
                           waived fail: migration, ticket SEC-1234 (expires 2027-01-31)
          2 pass, 1 skip
          7 diagnostics:
            netstat.txt:21:1: warning: line not understood
            netstat.txt:22:1: warning: line not understood
            netstat.txt:23:1: warning: line not understood
            netstat.txt:24:1: warning: line not understood
            netstat.txt:25:1: warning: line not understood
            … and 2 more

        passing and skipped rules are counted; --verbose names them
        1 host, 6 rules: 2 pass, 1 fail, 1 unknown, 0 error, 1 skip, 1 waived

        """)
    }

    @Test func verboseListsPassesAndSkipsBySeverity() throws {
        let text = try Samples.render(TextReporter(options: ReporterOptions(verbose: true)), hosts: [Samples.hostResults])
        let lines = text.split(separator: "\n").map(String.init)
        let passA = try #require(lines.firstIndex { $0.contains("magaya-network/pass-a") })
        let passB = try #require(lines.firstIndex { $0.contains("magaya-network/pass-b") })
        let skipped = try #require(lines.firstIndex { $0.contains("magaya-network/skipped") })
        #expect(passB < passA && passA < skipped)
        #expect(lines[passB].hasPrefix("  PASS    critical "))
        let quiet = try Samples.render(TextReporter(options: ReporterOptions()), hosts: [Samples.hostResults])
        #expect(!quiet.contains("pass-a"))
    }

    @Test func cappedEvidenceSaysHowManyMore() throws {
        let evidence = (0..<60).map { Evidence(note: "socket \($0)") }
        let result = Samples.result("many", .fail, evidence: evidence, evidenceTotal: 75)
        #expect(result.evidence.count == RuleResult.evidenceLimit)
        let text = try Samples.render(TextReporter(options: ReporterOptions()), hosts: [HostResults(host: Samples.windowsHost, results: [result])])
        #expect(text.contains("    socket 49\n    … and 25 more\n"))
        #expect(!text.contains("socket 50"))
    }

    @Test func hostileTextIsNeutralised() throws {
        let text = try Samples.render(TextReporter(options: ReporterOptions(verbose: true)), hosts: [Samples.hostileHost])
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        #expect(text.contains("</script>]]>\\u{a}\\u{1b}[31mred & 'q'"))
        for line in text.split(separator: "\n") where line.contains("red &") {
            #expect(line.contains("\\u{a}"), "a hostile newline started a forged line: \(line)")
        }
    }

    @Test func colourOnlyWhenAsked() throws {
        let plain = try Samples.render(TextReporter(options: ReporterOptions(color: false)), hosts: [Samples.hostResults])
        #expect(!plain.contains("\u{1B}"))
        let coloured = try Samples.render(TextReporter(options: ReporterOptions(color: true)), hosts: [Samples.hostResults])
        #expect(coloured.contains("\u{1B}[1;31mFAIL   \u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[1;33mUNKNOWN\u{1B}[0m"))
        #expect(coloured.hasSuffix("\u{1B}[1;31m1 host, 6 rules: 2 pass, 1 fail, 1 unknown, 0 error, 1 skip, 1 waived\u{1B}[0m\n"))
        let hostile = try Samples.render(TextReporter(options: ReporterOptions(color: true)), hosts: [Samples.hostileHost])
        #expect(!hostile.contains("\u{1B}[31mred"))
    }

    @Test(arguments: [
        (0, 0, OutcomeCounts(), "0 hosts, 0 rules: 0 pass, 0 fail, 0 unknown, 0 error, 0 skip, 0 waived"),
        (1, 1, { var c = OutcomeCounts(); c.fail = 1; return c }(), "1 host, 1 rule: 0 pass, 1 fail, 0 unknown, 0 error, 0 skip, 0 waived"),
        (3, 2, { var c = OutcomeCounts(); c.pass = 4; c.error = 2; return c }(), "3 hosts, 2 rules: 4 pass, 0 fail, 0 unknown, 2 error, 0 skip, 0 waived"),
    ])
    func summaryLine(hosts: Int, rules: Int, counts: OutcomeCounts, expected: String) throws {
        var reporter = TextReporter(options: ReporterOptions())
        var out = ""
        try reporter.end(Summary(hosts: hosts, rules: rules, counts: counts, durationSeconds: 1), to: &out)
        #expect(out.hasSuffix("\n") && out.split(separator: "\n").last.map(String.init) == expected)
        #expect(out.contains("--verbose names them") == (counts.pass + counts.skip > 0))
    }

    @Test func hostWithNoResultsSaysSo() throws {
        let text = try Samples.render(TextReporter(options: ReporterOptions()), hosts: [HostResults(host: Samples.windowsHost, results: [])])
        #expect(text.contains("  no rule applied\n"))
    }
}
