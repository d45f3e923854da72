import Foundation
import Testing

/// End-to-end: an empty `hosts` list in a waiver is a located error (65), not "every host".
@Suite struct WaiverHostsTests {
    let pack = "rules/magaya-network.yaml"
    let netstat = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")
    let nc64 = HostCheckRunner.fixture("windows/tasklist-nc64.csv")

    func check(hosts: String) throws -> (HostCheckRun, String) {
        let directory = try HostCheckRunner.temporaryDirectory()
        let file = directory.appendingPathComponent("waivers.yaml").path
        let text = "hostcheck: 1\nwaivers:\n  - rule: magaya-3691-owner\n    hosts: \(hosts)\n    reason: SEC-1234\n"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try HostCheckRunner.run([
            "check", pack, "--capture", netstat, "--capture", nc64, "--host", "wh-berlin-02",
            "--waivers", file, "--now", "2026-12-04",
        ])
        return (run, file)
    }

    @Test(arguments: [
        ("[]", "4:12: error: hosts must not be an empty list (leave hosts out to waive the rule on every host)"),
        ("[\"\"]", "4:12: error: a host glob must not be empty"),
        ("[web-*, \"\"]", "4:12: error: a host glob must not be empty"),
    ])
    func emptyHostsAreALocatedError(hosts: String, error: String) throws {
        let (run, file) = try check(hosts: hosts)
        #expect(run.status == 65, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect((run.stdout + run.stderr).contains("\(file):\(error)"), "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(!run.stdout.contains("WAIVED"))
    }

    @Test(arguments: [("[web-*]", Int32(1)), ("[wh-*]", 0), ("wh-berlin-02", 0)])
    func nonEmptyHostsWork(hosts: String, status: Int32) throws {
        let (run, _) = try check(hosts: hosts)
        #expect(run.status == status, "stdout: \(run.stdout) stderr: \(run.stderr)")
    }
}
