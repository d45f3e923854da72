import Foundation
import Testing

/// Issue 13: a capture that is junk (NUL bytes, random bytes, one line of megabytes) never lets
/// a host pass: `check` exits 2 with one located error that quotes none of the junk, while an
/// honest capture beside the same pack still gives its outcome.
@Suite struct JunkCaptureTests {
    struct Junk: Sendable, CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        var message: String
        var description: String { name }
    }

    static let junk: [Junk] = {
        var state: UInt64 = 13
        let random = (0..<300_000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        return [
            Junk(name: "nul.bin", bytes: [UInt8](repeating: 0, count: 300_000), message: "nul.bin:1: error: binary file, not text"),
            Junk(name: "random.bin", bytes: random, message: "random.bin:"),
            Junk(name: "garbage.txt", bytes: [UInt8](repeating: 0x51, count: 2 << 20),
                 message: "garbage.txt:1: error: line longer than 1 MiB (2097152 bytes); not read"),
        ]
    }()

    @Test(arguments: junk)
    func junkCaptureNeverPasses(_ junk: Junk) throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(junk.name)
        try Data(junk.bytes).write(to: file)
        let check = try HostCheckRunner.run(["check", "rules/magaya-network.yaml", "--capture", file.path, "--format", "json"])
        #expect(check.status == 2, "\(check.stdout) \(check.stderr)")
        #expect(check.stdout.contains("\"outcome\":\"error\""), "\(check.stdout)")
        #expect(!check.stdout.contains("\"outcome\":\"pass\""))
        let output = check.stdout + check.stderr
        #expect(output.contains(junk.message), "\(output)")
        #expect(output.contains("binary file, not text") || output.contains("longer than 1 MiB"))
        #expect(!output.contains("QQQQ"))
    }

    @Test func anHonestCaptureStillGivesItsOutcome() throws {
        let check = try HostCheckRunner.run([
            "check", "rules/magaya-network.yaml",
            "--capture", HostCheckRunner.fixture("windows/netstat-ano-3691.txt"),
            "--capture", HostCheckRunner.fixture("windows/tasklist-nc64.csv"),
            "--format", "json",
        ])
        #expect(check.status == 1, "\(check.stdout) \(check.stderr)")
        #expect(check.stdout.contains("\"outcome\":\"fail\""))
        #expect(!check.stderr.contains("binary file"))
    }
}
