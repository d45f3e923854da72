import HostCheckCore

extension PackDecoder {
    static let combinators = ["all", "any", "none"]

    /// A field mapping of `select` or `expect` (`section` names which, for messages).
    mutating func decodePredicate(_ node: YAMLNode, where section: String) -> Predicate? {
        guard let pairs = node.pairs else {
            reader.error("\(section) must be a mapping of fields, found a \(node.kindName)", at: node.location)
            return nil
        }
        if pairs.isEmpty {
            reader.error("\(section) is empty (name at least one field)", at: node.location)
            return nil
        }
        var parts: [Predicate] = []
        /// `owner.name: x` keys of this mapping: one owner must satisfy them together.
        var dottedOwner: [Predicate] = []
        var failed = false
        for pair in pairs {
            if let combinator = Self.combinator(pair.key) {
                guard let items = combinatorItems(pair, section: section) else { failed = true; continue }
                let inner = items.map { decodePredicate($0, where: section) }
                if inner.contains(where: { $0 == nil }) { failed = true; continue }
                parts.append(combinator(inner.compactMap { $0 }))
            } else if pair.key == "owner" {
                guard let owner = decodeOwner(pair.value, section: section) else { failed = true; continue }
                parts.append(.owner(owner))
            } else if let field = vocabulary.field(named: pair.key) {
                guard let matcher = decodeMatcher(pair.value, field: field, section: section) else { failed = true; continue }
                if field.isOwnerField { dottedOwner.append(.field(field, matcher)) } else { parts.append(.field(field, matcher)) }
            } else {
                let socketKeys = vocabulary.fields.filter { !$0.isOwnerField }.map(\.name)
                let allowed = socketKeys + ["owner"] + Self.combinators + vocabulary.fields.filter(\.isOwnerField).map(\.name)
                reader.error("unknown field \(MessageText.quote(pair.key)) in \(section)" + MessageText.didYouMean(pair.key, among: allowed), at: pair.keyLocation)
                failed = true
            }
        }
        if failed { return nil }
        if !dottedOwner.isEmpty { parts.append(.owner(dottedOwner.count == 1 ? dottedOwner[0] : .all(dottedOwner))) }
        return parts.count == 1 ? parts[0] : .all(parts.sorted { $0.cost < $1.cost })
    }

    mutating func decodeOwner(_ node: YAMLNode, section: String) -> Predicate? {
        guard let pairs = node.pairs else {
            reader.error("owner must be a mapping of owner fields, found a \(node.kindName)", at: node.location)
            return nil
        }
        if pairs.isEmpty {
            reader.error("owner is empty (name at least one owner field)", at: node.location)
            return nil
        }
        var parts: [Predicate] = []
        var failed = false
        for pair in pairs {
            if let combinator = Self.combinator(pair.key) {
                guard let items = combinatorItems(pair, section: section) else { failed = true; continue }
                let inner = items.map { decodeOwner($0, section: section) }
                if inner.contains(where: { $0 == nil }) { failed = true; continue }
                parts.append(combinator(inner.compactMap { $0 }))
            } else if let field = vocabulary.field(named: "owner." + pair.key), field.isOwnerField {
                guard let matcher = decodeMatcher(pair.value, field: field, section: section) else { failed = true; continue }
                parts.append(.field(field, matcher))
            } else {
                let allowed = vocabulary.fields.filter(\.isOwnerField).map(\.key) + Self.combinators
                reader.error("unknown owner field \(MessageText.quote(pair.key)) in \(section)" + MessageText.didYouMean(pair.key, among: allowed), at: pair.keyLocation)
                failed = true
            }
        }
        if failed { return nil }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    private mutating func combinatorItems(_ pair: YAMLPair, section: String) -> [YAMLNode]? {
        guard let items = pair.value.items, !items.isEmpty else {
            reader.error("\(pair.key) must be a non-empty list of field mappings", at: pair.value.location)
            return nil
        }
        return items
    }

    private static func combinator(_ key: String) -> (([Predicate]) -> Predicate)? {
        switch key {
        case "all": Predicate.all
        case "any": Predicate.any
        case "none": Predicate.none
        default: nil
        }
    }
}
