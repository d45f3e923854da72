/// A condition on a socket, compiled from `select` or `expect` (docs/rule-packs.md).
///
/// A field mapping is `all` of its entries. `owner` holds a condition on each owning process,
/// whose fields are `owner.*` fields: in `select` any owner may satisfy it, in `expect` every
/// owner must (supervisors aside). One type serves both levels, and ``visit(_:)`` is its one
/// walker.
package indirect enum Predicate: Sendable, Hashable {
    case all([Predicate])
    case any([Predicate])
    case none([Predicate])
    /// A field and the matcher its value must satisfy.
    case field(Field, Matcher)
    /// A condition on each owning process.
    case owner(Predicate)

    /// Walks the predicate depth first, calling `body` on every node, itself first; `body`
    /// returns false to skip a node's children.
    func visit(_ body: (Predicate) -> Bool) {
        guard body(self) else { return }
        switch self {
        case .all(let items), .any(let items), .none(let items): for item in items { item.visit(body) }
        case .owner(let inner): inner.visit(body)
        case .field: break
        }
    }

    /// Whether some node satisfies `test`.
    func contains(where test: (Predicate) -> Bool) -> Bool {
        var found = false
        visit { node in
            if !found, test(node) { found = true }
            return !found
        }
        return found
    }

    /// True when the predicate reads any `owner.*` field.
    var readsOwner: Bool {
        contains { if case .owner = $0 { true } else { false } }
    }

    /// Whether `field` is tested outside `none` and `owner` (the conditions that narrow what
    /// is selected).
    func narrows(_ field: Field) -> Bool {
        var found = false
        visit { node in
            switch node {
            case .none, .owner: return false
            case .field(let other, _): if other == field { found = true }
            case .all, .any: break
            }
            return !found
        }
        return found
    }

    /// Whether a socket whose `values` are known could satisfy the predicate: false only when
    /// the conditions on those fields rule it out (fields not in `values`, `none` and `owner`
    /// are assumed satisfiable).
    func admits(_ values: [Field: FieldValue]) -> Bool {
        switch self {
        case .all(let items): items.allSatisfy { $0.admits(values) }
        case .any(let items): items.contains { $0.admits(values) }
        case .none, .owner: true
        case .field(let field, let matcher): values[field].map { !matcher.evaluate($0).isNo } ?? true
        }
    }

    /// A rough evaluation cost, so a mapping tests its cheapest and most selective fields
    /// first (the order of `all` does not change its value).
    var cost: Int {
        switch self {
        case .field(let field, _): field.cost
        case .all, .any, .none: 3
        case .owner: 4
        }
    }

    /// A short description for messages; owner fields are named by their key inside `owner`.
    var summary: String {
        switch self {
        case .all(let items): items.map(\.summary).joined(separator: " and ")
        case .any(let items): items.count == 1 ? items.map(\.summary).joined() : "any of (" + items.map(\.summary).joined(separator: "; ") + ")"
        case .none(let items): "none of (" + items.map(\.summary).joined(separator: "; ") + ")"
        case .field(let field, let matcher): "\(field.key) \(matcher.summary)"
        case .owner(let owner): owner.summary
        }
    }
}
