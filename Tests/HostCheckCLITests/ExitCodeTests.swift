import Foundation
import Testing

/// End-to-end: the documented exit codes for usage, input and output errors.
@Suite struct ExitCodeTests {
    let netstat = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")
    let tasklist = HostCheckRunner.fixture("windows/tasklist-nc64.csv")

    @Test func versionPrintsTheVersion() throws {
        let run = try HostCheckRunner.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test(arguments: [["--help"], [], ["help", "check"], ["check", "--help"]])
    func helpIsPrintedWithExitZero(arguments: [String]) throws {
        let run = try HostCheckRunner.run(arguments)
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: hostcheck"))
    }

    @Test func unknownOptionIsAUsageError() throws {
        let run = try HostCheckRunner.run(["check", "--no-such-option"])
        #expect(run.status == 64)
    }

    @Test func missingCaptureIs66() throws {
        let run = try HostCheckRunner.run(["check", "rules/magaya-network.yaml", "--capture", "/nonexistent/netstat.txt"])
        #expect(run.status == 66)
        #expect(run.stderr.contains("/nonexistent/netstat.txt"))
    }

    @Test func missingPackIs66() throws {
        let run = try HostCheckRunner.run(["check", "/nonexistent/pack.yaml", "--capture", netstat])
        #expect(run.status == 66)
    }

    @Test func twoFormatsOnStdoutIsAUsageError() throws {
        let run = try HostCheckRunner.run(["check", "rules/magaya-network.yaml", "--capture", netstat, "--format", "text", "--format", "json"])
        #expect(run.status == 64)
    }

    @Test func filterThatLeavesNoRuleIsAUsageError() throws {
        let run = try HostCheckRunner.run(["check", "rules/magaya-network.yaml", "--capture", netstat, "--rule", "no-such-rule"])
        #expect(run.status == 64)
    }

    @Test func unwritableOutputIs74() throws {
        let run = try HostCheckRunner.run([
            "check", "rules/magaya-network.yaml", "--capture", netstat, "--capture", tasklist,
            "--format", "json:/proc/hostcheck-cannot-write/results.json",
        ])
        #expect(run.status == 74)
    }

    @Test func severalFormatsWriteFilesWithTheSameOutcome() throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let json = directory.appendingPathComponent("out/results.json").path
        let text = directory.appendingPathComponent("out/results.txt").path
        let run = try HostCheckRunner.run([
            "check", "rules/magaya-network.yaml", "--capture", netstat, "--capture", tasklist,
            "--format", "json:\(json)", "--format", "text:\(text)",
        ])
        #expect(run.status == 1)
        let jsonText = try String(contentsOfFile: json, encoding: .utf8)
        let textText = try String(contentsOfFile: text, encoding: .utf8)
        #expect(jsonText.contains("\"fail\""))
        #expect(textText.contains("nc64.exe"))
    }

    @Test func movedBinaryStillRunsItsBuiltinPacks() throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let moved = directory.appendingPathComponent("hostcheck")
        try FileManager.default.copyItem(at: try HostCheckRunner.binary(), to: moved)
        let list = try HostCheckRunner.run(["list", "rules"], in: directory, executable: moved)
        #expect(list.status == 0, "stderr: \(list.stderr)")
        #expect(list.stdout.contains("magaya-network/magaya-3691-owner"))
        let check = try HostCheckRunner.run(["check", "--capture", netstat, "--capture", tasklist], in: directory, executable: moved)
        #expect(check.status == 1, "stderr: \(check.stderr)")
    }

    @Test func snapshotRoundTripGivesTheSameOutcome() throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let facts = try HostCheckRunner.run(["facts", "--capture", netstat, "--capture", tasklist, "--format", "json"])
        #expect(facts.status == 0)
        let snapshot = directory.appendingPathComponent("host.json")
        try Data(facts.stdout.utf8).write(to: snapshot)
        let check = try HostCheckRunner.run(["check", "rules/magaya-network.yaml", "--snapshot", snapshot.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("nc64.exe"))
    }
}
