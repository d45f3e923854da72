/// Simple (one-to-one) case mapping of Unicode scalars, for `ignore_case: true` and `(?i)`.
///
/// A scalar whose mapping is several scalars (`ß` uppercases to `SS`) maps to itself.
enum RegexCaseFolding {
    /// The canonical case of `value`: lowercase of uppercase, so `K`, `k` and the Kelvin sign
    /// `K` (U+212A) all fold to `k`.
    static func fold(_ value: UInt32) -> UInt32 {
        lower(upper(value))
    }

    static func lower(_ value: UInt32) -> UInt32 {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A ? value + 0x20 : value }
        guard let scalar = Unicode.Scalar(value) else { return value }
        return single(scalar.properties.lowercaseMapping) ?? value
    }

    static func upper(_ value: UInt32) -> UInt32 {
        if value < 0x80 { return value >= 0x61 && value <= 0x7A ? value - 0x20 : value }
        guard let scalar = Unicode.Scalar(value) else { return value }
        return single(scalar.properties.uppercaseMapping) ?? value
    }

    private static func single(_ mapping: String) -> UInt32? {
        var scalars = mapping.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return nil }
        return first.value
    }
}
