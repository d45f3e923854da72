import HostCheckCore

extension Field {
    /// The Authenticode status of the owner's executable as the capture recorded it (`Valid`,
    /// `NotSigned`, `HashMismatch`, `NotTrusted`, `UnknownError`, ...); unknown when no
    /// signature row names the owner.
    static let ownerSignatureStatus = Field(
        name: "owner.signature_status",
        summary: "the Authenticode status of the executable (Valid, NotSigned, HashMismatch, NotTrusted, ...)",
        kind: .text, providedBy: ["windows-authenticode-csv"],
        extraction: .owner { _, process in
            guard let process else { return .unknown(.ownership) }
            return process.identity.signatureStatus.map { .text($0, truncated: false) } ?? .unknown(.data)
        })
}
