import HostCheckCore

extension Field {
    /// The parent process's name.
    static let ownerParentName = Field(
        name: "owner.parent_name", summary: "the parent process's name", kind: .text,
        providedBy: ["linux-proc"],
        extraction: .owner { _, process in .identity(process, { $0.parentName }, FieldValue.whole) })
}
