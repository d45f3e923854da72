/// Caps the YAML reader enforces while streaming events (docs/architecture.md, "Reliability and security").
package struct YAMLLimits: Sendable, Hashable {
    /// The largest input accepted, in bytes.
    package var maxBytes: Int
    /// The deepest nesting of mappings and sequences.
    package var maxDepth: Int
    /// The most nodes (scalars, mappings, sequences) in one document.
    package var maxNodes: Int
    /// The most diagnostics reported for one input before reading stops.
    package var maxErrors: Int

    package init(maxBytes: Int = 8 * 1024 * 1024, maxDepth: Int = 64, maxNodes: Int = 200_000, maxErrors: Int = 100) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxErrors = maxErrors
    }
}
