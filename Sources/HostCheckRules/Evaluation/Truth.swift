/// Why a predicate could not be decided.
package struct UnknownCause: OptionSet, Sendable, Hashable {
    package let rawValue: Int
    package init(rawValue: Int) { self.rawValue = rawValue }
    /// The owner is unknown, has no process record, a field of it is missing, or its name may
    /// be truncated. `unknown_owner` may turn these into a fail or a pass.
    package static let ownership = UnknownCause(rawValue: 1)
    /// Anything else: an address given as a host name, a port given as a service name,
    /// partial coverage of a protocol or family.
    package static let data = UnknownCause(rawValue: 2)
    /// The owner is known but what shows which program it runs is not: it renamed itself
    /// (`name_mismatch`), its path does not verify or was deleted, or the identity field the
    /// rule tests is not recorded. `unknown_owner` never turns these into a pass or a fail
    /// (docs/rule-packs.md, "How strong is this identity?").
    package static let identity = UnknownCause(rawValue: 4)
}

/// A three-valued truth (Kleene logic) that remembers why it is unknown.
struct Truth: Sendable, Hashable {
    enum Value: Sendable, Hashable { case yes, no, maybe }

    var value: Value
    var causes: UnknownCause

    static let yes = Truth(value: .yes, causes: [])
    static let no = Truth(value: .no, causes: [])

    static func maybe(_ cause: UnknownCause) -> Truth { Truth(value: .maybe, causes: cause) }

    init(value: Value, causes: UnknownCause) {
        self.value = value
        self.causes = value == .maybe ? causes : []
    }

    init(_ flag: Bool) {
        self = flag ? .yes : .no
    }

    var isYes: Bool { value == .yes }
    var isNo: Bool { value == .no }

    /// Kleene negation: not unknown is unknown.
    var negated: Truth {
        switch value {
        case .yes: .no
        case .no: .yes
        case .maybe: self
        }
    }

    /// Kleene conjunction: false wins (and stops a lazy sequence), then unknown.
    static func all(_ values: some Sequence<Truth>) -> Truth {
        var causes: UnknownCause = []
        var unknown = false
        for value in values {
            switch value.value {
            case .no: return .no
            case .maybe:
                unknown = true
                causes.formUnion(value.causes)
            case .yes: break
            }
        }
        return unknown ? .maybe(causes) : .yes
    }

    /// Kleene disjunction: true wins, then unknown.
    static func any(_ values: some Sequence<Truth>) -> Truth {
        var causes: UnknownCause = []
        var unknown = false
        for value in values {
            switch value.value {
            case .yes: return .yes
            case .maybe:
                unknown = true
                causes.formUnion(value.causes)
            case .no: break
            }
        }
        return unknown ? .maybe(causes) : .no
    }
}
