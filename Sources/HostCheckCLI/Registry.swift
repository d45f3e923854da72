/// Every capability one hostcheck binary has: probes, capture formats, reporters, rule fields
/// and matchers. Assembled once by the executable from the descriptors each module exports
/// and passed down as a value; nothing looks capabilities up anywhere else.
public struct Registry: Sendable {
    public init() {}

    /// The capabilities built into this repository.
    public static var builtin: Registry { Registry() }
}
