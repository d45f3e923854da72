import HostCheckCore

extension Field {
    /// True when the path names the running file in hostcheck's mount namespace.
    static let ownerPathVerified = Field(
        name: "owner.path_verified", summary: "true when the path names the running file in hostcheck's mount namespace", kind: .boolean,
        providedBy: ["linux-proc"],
        extraction: .owner { _, process in .identity(process, { $0.pathVerified }, FieldValue.boolean) })
}
