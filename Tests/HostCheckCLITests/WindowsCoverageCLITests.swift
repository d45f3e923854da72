import Foundation
import Testing

/// End to end through `hostcheck check --format json`: Windows captures that cannot prove a
/// rule leave it `unknown` (never `pass`, never exit 0), and those that can still pass or fail
/// it (docs/captures.md, "Coverage", "Windows").
@Suite struct WindowsCoverageCLITests {
    /// A fixture of the probes' tests (`Tests/HostCheckProbesTests/Fixtures/windows/NAME`).
    static func windows(_ name: String) -> String {
        HostCheckRunner.packageRoot.appendingPathComponent("Tests/HostCheckProbesTests/Fixtures/windows/\(name)").path
    }

    /// `rule=outcome` of every result, and the message of each.
    static func results(_ json: String) -> [String: (outcome: String, message: String)] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let results = object["results"] as? [[String: Any]] else { return [:] }
        var table: [String: (outcome: String, message: String)] = [:]
        for result in results {
            let name = "\(result["pack"] ?? "?")/\(result["rule"] ?? "?")"
            table[name] = ("\(result["outcome"] ?? "?")", "\(result["message"] ?? "")")
        }
        return table
    }

    static func check(_ files: [String]) throws -> (status: Int32, results: [String: (outcome: String, message: String)]) {
        let run = try HostCheckRunner.run(["check"] + files.flatMap { ["--capture", windows($0)] } + ["--format", "json"])
        return (run.status, results(run.stdout))
    }

    /// The seed's `netstat -ano | findstr :3691`, with the host's tasklist beside it.
    @Test(arguments: [("tasklist-nc64.csv", "fail"), ("tasklist-magaya.csv", "pass")])
    func findstrCaptureStillDecidesTheOwnerOf3691(_ tasklist: String, _ outcome: String) throws {
        let (status, results) = try Self.check(["coverage/findstr-3691.txt", tasklist])
        #expect(results["magaya-network/magaya-3691-owner"]?.outcome == outcome)
        let telnet = try #require(results["legacy-cleartext/no-telnet"])
        #expect(telnet.outcome == "unknown")
        #expect(telnet.message.contains("local port 3691 only"))
        #expect(telnet.message.contains("netstat -ano"))
        #expect(!results.values.contains { $0.outcome == "pass" } || outcome == "pass")
        #expect(results.filter { $0.value.outcome == "pass" }.map(\.key) == (outcome == "pass" ? ["magaya-network/magaya-3691-owner"] : []))
        #expect(status == (outcome == "fail" ? 1 : 2))
    }

    /// Captures that prove nothing about the rules they cannot see: no rule they cannot prove
    /// passes, and the run never exits 0.
    @Test(arguments: [
        "coverage/headerless-unfiltered.txt", "coverage/port-70000.txt",
        "coverage/lowercase-tcp.txt", "coverage/nbsp-columns.txt", "coverage/cut-last-row.txt", "coverage/cut-inside-pid.txt",
        "coverage/pager-more.txt", "coverage/pager-fortsetzung.txt", "coverage/interrupted.txt", "coverage/odd-utf16-tail.txt",
        "coverage/nul-run.txt", "coverage/ps-short-row.csv", "coverage/ps-open-quote.csv", "coverage/ps-cut.csv",
    ])
    func incompleteEvidenceNeverPasses(_ file: String) throws {
        let (status, results) = try Self.check([file, "tasklist-magaya.csv"])
        #expect(status != 0)
        #expect(!results.isEmpty)
        // A rule about a port no row shows would have passed on "no socket selected".
        let telnet = results["legacy-cleartext/no-telnet"]?.outcome
        #expect(telnet == "unknown" || telnet == "error" || telnet == nil, "\(file): \(telnet ?? "-")")
        #expect(results["legacy-cleartext/no-tftp"]?.outcome != "pass", "\(file)")
    }

    /// A listening-only capture (`findstr LISTENING`, `Get-NetTCPConnection -State Listen`)
    /// proves what listens on TCP (telnet), not UDP (findstr keeps no UDP row) nor, for the
    /// Magaya rule, the UDP socket of 3691; the run never exits 0.
    @Test(arguments: ["coverage/findstr-listening.txt", "coverage/ps-listen-only.csv"])
    func listeningOnlyCapturesProveListenersOnly(_ file: String) throws {
        let (status, results) = try Self.check([file, "tasklist-magaya.csv"])
        #expect(status == 2)
        #expect(results["legacy-cleartext/no-telnet"]?.outcome == "pass")
        #expect(results["legacy-cleartext/no-tftp"]?.outcome == "unknown")
        #expect(results["magaya-network/magaya-3691-owner"]?.outcome == "unknown")
        #expect(results["magaya-network/magaya-3691-owner"]?.message.contains("udp not at all") == true)
    }

    /// An unreadable PID on the 3691 listener keeps the socket, owner unknown: the Magaya rule
    /// is unknown, not passed on the other rows.
    @Test(arguments: ["coverage/huge-pid.txt", "coverage/junk-pid.txt"])
    func unreadablePIDMakesTheOwnerRuleUnknown(_ file: String) throws {
        let (status, results) = try Self.check([file, "tasklist-magaya.csv"])
        #expect(results["magaya-network/magaya-3691-owner"]?.outcome == "unknown")
        #expect(status == 2)
    }

    /// An honest `netstat -ano` with `tasklist /fo csv` of a compliant host passes every
    /// built-in rule (exit 0).
    @Test func honestCompleteCaptureOfACompliantHostPasses() throws {
        let (status, results) = try Self.check(["netstat-ano-3691.txt", "tasklist-magaya.csv"])
        #expect(status == 0)
        #expect(!results.isEmpty)
        #expect(results.values.allSatisfy { $0.outcome == "pass" }, "\(results.filter { $0.value.outcome != "pass" })")
    }

    /// A capture ending with the prompt (no line end after it) is complete: it passes too.
    @Test func promptAfterTheOutputShowsTheCommandFinished() throws {
        let (status, results) = try Self.check(["coverage/prompt-after-output.txt", "tasklist-magaya.csv"])
        #expect(status == 0)
        #expect(results.values.allSatisfy { $0.outcome == "pass" })
    }
}
