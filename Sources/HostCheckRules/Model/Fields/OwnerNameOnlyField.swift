import HostCheckCore

extension Field {
    /// True when the sources record the owner's name and nothing stronger: no path, SHA-256 or
    /// signer. Lets a pack fall back to the name only where its source has nothing else
    /// (docs/rule-packs.md, "How strong is this identity?").
    static let ownerNameOnly = Field(
        name: "owner.name_only", summary: "true when the sources record the name and no path, sha256 or signer", kind: .boolean,
        providedBy: ["linux-proc", "capture"],
        extraction: .owner { _, process in
            guard let process else { return .unknown(.ownership) }
            return .boolean(process.hasOnlyName)
        })
}

extension ProcessFact {
    /// True when nothing but the (self-given) name shows which program this is.
    var hasOnlyName: Bool {
        path == nil && identity.sha256 == nil && identity.signer == nil
    }
}
