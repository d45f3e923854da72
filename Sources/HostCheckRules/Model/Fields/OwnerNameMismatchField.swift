import HostCheckCore

extension Field {
    /// True when the process's name is not its executable's (a rename).
    static let ownerNameMismatch = Field(
        name: "owner.name_mismatch", summary: "true when the process's name is not its executable's (a rename)", kind: .boolean,
        providedBy: ["linux-proc"],
        extraction: .owner { _, process in .identity(process, { $0.nameMismatch }, FieldValue.boolean) })
}
