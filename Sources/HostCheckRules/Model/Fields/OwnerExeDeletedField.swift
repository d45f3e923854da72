import HostCheckCore

extension Field {
    /// True when the running executable has no link left on disk.
    static let ownerExeDeleted = Field(
        name: "owner.exe_deleted", summary: "true when the running executable has no link left on disk", kind: .boolean,
        providedBy: ["linux-proc"],
        extraction: .owner { _, process in .identity(process, { $0.exeDeleted }, FieldValue.boolean) })
}
