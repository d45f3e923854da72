import Foundation
import HostCheckCore
import Testing
@testable import HostCheckRules

@Suite struct WaiverTests {
    typealias T = TestSupport

    /// 2027-01-15T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_800_014_400)

    private func waivers(_ text: String) -> (WaiverSet?, [Diagnostic]) {
        WaiverLoader.load(PackSource(path: "waivers.yaml", bytes: Array(text.utf8)))
    }

    private func evaluator(_ waiverText: String, now: Date = now) throws -> Evaluator {
        let packs = try #require(T.load(EvaluatorTests.ownerRule).0)
        let set = try #require(waivers(waiverText).0)
        return try Evaluator(packs: packs, filter: .none, waivers: set, now: now)
    }

    private static let failing = T.snapshot([T.socket(pids: [1])], [T.process(1, "nc64.exe")])

    @Test func endOfDayIsInclusiveUTC() throws {
        #expect(try Waiver.endOfDay("1970-01-01").get() == 86399)
        #expect(try Waiver.endOfDay("2027-01-15").get() == 1_800_057_599)
        #expect(try Waiver.endOfDay("2028-02-29").get() == 1_835_481_599)
    }

    /// `expires` and `--now` are checked by one function, CivilDate.day: the same dates are
    /// refused for the same reason.
    @Test(arguments: ["2027-02-29", "2027-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00", "27-1-1", "2026-1-01", "2026-01-01x"])
    func expiresIsCheckedByCivilDate(text: String) throws {
        guard case .failure(let civil) = CivilDate.day(text) else {
            Issue.record("CivilDate.day accepted \(text)")
            return
        }
        #expect(Waiver.endOfDay(text) == .failure(civil))
        let (set, diagnostics) = waivers("hostcheck: 1\nwaivers:\n  - rule: r\n    reason: x\n    expires: \(text)\n")
        #expect(set == nil)
        let why = civil.reason.map { ": \($0)" } ?? ""
        #expect(diagnostics.map(\.description) == ["waivers.yaml:5:14: error: expires must be a date YYYY-MM-DD, found '\(text)'\(why)"])
    }

    @Test(arguments: [
        ("hosts: []", "waivers.yaml:4:12: error: hosts must not be an empty list (leave hosts out to waive the rule on every host)"),
        ("hosts: [\"\"]", "waivers.yaml:4:12: error: a host glob must not be empty"),
        ("hosts: \"\"", "waivers.yaml:4:12: error: a host glob must not be empty"),
        ("rule: \"\"", "waivers.yaml:4:11: error: a waiver's rule must not be empty"),
    ])
    func emptyListsAndNamesAreErrors(line: String, error: String) throws {
        let (set, diagnostics) = waivers("hostcheck: 1\nwaivers:\n  - reason: x\n    \(line)\n" + (line.hasPrefix("rule") ? "" : "    rule: r\n"))
        #expect(set == nil)
        #expect(diagnostics.map(\.description) == [error])
    }

    @Test func emptyHostsNeverWaiveEveryHost() throws {
        let text = "hostcheck: 1\nwaivers:\n  - rule: r\n    hosts: []\n    reason: x\n"
        #expect(waivers(text).0 == nil)
        let listed = try #require(waivers("hostcheck: 1\nwaivers:\n  - rule: r\n    hosts: [web-*]\n    reason: x\n").0)
        #expect(listed.waivers.first?.hosts.count == 1)
    }

    @Test func activeWaiverTurnsFailIntoWaived() throws {
        let text = "hostcheck: 1\nwaivers:\n  - rule: r\n    hosts: [\"WH-BERLIN-*\"]\n    reason: SEC-1234\n    expires: 2027-01-31\n"
        let evaluator = try evaluator(text)
        #expect(evaluator.diagnostics.isEmpty)
        let results = evaluator.evaluate(Self.failing)
        let result = try #require(results.results.first)
        #expect(result.outcome == .waived && result.waivedOutcome == .fail)
        #expect(result.waiver == AppliedWaiver(reason: "SEC-1234", expires: "2027-01-31", location: SourceLocation(file: "waivers.yaml", line: 3, column: 5)))
        var usage = WaiverUsage()
        usage.record(results)
        #expect(evaluator.finish(usage).isEmpty)
    }

    @Test func expiresAtTheEndOfItsDay() throws {
        let text = "hostcheck: 1\nwaivers:\n  - rule: r\n    reason: x\n    expires: 2027-01-15\n"
        let lastSecond = Date(timeIntervalSince1970: 1_800_057_599)
        #expect(try evaluator(text, now: lastSecond).evaluate(Self.failing).results.first?.outcome == .waived)
        let after = Date(timeIntervalSince1970: 1_800_057_600)
        let expired = try evaluator(text, now: after)
        #expect(expired.evaluate(Self.failing).results.first?.outcome == .fail)
        #expect(expired.diagnostics.map(\.description) == ["waivers.yaml:3:5: warning: waiver for 'r' expired on 2027-01-15 and no longer applies"])
    }

    @Test func expiringSoonIsWarned() throws {
        let text = "hostcheck: 1\nwaivers:\n  - rule: r\n    reason: x\n    expires: 2027-01-20\n"
        #expect(try evaluator(text).diagnostics.map(\.message) == ["waiver for 'r' expires in 5 days (2027-01-20)"])
    }

    @Test func waiverForOtherHostsOrPassingRulesMatchesNothing() throws {
        let text = "hostcheck: 1\nwaivers:\n  - rule: r\n    hosts: [ny-*]\n    reason: x\n  - rule: nope\n    reason: y\n"
        let evaluator = try evaluator(text)
        #expect(evaluator.diagnostics.map(\.message) == ["waiver names rule 'nope', which is not loaded"])
        let results = evaluator.evaluate(Self.failing)
        #expect(results.results.first?.outcome == .fail)
        var usage = WaiverUsage()
        usage.record(results)
        #expect(evaluator.finish(usage).map(\.description) == ["waivers.yaml:3:5: warning: waiver for 'r' matched nothing"])
    }

    @Test func hostGlobOnUnknownHostNameGivesUnknown() throws {
        let text = "hostcheck: 1\nwaivers:\n  - rule: r\n    hosts: [wh-*]\n    reason: x\n"
        let snapshot = T.snapshot([T.socket(pids: [1])], [T.process(1, "nc64.exe")], name: "unknown")
        #expect(try evaluator(text).evaluate(snapshot).results.first?.outcome == .unknown)
    }

    @Test func waiverFileErrorsAreLocated() {
        let text = "hostcheck: 1\nwaivers:\n  - rule: r\n    reson: x\n    expires: 2027-13-01\n"
        let (set, diagnostics) = waivers(text)
        #expect(set == nil)
        #expect(diagnostics.map(\.description) == [
            "waivers.yaml:3:5: error: a waiver is missing required key 'reason'",
            "waivers.yaml:4:5: error: unknown key 'reson' in a waiver (did you mean 'reason'?)",
            "waivers.yaml:5:14: error: expires must be a date YYYY-MM-DD, found '2027-13-01': there is no month 13",
        ])
    }
}

@Suite struct RuleFilterTests {
    typealias T = TestSupport

    static let packText = """
    hostcheck: 1
    pack: { id: p, version: "1" }
    rules:
      - { id: a, severity: low, tags: [x], select: { local_port: 1 }, expect: none }
      - { id: b, severity: high, tags: [y], select: { local_port: 2 }, expect: none }
      - { id: c, severity: critical, tags: [x, y], select: { local_port: 3 }, expect: none }
    """

    @Test(arguments: [
        (RuleFilter(), ["a", "b", "c"]),
        (RuleFilter(ruleIDs: ["b", "p/c"]), ["b", "c"]),
        (RuleFilter(tags: ["x"]), ["a", "c"]),
        (RuleFilter(minSeverity: .high), ["b", "c"]),
        (RuleFilter(tags: ["y"], minSeverity: .critical), ["c"]),
    ])
    func keeps(filter: RuleFilter, expected: [String]) throws {
        let packs = try #require(T.load(Self.packText).0)
        #expect(try Evaluator(packs: packs, filter: filter, waivers: nil, now: Date()).rules.map(\.id) == expected)
    }

    @Test(arguments: [
        (RuleFilter(ruleIDs: ["d"]), "--rule 'd': no loaded rule has this id"),
        (RuleFilter(tags: ["z"]), "--tag 'z': no loaded rule has this tag"),
        (RuleFilter(tags: ["x"], minSeverity: .high), "--tag"),
        (RuleFilter(ruleIDs: ["a"], minSeverity: .high), "no rule left after the filters"),
    ])
    func reportsFiltersThatSelectNothing(filter: RuleFilter, message: String) throws {
        let packs = try #require(T.load(Self.packText).0)
        do {
            _ = try Evaluator(packs: packs, filter: filter, waivers: nil, now: Date())
            if message != "--tag" { Issue.record("expected an error") }
        } catch {
            #expect(error.messages.contains { $0.hasPrefix(message) })
        }
    }
}

@Suite struct WaiverScopeTests {
    @Test func waiverAppliesToAnUnknownFromScoping() throws {
        let pack = TestSupport.pack(rule: "select: { local_port: 3691 }\nexpect: none\napplies_to: { platform: [windows] }")
        let packs = try #require(TestSupport.load(pack).0)
        let waivers = try #require(WaiverLoader.load(PackSource(path: "w.yaml", bytes: Array("hostcheck: 1\nwaivers:\n  - rule: r\n    reason: x\n".utf8))).waivers)
        let evaluator = try Evaluator(packs: packs, filter: .none, waivers: waivers, now: Date())
        let result = try #require(evaluator.evaluate(TestSupport.snapshot([], platform: .unknown)).results.first)
        #expect(result.outcome == .waived && result.waivedOutcome == .unknown)
    }
}
