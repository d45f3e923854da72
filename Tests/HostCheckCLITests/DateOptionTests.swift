import Foundation
import Testing

/// End-to-end: `--now` is validated like a waiver's `expires` (one function, CivilDate): an
/// impossible date is a usage error naming the value and why, never rolled forward.
@Suite struct DateOptionTests {
    let pack = "rules/magaya-network.yaml"
    let netstat = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")
    let nc64 = HostCheckRunner.fixture("windows/tasklist-nc64.csv")
    let waivers = HostCheckRunner.fixture("waivers/magaya-migration.yaml")

    func check(now: String) throws -> HostCheckRun {
        try HostCheckRunner.run([
            "check", pack, "--capture", netstat, "--capture", nc64, "--host", "wh-berlin-02",
            "--waivers", waivers, "--now", now,
        ])
    }

    @Test(arguments: [
        ("2027-02-30", "February 2027 has 28 days"),
        ("2026-13-01", "there is no month 13"),
        ("2026-00-10", "there is no month 00"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-02-30T10:00:00Z", "February 2026 has 28 days"),
        ("2026-12-04T24:00:00Z", "hours run from 00 to 23, not 24"),
        ("2026-12-04T10:60:00Z", "minutes run from 00 to 59, not 60"),
        ("2026-12-04T10:00:00+25:00", "a UTC offset runs to at most 23:59"),
    ])
    func impossibleDateIsAUsageError(now: String, reason: String) throws {
        let run = try check(now: now)
        #expect(run.status == 64, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(run.stderr.contains("--now '\(now)' is not a real date: \(reason)"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test(arguments: ["tomorrow", "2026-1-01", "2026-12-04T10:00", "2026-12-04 ", "２０２６-12-04"])
    func shapelessDateIsAUsageError(now: String) throws {
        let run = try check(now: now)
        #expect(run.status == 64)
        #expect(run.stderr.contains("--now takes YYYY-MM-DD or an ISO 8601 date-time"), "\(run.stderr)")
    }

    /// The waiver expires at the end of 2027-01-31 UTC: every clock before it waives the fail (0),
    /// the first second after it does not (1), so the offset arithmetic is checked too.
    @Test(arguments: [
        ("2024-02-29", Int32(0)),
        ("2026-12-04T10:00:00Z", 0),
        ("2027-01-31T23:59:59.5Z", 0),
        ("2027-02-01T00:30:00+01:00", 0),
        ("2027-01-31T20:00:00-04:00", 1),
        ("2027-02-01", 1),
    ])
    func realDatesWork(now: String, status: Int32) throws {
        let run = try check(now: now)
        #expect(run.status == status, "stdout: \(run.stdout) stderr: \(run.stderr)")
    }
}
