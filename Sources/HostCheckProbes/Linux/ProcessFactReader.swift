import HostCheckCore

/// Reads the facts of one process from `<procRoot>/<pid>/{comm,cmdline,exe,status}`.
struct ProcessFactReader {
    var procRoot: String
    var users: UserNameResolver

    /// The process, or nil when it exited before its `comm` could be read.
    mutating func read(pid: Int32) -> ProcessFact? {
        let directory = procRoot + "/" + String(pid)
        guard case .success(let commFile) = SystemIO.readFile(directory + "/comm", sizeHint: 64) else { return nil }
        let cmdlineBytes = (try? SystemIO.readFile(directory + "/cmdline", sizeHint: 512).get()) ?? []
        let status = (try? SystemIO.readFile(directory + "/status", sizeHint: 2048).get()).map(ProcStatus.init(parsing:))
        let exe = try? SystemIO.readLink(directory + "/exe").get()
        let named = ProcessName.name(comm: ProcessName.comm(fromFile: commFile), cmdline: cmdlineBytes)
        return ProcessFact(
            pid: Int(pid),
            ppid: status?.ppid,
            name: named.name,
            nameTruncated: named.truncated,
            path: exe.flatMap(ProcessName.exePath),
            cmdline: ProcessName.cmdline(cmdlineBytes),
            user: status?.realUID.map { users.name(of: $0) },
            source: SourceLocation(file: directory)
        )
    }
}
