import HostCheckCore

extension Field {
    /// The parent process's executable path.
    static let ownerParentPath = Field(
        name: "owner.parent_path", summary: "the parent process's executable path", kind: .text,
        providedBy: ["linux-proc"],
        extraction: .owner { _, process in .identity(process, { $0.parentPath }, FieldValue.whole) })
}
