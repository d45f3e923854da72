import HostCheckCore

extension Field {
    /// The SHA-256 of the running executable (lower-case hex), read through the process (live
    /// Linux) or recorded by the Windows capture script for the file the process runs.
    static let ownerSHA256 = Field(
        name: "owner.sha256", summary: "the SHA-256 of the running executable (lower-case hex)", kind: .text,
        providedBy: ["linux-proc", "windows-authenticode-csv"],
        extraction: .owner { _, process in .identity(process, { $0.sha256 }, FieldValue.whole) })
}
