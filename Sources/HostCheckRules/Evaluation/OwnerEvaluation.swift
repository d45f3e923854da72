import HostCheckCore

extension OwnerTable.Owner {
    /// A condition on this owner; its fields are `owner.*` fields (a nested `owner` is the same
    /// owner). The record is read where it lies: no condition copies it.
    func evaluate(_ predicate: Predicate) -> Truth {
        switch predicate {
        case .all(let items): Truth.all(items.lazy.map { self.evaluate($0) })
        case .any(let items): Truth.any(items.lazy.map { self.evaluate($0) })
        case .none(let items): Truth.any(items.lazy.map { self.evaluate($0) }).negated
        case .field(let field, let matcher): matcher.evaluate(field.value(pid: pid, process: process))
        case .owner(let inner): evaluate(inner)
        }
    }
}
