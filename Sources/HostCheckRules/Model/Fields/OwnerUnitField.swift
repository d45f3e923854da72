import HostCheckCore

extension Field {
    /// The systemd unit the process runs in (its outermost .service or .scope cgroup).
    static let ownerUnit = Field(
        name: "owner.unit", summary: "the systemd unit the process runs in (its outermost .service or .scope cgroup)", kind: .text,
        providedBy: ["linux-proc"],
        extraction: .owner { _, process in .identity(process, { $0.unit }, FieldValue.whole) })
}
