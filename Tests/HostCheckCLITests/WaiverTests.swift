import Foundation
import Testing

/// End-to-end: waivers with expiry turn a fail into `waived` until they expire.
@Suite struct WaiverTests {
    let pack = "rules/magaya-network.yaml"
    let netstat = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")
    let nc64 = HostCheckRunner.fixture("windows/tasklist-nc64.csv")

    func check(waivers: String, now: String, host: String = "wh-berlin-02") throws -> HostCheckRun {
        try HostCheckRunner.run([
            "check", pack, "--capture", netstat, "--capture", nc64, "--host", host,
            "--waivers", HostCheckRunner.fixture("waivers/\(waivers)"), "--now", now,
        ])
    }

    @Test func futureExpiryWaivesTheFailAndExitsZero() throws {
        let run = try check(waivers: "magaya-migration.yaml", now: "2026-11-27")
        #expect(run.status == 0, "stdout: \(run.stdout)")
        #expect(run.stdout.contains("WAIVED"))
        #expect(run.stdout.contains("SEC-1234"))
    }

    @Test func expiryDayIsStillWaivedAndWarned() throws {
        let run = try check(waivers: "magaya-migration.yaml", now: "2027-01-31T23:59:59Z")
        #expect(run.status == 0)
        #expect(run.stdout.contains("expires today"))
    }

    @Test func pastExpiryDoesNotApplyAndIsReported() throws {
        let run = try check(waivers: "expired.yaml", now: "2026-11-27")
        #expect(run.status == 1)
        #expect(run.stdout.contains("expired on 2026-10-31"))
    }

    @Test func hostGlobLimitsTheWaiver() throws {
        let run = try check(waivers: "magaya-migration.yaml", now: "2026-11-27", host: "wh-paris-01")
        #expect(run.status == 1)
        #expect(run.stdout.contains("matched nothing"))
    }

    @Test func missingWaiverFileIs66AndInvalidIs65() throws {
        let missing = try HostCheckRunner.run(["check", pack, "--capture", netstat, "--waivers", "/nonexistent/waivers.yaml"])
        #expect(missing.status == 66)
        let invalid = try HostCheckRunner.run(["check", pack, "--capture", netstat, "--waivers", HostCheckRunner.fixture("packs/ten-mistakes.yaml")])
        #expect(invalid.status == 65)
    }
}

/// End-to-end: one lint run reports every mistake of a pack, each at its own line.
@Suite struct LintAllMistakesTests {
    @Test func elevenMistakesGiveElevenLocatedErrors() throws {
        let run = try HostCheckRunner.run(["lint", HostCheckRunner.fixture("packs/ten-mistakes.yaml")])
        #expect(run.status == 65)
        let errors = run.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        let lines = errors.compactMap { $0.split(separator: ":").dropFirst().first.flatMap { Int($0) } }
        #expect(lines == [1, 5, 10, 13, 17, 19, 23, 25, 29, 34, 37], "\(errors)")
    }
}
