import HostCheckCore

extension Field {
    static let ownerPID = Field(
        name: "owner.pid", summary: "the owning process's id", kind: .integer, providedBy: ["linux-proc", "capture"],
        extraction: .owner { pid, _ in .integer(pid) })

    static let ownerName = Field(
        name: "owner.name", summary: "the image or command name (may be cut by tasklist or lsof)", kind: .text,
        providedBy: ["linux-proc", "capture"],
        extraction: .owner { _, process in
            // A renamed process's name is its own word against its executable's: not evidence.
            if process?.identity.nameMismatch == true { return .unknown(.identity) }
            return process.flatMap { record in record.name.map { .text($0, truncated: record.nameTruncated) } } ?? .unknown(.ownership)
        })

    static let ownerPath = Field(
        name: "owner.path", summary: "the executable's path", kind: .text,
        providedBy: ["linux-proc", "powershell-csv", "powershell-json", "windows-win32-process-csv", "windows-authenticode-csv"],
        extraction: .owner { _, process in
            // A path that does not name the running file here, or whose file is gone, is not evidence.
            if process?.identity.pathVerified == false || process?.identity.exeDeleted == true { return .unknown(.identity) }
            return process?.path.map { .text($0, truncated: false) } ?? .unknown(.ownership)
        })

    static let ownerCmdline = Field(
        name: "owner.cmdline", summary: "the command line", kind: .text,
        providedBy: ["linux-proc", "powershell-csv", "powershell-json", "windows-win32-process-csv"],
        extraction: .owner { _, process in process?.cmdline.map { .text($0, truncated: false) } ?? .unknown(.ownership) })

    static let ownerUser = Field(
        name: "owner.user", summary: "the user the process runs as", kind: .text,
        providedBy: ["linux-proc", "windows-tasklist-table", "windows-tasklist-csv", "windows-tasklist-list", "lsof"],
        extraction: .owner { _, process in process?.user.map { .text($0, truncated: false) } ?? .unknown(.ownership) })

    static let ownerService = Field(
        name: "owner.service", summary: "a Windows service hosted by the process (any of them)", kind: .text,
        providedBy: ["windows-tasklist-table", "windows-tasklist-csv", "windows-tasklist-list"],
        extraction: .owner { _, process in
            // No services listed for a process whose services were captured (`N/A`): it hosts none.
            guard let process, process.servicesListed else { return .unknown(.ownership) }
            return .texts(process.services)
        })

    static let ownerKernel = Field(
        name: "owner.kernel", summary: "true when no process holds the socket: the kernel does (Windows PID 4 and PID 0; Linux sockets no process holds)", kind: .boolean,
        providedBy: ["linux-proc", "capture"],
        extraction: .owner { _, process in process.map { .boolean($0.kernel) } ?? .unknown(.ownership) })
}
