import Testing
@testable import HostCheckRules

/// Random small patterns of the dialect against random short ASCII texts: the engine agrees
/// with Swift `Regex` (ASCII classes, simple word boundaries), which backtracks but is quick at
/// this size. (Non-ASCII texts are left to RegexEngineTests' table: Swift `Regex` decides `\b`
/// wrongly under `.matchingSemantics(.unicodeScalar)`, and reads POSIX classes as Unicode.)
@Suite struct RegexDifferentialTests {
    @Test(arguments: [false, true])
    func agreesWithSwiftRegex(ignoreCase: Bool) throws {
        var random = SplitMix(seed: ignoreCase ? 0x5EED_CA5E : 0x5EED)
        var compared = 0
        var matched = 0
        for _ in 0..<1_000 {
            let pattern = RandomPattern.alternation(&random, depth: 0)
            let engine = try RegexPattern(pattern, ignoreCase: ignoreCase)
            var reference = try Regex(pattern).wordBoundaryKind(.simple).asciiOnlyCharacterClasses()
            if ignoreCase { reference = reference.ignoresCase() }
            for _ in 0..<8 {
                let text = RandomPattern.text(&random)
                let expected = text.contains(reference)
                #expect(engine.matches(text) == expected, "pattern \(pattern) text \(text) ignoreCase \(ignoreCase)")
                compared += 1
                if expected { matched += 1 }
            }
        }
        // Both outcomes are well represented.
        #expect(matched > compared / 10 && matched < compared * 9 / 10, "\(matched) of \(compared)")
    }
}

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return Int(value % UInt64(bound))
    }

    mutating func pick<T>(_ choices: [T]) -> T { choices[next(choices.count)] }
}

/// Random patterns of the dialect over a small alphabet, and texts over the same alphabet.
enum RandomPattern {
    static let alphabet: [String] = ["a", "b", "c", "A", "B", "1", "-", " ", "_"]

    static func text(_ random: inout SplitMix) -> String {
        (0..<random.next(12)).map { _ in random.pick(alphabet) }.joined()
    }

    static func alternation(_ random: inout SplitMix, depth: Int) -> String {
        let branches = random.next(5) == 0 ? 2 + random.next(2) : 1
        return (0..<branches).map { _ in concatenation(&random, depth: depth) }.joined(separator: "|")
    }

    static func concatenation(_ random: inout SplitMix, depth: Int) -> String {
        (0..<random.next(4) + (depth == 0 ? 1 : 0)).map { _ in item(&random, depth: depth) }.joined()
    }

    static func item(_ random: inout SplitMix, depth: Int) -> String {
        if random.next(8) == 0 { return random.pick(["^", "$", "\\b", "\\B"]) }
        return atom(&random, depth: depth) + quantifier(&random, nested: depth > 0)
    }

    static func atom(_ random: inout SplitMix, depth: Int) -> String {
        switch random.next(depth < 1 ? 10 : 7) {
        case 0, 1, 2: random.pick(["a", "b", "c", "A", "1", "-", " ", "\\-", "\\."])
        case 3: "."
        case 4: random.pick(["\\d", "\\w", "\\s", "\\W", "\\D"])
        case 5, 6: "[" + random.pick(["", "^"]) + random.pick(["ab", "a-c", "b1", "\\d_", "A-Z", "[:alpha:]", "-a", "c "]) + "]"
        default: "(" + random.pick(["", "?:"]) + alternation(&random, depth: depth + 1) + ")"
        }
    }

    /// Inside a group only `?` and `*`, sparingly: nested repeats make Swift `Regex` backtrack
    /// for minutes on a 12-character text (the very problem the engine solves).
    static func quantifier(_ random: inout SplitMix, nested: Bool) -> String {
        if nested { return random.pick(["?", "*", "", "", "", ""]) }
        return switch random.next(12) {
        case 0: "*"
        case 1: "+"
        case 2: "?"
        case 3: "{\(random.next(3))}"
        case 4: "{\(random.next(3)),}"
        case 5: "{\(random.next(2)),\(2 + random.next(2))}"
        case 6: "*?"
        default: ""
        }
    }
}
