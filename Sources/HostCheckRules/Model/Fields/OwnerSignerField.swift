import HostCheckCore

extension Field {
    /// Who validly signed the owner's executable: the `CN` and the `O` of the signing
    /// certificate's subject, each matched exactly (a matcher holds when it holds for one of
    /// them), and only when the status is `Valid`.
    ///
    /// A file the signature row shows is not validly signed (`NotSigned`, `HashMismatch`,
    /// `NotTrusted`) has no signer: `signer: X` is false, so the rule fails. Any other status,
    /// a `Valid` row without a subject, or no row for the owner is unknown (docs/rule-packs.md,
    /// "Windows identity: signer, signature status, sha256 and image").
    static let ownerSigner = Field(
        name: "owner.signer",
        summary: "the CN or O of the certificate that validly signed the executable (signature status Valid only)",
        kind: .text, providedBy: ["windows-authenticode-csv"],
        extraction: .owner { _, process in
            guard let process else { return .unknown(.ownership) }
            guard let status = process.identity.signatureStatus else { return .unknown(.data) }
            if notValidlySigned.contains(status) { return .absent }
            guard status == "Valid", let subject = process.identity.signer else { return .unknown(.data) }
            let names = CertificateSubject.names(subject)
            return names.isEmpty ? .unknown(.data) : .texts(names)
        })

    /// The statuses that show the file is not validly signed by anyone.
    static let notValidlySigned: Set<String> = ["NotSigned", "HashMismatch", "NotTrusted"]
}
