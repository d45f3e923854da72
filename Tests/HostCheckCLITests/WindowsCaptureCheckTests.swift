import Foundation
import Testing

/// End-to-end: the magaya pack against Windows captures (issue 2's acceptance examples).
@Suite struct WindowsCaptureCheckTests {
    let pack = "rules/magaya-network.yaml"
    let netstat = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")
    let netstatUTF16 = HostCheckRunner.fixture("windows/netstat-ano-3691.utf16le.txt")
    let netstatNoPIDs = HostCheckRunner.fixture("windows/netstat-an-3691.txt")
    let nc64 = HostCheckRunner.fixture("windows/tasklist-nc64.csv")
    let magaya = HostCheckRunner.fixture("windows/tasklist-magaya.csv")

    @Test func foreignOwnerFailsNamingProcessPidAndLine() throws {
        let run = try HostCheckRunner.run(["check", pack, "--capture", netstat, "--capture", nc64])
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("nc64.exe"))
        #expect(run.stdout.contains("6120"))
        #expect(run.stdout.contains("netstat-ano-3691.txt:8"))
    }

    @Test func magayaOwnerPasses() throws {
        let run = try HostCheckRunner.run(["check", pack, "--capture", netstat, "--capture", magaya])
        #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
    }

    @Test func withoutTasklistTheOwnerIsUnknown() throws {
        let run = try HostCheckRunner.run(["check", pack, "--capture", netstat])
        #expect(run.status == 2, "stdout: \(run.stdout) stderr: \(run.stderr)")
    }

    @Test func withoutPIDsTheOwnerIsUnknown() throws {
        let run = try HostCheckRunner.run(["check", pack, "--capture", netstatNoPIDs, "--capture", magaya])
        #expect(run.status == 2, "stdout: \(run.stdout) stderr: \(run.stderr)")
    }

    @Test(arguments: [("tasklist-nc64.csv", Int32(1)), ("tasklist-magaya.csv", Int32(0))])
    func utf16CaptureGivesTheSameOutcome(tasklist: String, expected: Int32) throws {
        let list = HostCheckRunner.fixture("windows/\(tasklist)")
        let utf8 = try HostCheckRunner.run(["check", pack, "--capture", netstat, "--capture", list, "--format", "json"])
        let utf16 = try HostCheckRunner.run(["check", pack, "--capture", netstatUTF16, "--capture", list, "--format", "json"])
        #expect(utf8.status == expected)
        #expect(utf16.status == expected)
        #expect(outcomes(utf8.stdout) == outcomes(utf16.stdout))
    }

    @Test func bundleDirectoryIsOneHostNamedAfterIt() throws {
        let directory = try HostCheckRunner.temporaryDirectory().appendingPathComponent("wh-berlin-02")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: netstat, toPath: directory.appendingPathComponent("a.txt").path)
        try FileManager.default.copyItem(atPath: nc64, toPath: directory.appendingPathComponent("b.txt").path)
        let run = try HostCheckRunner.run(["check", pack, "--capture", directory.path, "--format", "json"])
        #expect(run.status == 1)
        #expect(hosts(run.stdout) == ["wh-berlin-02"])
    }

    @Test func unrecognisedFileIsAnErrorForTheHost() throws {
        let run = try HostCheckRunner.run(["check", pack, "--capture", netstat, "--capture", HostCheckRunner.fixture("packs/three-mistakes.yaml")])
        #expect(run.status == 2)
        #expect(run.stdout.contains("three-mistakes.yaml"))
    }

    @Test func factsTableShowsOwners() throws {
        let run = try HostCheckRunner.run(["facts", "--capture", netstat, "--capture", nc64, "--port", "3691"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("nc64.exe"))
        #expect(run.stdout.contains("6120"))
        #expect(!run.stdout.contains(":445"))
        #expect(run.stdout.contains("4 sockets of 13, "))
    }

    /// `--port` keeps a socket whose local or remote port it is, in the table and in the JSON.
    @Test func portMatchesTheRemotePortToo() throws {
        let table = try HostCheckRunner.run(["facts", "--capture", netstat, "--port", "443"])
        #expect(table.stdout.contains("1 socket of 13, "), "\(table.stdout)")
        let json = try HostCheckRunner.run(["facts", "--capture", netstat, "--port", "443", "--format", "json"])
        #expect(json.stdout.components(separatedBy: "\"remote_port\":443").count == 2, "\(json.stdout)")
    }

    /// The host names of the results of a results JSON document.
    func hosts(_ json: String) -> Set<String> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let results = object["results"] as? [[String: Any]] else { return ["unparseable"] }
        return Set(results.compactMap { $0["host"] as? String })
    }

    /// The (rule, outcome) pairs of a results JSON document, in order.
    func outcomes(_ json: String) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let results = object["results"] as? [[String: Any]] else { return ["unparseable"] }
        return results.map { "\($0["rule"] ?? "?")=\($0["outcome"] ?? "?")" }
    }
}
