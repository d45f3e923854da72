/// Why a pattern is refused: a construct outside the dialect (with what to write instead), a
/// mistake, or a pattern over the limits (docs/rule-packs.md, "Regular expressions").
package struct RegexSyntaxError: Error, Sendable, Hashable {
    /// What is wrong and what to write instead.
    package let reason: String
    /// The 1-based position, in Unicode scalars, of the construct in the pattern.
    package let position: Int

    init(_ reason: String, at offset: Int) {
        self.reason = reason
        position = offset + 1
    }

    /// `at character 3: lookahead ... is not supported; ...`
    package var description: String { "at character \(position): \(reason)" }
}

/// The bounds that keep every program small enough to run in time linear in the text.
package enum RegexLimits {
    /// The longest pattern, in Unicode scalars.
    package static let patternLength = 1_000
    /// The largest count in `{m}`, `{m,}`, `{m,n}`.
    package static let repeatCount = 100
    /// The most instructions a compiled pattern may have (counted repeats copy their body).
    package static let programSize = 10_000
    /// The deepest nesting of groups.
    package static let groupDepth = 100
}
