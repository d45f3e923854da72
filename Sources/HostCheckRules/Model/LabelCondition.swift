/// One `applies_to.labels` entry: the globs a host label's value is compared with, ignoring
/// case like host names (docs/rule-packs.md, "Scopes and labels").
package struct LabelCondition: Sendable, Hashable {
    /// Any of these globs (compiled with `ignoreCase`).
    package var globs: [Glob]
    /// `{ not: … }`: the host is in scope when its value matches none of the globs, or when
    /// it has no such label.
    package var negated: Bool

    /// A condition on one label value.
    package init(globs: [Glob], negated: Bool = false) {
        self.globs = globs
        self.negated = negated
    }

    /// Whether a host whose label has `value` (nil: the host has no such label) is in scope.
    package func admits(_ value: String?) -> Bool {
        guard let value else { return negated }
        let matched = globs.contains { $0.matches(value) }
        return matched != negated
    }

    /// The patterns, for messages: `prod`, `not prod`, `any of (a, b)`.
    package var summary: String {
        let list = globs.count == 1 ? globs[0].pattern : "any of (" + globs.map(\.pattern).joined(separator: ", ") + ")"
        return negated ? "not " + list : list
    }
}
