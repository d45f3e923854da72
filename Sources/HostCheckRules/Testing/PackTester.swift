#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HostCheckCore

/// The result of one `examples:` entry.
package struct ExampleResult: Sendable, Hashable {
    package var pack: String
    package var rule: String
    package var name: String?
    /// Where the example is written.
    package var location: SourceLocation
    package var expectedOutcome: Outcome
    package var expectedMessage: String?
    /// What the rule gave on the example's facts.
    package var actual: RuleResult

    /// Whether the rule gave the expected outcome (and message text, when one is expected).
    package var passed: Bool {
        actual.outcome == expectedOutcome && (expectedMessage.map { actual.message.contains($0) } ?? true)
    }

    /// `magaya-3691-owner example 'nc64 fails'` or `magaya-3691-owner example 2`.
    var title: String {
        "\(rule) example " + (name.map { MessageText.quote($0, limit: 60) } ?? "at line \(location.line ?? 0)")
    }
}

/// The results of every example of a pack set.
package struct PackTestReport: Sendable, Hashable {
    package var results: [ExampleResult]

    /// How many examples gave the expected result.
    package var passed: Int { results.filter(\.passed).count }
    /// How many did not.
    package var failed: Int { results.count - passed }

    /// A test-runner report: one block per failed example with expected and actual side by
    /// side (with `verbose`, a line per passed example too), then `N passed, N failed`.
    package func render(verbose: Bool = false) -> String {
        var lines: [String] = []
        for result in results {
            if result.passed {
                if verbose { lines.append("\(result.location): PASS \(result.title)") }
                continue
            }
            lines.append("\(result.location): FAIL \(result.title)")
            lines.append("  expected outcome: \(result.expectedOutcome.rawValue)")
            lines.append("  actual outcome:   \(result.actual.outcome.rawValue)")
            if let message = result.expectedMessage {
                lines.append("  expected message to contain: \(MessageText.clip(message, limit: 200))")
            }
            lines.append("  actual message:   \(MessageText.clip(result.actual.message, limit: 300))")
        }
        lines.append("\(passed) passed, \(failed) failed")
        return lines.joined(separator: "\n")
    }
}

/// Runs the `examples:` of every rule (`hostcheck test`): each example's facts are evaluated
/// against its rule alone, with the pack's variables as loaded, no waivers and no filter
/// (a rule with `enabled: false` is tested as if enabled).
package enum PackTester {
    /// Runs every example of every rule in `packs`, in pack and rule order.
    package static func run(_ packs: LoadedPacks, now: Date = Date()) -> PackTestReport {
        var results: [ExampleResult] = []
        guard let evaluator = try? Evaluator(packs: packs, filter: .none, waivers: nil, now: now) else {
            return PackTestReport(results: [])
        }
        for var rule in packs.rules {
            // Examples test the rule's logic; a rule disabled for a deployment keeps it.
            rule.enabled = true
            for example in rule.examples {
                results.append(ExampleResult(
                    pack: rule.pack, rule: rule.id, name: example.name, location: example.location,
                    expectedOutcome: example.outcome, expectedMessage: example.message,
                    actual: evaluator.evaluate(rule, on: example.snapshot)
                ))
            }
        }
        return PackTestReport(results: results)
    }
}
