import HostCheckCore

extension Field {
    /// The owning process's real user id.
    static let ownerUID = Field(
        name: "owner.uid", summary: "the owning process's real user id", kind: .integer,
        providedBy: ["linux-proc"],
        extraction: .owner { _, process in .identity(process, { $0.uid }, FieldValue.integer) })
}
