import HostCheckCore

extension Field {
    /// The owner's parent process id: `owner: { ppid: 1 }` for a daemon started by init.
    static let ownerPPID = Field(
        name: "owner.ppid", summary: "the owning process's parent id", kind: .integer,
        providedBy: ["linux-proc", "windows-win32-process-csv"],
        extraction: .owner { _, process in process?.ppid.map(FieldValue.integer) ?? .unknown(.ownership) })
}
