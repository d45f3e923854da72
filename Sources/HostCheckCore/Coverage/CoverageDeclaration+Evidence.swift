extension CoverageDeclaration {
    /// `coverage` with this declaration applied (``applied(to:origin:)``), except that a level
    /// the evidence shows `partial` (a row that could not be read, an incomplete copy) stays
    /// `partial`: a declaration states what the command could show, not that every line of its
    /// output arrived.
    package func applied(toEvidence coverage: Coverage, origin: String) -> Coverage {
        keepingPartial(of: coverage).applied(to: coverage, origin: origin)
    }

    /// The declaration with each level it states as `full` lowered to `partial` where
    /// `evidence` is `partial`.
    package func keepingPartial(of evidence: Coverage) -> CoverageDeclaration {
        var kept = self
        func keep(_ path: WritableKeyPath<CoverageDeclaration, CoverageLevel?>, _ level: CoverageLevel) {
            if level == .partial, kept[keyPath: path] == .full { kept[keyPath: path] = .partial }
        }
        keep(\.tcp, evidence.tcp)
        keep(\.udp, evidence.udp)
        keep(\.ipv4, evidence.ipv4)
        keep(\.ipv6, evidence.ipv6)
        keep(\.owners, evidence.owners)
        return kept
    }
}
