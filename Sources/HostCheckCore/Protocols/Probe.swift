/// A source of facts about one host: the live system, or captured files.
///
/// Implementation requirements:
/// - `collect()` never crashes on any input; what it cannot read becomes a ``Diagnostic``
///   with location in the snapshot, or a thrown error when nothing usable is left.
/// - Every non-blank input line becomes a fact, is recognised as decoration, or is a diagnostic.
/// - Ownership is `unknown` unless the probe proved `owned` or `unowned` (docs/architecture.md, "Facts").
///
/// What a probe is called, where it runs and which options it takes is said by its descriptor
/// in the registry (docs/architecture.md, "The registry"), not by the probe.
public protocol Probe: Sendable {
    /// Gathers the facts.
    func collect() async throws -> Snapshot
}
