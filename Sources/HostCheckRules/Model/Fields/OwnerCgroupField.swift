import HostCheckCore

extension Field {
    /// The process's cgroup path.
    static let ownerCgroup = Field(
        name: "owner.cgroup", summary: "the process's cgroup path", kind: .text,
        providedBy: ["linux-proc"],
        extraction: .owner { _, process in .identity(process, { $0.cgroup }, FieldValue.whole) })
}
