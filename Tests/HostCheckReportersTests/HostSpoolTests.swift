import Foundation
import Testing
import HostCheckCore
@testable import HostCheckReporters

@Suite struct HostSpoolTests {
    private static func counts(fail: Int = 0, error: Int = 0, unknown: Int = 0, pass: Int = 0, waived: Int = 0) -> OutcomeCounts {
        var counts = OutcomeCounts()
        counts.fail = fail
        counts.error = error
        counts.unknown = unknown
        counts.pass = pass
        counts.waived = waived
        return counts
    }

    private static func scratchDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spool-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(arguments: [
        (counts(pass: 3), HostRank.passing),
        (counts(pass: 3, waived: 1), HostRank.passing),
        (counts(unknown: 1, pass: 2), HostRank.unknown),
        (counts(error: 1, unknown: 1), HostRank.error),
        (counts(fail: 1, error: 1, unknown: 1), HostRank.failing),
        (OutcomeCounts(), HostRank.passing),
    ])
    func rankFollowsTheWorstOutcome(counts: OutcomeCounts, rank: HostRank) {
        #expect(HostRank(counts) == rank)
    }

    /// A bound of a few bytes spills nearly every host; the order and the texts come back intact,
    /// and the temporary file is never visible in its directory.
    @Test(arguments: [0, 16, 40, 1 << 20])
    func spillsBeyondTheBoundAndReadsBack(limit: Int) throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var spool = HostSpool(memoryLimit: limit, directory: directory)
        let hosts: [(String, OutcomeCounts)] = [
            ("a-pass", Self.counts(pass: 2)), ("b-unknown", Self.counts(unknown: 1)), ("c-pass", Self.counts(pass: 1)),
            ("d-fail", Self.counts(fail: 2)), ("e-error", Self.counts(error: 1)), ("zz-bad", Self.counts(fail: 1)),
        ]
        for (name, counts) in hosts {
            spool.add(name: name, counts: counts, rendered: "section of \(name) — Grüße\n")
        }
        #expect(spool.bytesInMemory <= limit)
        #expect((spool.bytesSpilled > 0) == (limit < 1 << 20))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, "the spool file is unlinked at once")
        let ordered = spool.ordered()
        #expect(ordered.map(\.name) == ["d-fail", "zz-bad", "e-error", "b-unknown", "a-pass", "c-pass"])
        var out = ""
        try spool.write(ordered, to: &out)
        #expect(out == ordered.map { "section of \($0.name) — Grüße\n" }.joined())
        #expect(spool.count(of: .failing) == 2)
        spool.close()
        #expect(spool.count == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func keepsTextsInMemoryWhenNoFileCanBeMade() throws {
        var spool = HostSpool(memoryLimit: 1, directory: "/nonexistent-\(UUID().uuidString)")
        spool.add(name: "x", counts: Self.counts(fail: 1), rendered: "xx\n")
        spool.add(name: "y", counts: Self.counts(pass: 1), rendered: "yy\n")
        #expect(spool.bytesSpilled == 0)
        var out = ""
        try spool.write(spool.ordered(), to: &out)
        #expect(out == "xx\nyy\n")
    }

    @Test func ruleTotalsCountHostsAndNameTheWorst() {
        var totals = RuleTotals(rules: [RuleInfo(pack: "p", id: "quiet", severity: .low)])
        func host(_ name: String, _ outcome: Outcome) -> HostResults {
            HostResults(host: HostInfo(name: name, platform: .linux, coverage: .full), results: [
                RuleResult(host: name, pack: "p", rule: "r", severity: .high, outcome: outcome, message: ""),
                RuleResult(host: name, pack: "p", rule: "r", severity: .high, outcome: .fail, message: "repeat, not counted"),
                RuleResult(host: name, pack: "p", rule: "quiet", severity: .low, outcome: .pass, message: ""),
            ])
        }
        for (name, outcome) in [("u1", Outcome.unknown), ("p1", .pass), ("f1", .fail), ("u2", .unknown), ("f2", .fail)] {
            totals.add(host(name, outcome))
        }
        let rows = totals.sorted
        #expect(rows.map(\.id) == ["p/r", "p/quiet"])
        #expect(rows[0].hosts.fail == 2 && rows[0].hosts.unknown == 2 && rows[0].hosts.pass == 1)
        #expect(rows[0].worst == .fail)
        #expect(rows[0].firstHosts == ["f1", "f2"], "names restart when a worse outcome appears")
        #expect(totals.attention.map(\.id) == ["p/r"])
        #expect(rows[1].hosts.pass == 5)
    }
}
