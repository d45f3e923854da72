/// A source of facts about one host: the live system, or captured files.
///
/// Implementation requirements:
/// - `collect()` never crashes on any input; what it cannot read becomes a ``Diagnostic``
///   with location in the snapshot, or a thrown error when nothing usable is left.
/// - Every non-blank input line becomes a fact, is recognised as decoration, or is a diagnostic.
/// - Ownership is `unknown` unless the probe proved `owned` or `unowned` (docs/architecture.md, "Facts").
public protocol Probe: Sendable {
    /// A stable kebab-case id (`linux-proc`, `capture`).
    static var id: String { get }
    /// One line for `hostcheck list probes`.
    static var summary: String { get }
    /// Gathers the facts.
    func collect() async throws -> Snapshot
}
