/// A condition on a socket, compiled from `select` or `expect` (docs/rule-packs.md, "Conditions").
///
/// A field mapping is `all` of its entries. `owner` quantifies over the socket's owners:
/// in `select` any owner may satisfy it, in `expect` every owner must (supervisors aside).
public indirect enum Predicate: Sendable, Hashable {
    case all([Predicate])
    case any([Predicate])
    case none([Predicate])
    /// A socket field (not `owner.*`).
    case field(Field, Matcher)
    /// A condition on each owning process.
    case owner(OwnerPredicate)

    /// True when the predicate reads any `owner.*` field.
    var readsOwner: Bool {
        switch self {
        case .all(let items), .any(let items), .none(let items): items.contains(where: \.readsOwner)
        case .field: false
        case .owner: true
        }
    }

    /// A rough evaluation cost, so a mapping tests its cheapest and most selective fields
    /// first (the order of `all` does not change its value).
    var cost: Int {
        switch self {
        case .field(.localPort, _), .field(.remotePort, _): 0
        case .field(.protocol, _), .field(.state, _), .field(.family, _): 1
        case .field: 2
        case .all, .any, .none: 3
        case .owner: 4
        }
    }

    /// A short description for messages.
    var summary: String {
        switch self {
        case .all(let items): items.map(\.summary).joined(separator: " and ")
        case .any(let items): items.count == 1 ? items.map(\.summary).joined() : "any of (" + items.map(\.summary).joined(separator: "; ") + ")"
        case .none(let items): "none of (" + items.map(\.summary).joined(separator: "; ") + ")"
        case .field(let field, let matcher): "\(field.rawValue) \(matcher.summary)"
        case .owner(let owner): owner.summary
        }
    }
}

/// A condition on one owning process.
public indirect enum OwnerPredicate: Sendable, Hashable {
    case all([OwnerPredicate])
    case any([OwnerPredicate])
    case none([OwnerPredicate])
    /// An `owner.*` field.
    case field(Field, Matcher)

    var summary: String {
        switch self {
        case .all(let items): items.map(\.summary).joined(separator: " and ")
        case .any(let items): items.count == 1 ? items.map(\.summary).joined() : "any of (" + items.map(\.summary).joined(separator: "; ") + ")"
        case .none(let items): "none of (" + items.map(\.summary).joined(separator: "; ") + ")"
        case .field(let field, let matcher): "\(field.key) \(matcher.summary)"
        }
    }
}
