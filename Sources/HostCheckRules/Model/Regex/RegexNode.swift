/// The parsed form of a regular expression (docs/rule-packs.md, "Regular expressions"):
/// what ``RegexParser`` reads and ``RegexCompiler`` turns into a ``RegexProgram``.
indirect enum RegexNode: Sendable, Hashable {
    /// Matches the empty string (an empty group or alternative).
    case empty
    /// One Unicode scalar.
    case scalar(UInt32)
    /// One scalar in (or, negated, outside) a set.
    case set(ScalarSet)
    /// `.`: any scalar but a line feed.
    case anyButNewline
    /// A zero-width test: `^`, `$`, `\b`, `\B`.
    case assertion(RegexAssertion)
    case concatenation([RegexNode])
    case alternation([RegexNode])
    /// `min` to `max` repetitions (`nil`: no upper bound).
    case repetition(RegexNode, min: Int, max: Int?)
}

/// A zero-width test at a position between two scalars.
enum RegexAssertion: Sendable, Hashable {
    /// `^`, `\A`: the start of the text.
    case start
    /// `$`, `\z`: the end of the text (not before a final newline).
    case end
    /// `\b`: a word scalar (`\w`) on exactly one side.
    case wordBoundary
    /// `\B`: not a word boundary.
    case notWordBoundary
}

/// A set of Unicode scalars as sorted, disjoint, non-adjacent ranges, possibly negated.
///
/// Negation is kept apart from the ranges so that a case-insensitive `[^a]` refuses `A` too:
/// membership (with its case variants) is decided first, negation after.
struct ScalarSet: Sendable, Hashable {
    private(set) var ranges: [ClosedRange<UInt32>]
    var negated: Bool

    init(_ ranges: [ClosedRange<UInt32>], negated: Bool = false) {
        self.ranges = ScalarSet.normalized(ranges)
        self.negated = negated
    }

    /// Whether `value` lies in the ranges (negation not applied).
    func rangesContain(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound { high = middle }
            else if value > range.upperBound { low = middle + 1 }
            else { return true }
        }
        return false
    }

    /// The ranges of every scalar value outside these ranges.
    var complementRanges: [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            if range.upperBound >= ScalarSet.maximum { return result }
            next = range.upperBound + 1
        }
        result.append(next...ScalarSet.maximum)
        return result
    }

    /// The largest Unicode scalar value.
    static let maximum: UInt32 = 0x10FFFF

    private static func normalized(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var merged: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}

extension ScalarSet {
    /// `\d`, `[[:digit:]]`: ASCII digits.
    static let digitRanges: [ClosedRange<UInt32>] = [0x30...0x39]
    /// `\w`, `[[:word:]]`: ASCII letters, digits and `_`.
    static let wordRanges: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
    /// `\s`, `[[:space:]]`: space, tab, line feed, vertical tab, form feed, carriage return.
    static let spaceRanges: [ClosedRange<UInt32>] = [0x09...0x0D, 0x20...0x20]

    /// The POSIX classes a bracket expression may name (`[[:alpha:]]`), all ASCII.
    static let posixClasses: [String: [ClosedRange<UInt32>]] = [
        "alnum": [0x30...0x39, 0x41...0x5A, 0x61...0x7A],
        "alpha": [0x41...0x5A, 0x61...0x7A],
        "ascii": [0x00...0x7F],
        "blank": [0x09...0x09, 0x20...0x20],
        "cntrl": [0x00...0x1F, 0x7F...0x7F],
        "digit": digitRanges,
        "graph": [0x21...0x7E],
        "lower": [0x61...0x7A],
        "print": [0x20...0x7E],
        "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E],
        "space": spaceRanges,
        "upper": [0x41...0x5A],
        "word": wordRanges,
        "xdigit": [0x30...0x39, 0x41...0x46, 0x61...0x66],
    ]

    /// Whether `value` is a word scalar (`\w`), for `\b`.
    static func isWord(_ value: UInt32) -> Bool {
        (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || value == 0x5F
            || (value >= 0x61 && value <= 0x7A)
    }
}
