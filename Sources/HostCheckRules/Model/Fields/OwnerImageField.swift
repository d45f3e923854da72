import HostCheckCore

extension Field {
    /// The owner's image, named alike by every source: `svchost` for PowerShell's `svchost`,
    /// `tasklist`'s `svchost.exe` and the path `C:\Windows\system32\svchost.exe` (``ProcessImage``).
    /// A name cut by `tasklist` with no path is a prefix, so a rule on it may be unknown.
    static let ownerImage = Field(
        name: "owner.image",
        summary: "the image: lower-cased basename of the path (else of the name) without .exe (svchost)",
        kind: .text, providedBy: ["linux-proc", "capture"],
        extraction: .owner { _, process in
            guard let process, let image = ProcessImage.of(process) else { return .unknown(.ownership) }
            return .text(image.image, truncated: image.truncated)
        })
}
