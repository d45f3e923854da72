import HostCheckCore

extension FieldValue {
    /// An identity member of an owner (docs/rule-packs.md, "How strong is this identity?"):
    /// unknown for ownership when there is no process record, unknown for identity when the
    /// record lacks the member (never a cause `unknown_owner` may turn into a pass).
    static func identity<Value>(
        _ process: ProcessFact?, _ member: (ProcessIdentity) -> Value?, _ make: (Value) -> FieldValue
    ) -> FieldValue {
        guard let process else { return .unknown(.ownership) }
        return member(process.identity).map(make) ?? .unknown(.identity)
    }

    /// Text that is never cut.
    static func whole(_ text: String) -> FieldValue { .text(text, truncated: false) }
}
