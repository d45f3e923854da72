/// An optional integer in eight bytes instead of sixteen (`Int?` is nine bytes, padded to
/// sixteen beside other words): `Int.min` stands for nil. No line, column or port number is
/// ever `Int.min`, so facts keep their values exactly.
@usableFromInline
struct CompactOptionalInt: Sendable, Hashable {
    @usableFromInline var raw: Int

    @inlinable
    init(_ value: Int?) {
        raw = value ?? .min
    }

    @inlinable
    var value: Int? { raw == .min ? nil : raw }
}
