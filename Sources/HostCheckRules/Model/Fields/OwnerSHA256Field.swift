import HostCheckCore

extension Field {
    /// The SHA-256 of the running executable (lower-case hex), read through the process.
    static let ownerSHA256 = Field(
        name: "owner.sha256", summary: "the SHA-256 of the running executable (lower-case hex), read through the process", kind: .text,
        providedBy: ["linux-proc"],
        extraction: .owner { _, process in .identity(process, { $0.sha256 }, FieldValue.whole) })
}
