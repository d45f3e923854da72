import Foundation
import Testing
@testable import HostCheckCLI

@Suite struct ProgressTests {
    @Test(arguments: [
        (1_200, 10_000, 0.5, "hostcheck: 1200/10000 hosts, 2400 hosts/s, ETA 4 s"),
        (3, 10, 2.0, "hostcheck: 3/10 hosts, 1.5 hosts/s, ETA 5 s"),
        (10, 10, 2.0, "hostcheck: 10/10 hosts, 5 hosts/s"),
        (1, 1_000, 1.0, "hostcheck: 1/1000 hosts, 1 hosts/s, ETA 16 min 39 s"),
        (1, 100_000, 1.5, "hostcheck: 1/100000 hosts, 0.7 hosts/s, ETA 41 h 39 min"),
        (0, 5, 0.0, "hostcheck: 0/5 hosts, 0 hosts/s"),
    ])
    func lineText(done: Int, total: Int, elapsed: Double, expected: String) {
        #expect(ProgressLine.text(done: done, total: total, elapsed: elapsed) == expected)
    }

    @Test func drawsOnlyAfterASecondAndNotTooOften() {
        var line = ProgressLine(total: 5, enabled: true)
        #expect(line.advance(elapsed: 0.2) == nil, "runs under a second stay silent")
        #expect(line.advance(elapsed: 1.0) == "hostcheck: 2/5 hosts, 2 hosts/s, ETA 2 s")
        #expect(line.advance(elapsed: 1.05) == nil, "at most every 0.1 s")
        #expect(line.advance(elapsed: 1.2) != nil)
        #expect(line.advance(elapsed: 1.21) == "hostcheck: 5/5 hosts, 4.1 hosts/s", "the last host is always drawn")
        let drawn = line.finish()
        let again = line.finish()
        #expect(drawn && !again)
    }

    @Test func silentWhenDisabled() {
        var line = ProgressLine(total: 3, enabled: false)
        for elapsed in [1.0, 2.0, 3.0] { #expect(line.advance(elapsed: elapsed) == nil) }
        let drawn = line.finish()
        #expect(!drawn)
    }

    /// Standard error is a pipe here, not a terminal: no progress line, no carriage return.
    @Test func silentWhenStandardErrorIsNotATerminal() throws {
        let fleet = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: fleet) }
        for index in 0..<3 {
            let bundle = fleet.appendingPathComponent("host-\(index)")
            try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: HostCheckRunner.fixture("windows/netstat-ano-3691.txt"), toPath: bundle.appendingPathComponent("netstat.txt").path)
            try FileManager.default.copyItem(atPath: HostCheckRunner.fixture("windows/tasklist-magaya.csv"), toPath: bundle.appendingPathComponent("tasklist.csv").path)
        }
        for quiet in [false, true] {
            let run = try HostCheckRunner.run(["check", "--fleet", fleet.path, "--format", "json"] + (quiet ? ["--quiet"] : []))
            #expect(!run.stderr.contains("\r") && !run.stderr.contains("hosts/s"), "\(run.stderr)")
            #expect(run.stdout.contains("\"hostcheck_results\""))
        }
    }

    @Test func maxAnnotationsMustBePositive() throws {
        let run = try HostCheckRunner.run(["check", "--max-annotations", "0", "--capture", HostCheckRunner.fixture("windows/netstat-ano-3691.txt")])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--max-annotations takes a number of at least 1"))
    }
}
