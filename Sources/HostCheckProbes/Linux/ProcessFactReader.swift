import HostCheckCore

/// Reads the facts of one process from `<procRoot>/<pid>/{comm,cmdline,exe,status,cgroup,ns/mnt}`
/// and its parent's `comm` and `exe` (docs/rule-packs.md, "How strong is this identity?").
struct ProcessFactReader {
    var procRoot: String
    var users: UserNameResolver
    /// Where the `PATH` directories of the rename check are looked up ("" on the live system).
    var rename: RenameCheck
    var hasher: ExecutableHasher
    /// Parents already read: their name and path.
    private var parents: [Int: (name: String?, path: String?)] = [:]

    init(procRoot: String, users: UserNameResolver, rename: RenameCheck = RenameCheck(), hasher: ExecutableHasher = ExecutableHasher()) {
        self.procRoot = procRoot
        self.users = users
        self.rename = rename
        self.hasher = hasher
    }

    /// The process, or nil when it exited before its `comm` could be read. `hash` asks for the
    /// executable's SHA-256 (the probe asks it for the owners of listening sockets).
    mutating func read(pid: Int32, hash: Bool = false) -> ProcessFact? {
        let directory = procRoot + "/" + String(pid)
        guard case .success(let commFile) = SystemIO.readFile(directory + "/comm", sizeHint: 64) else { return nil }
        let comm = ProcessName.comm(fromFile: commFile)
        let cmdlineBytes = (try? SystemIO.readFile(directory + "/cmdline", sizeHint: 512).get()) ?? []
        let status = (try? SystemIO.readFile(directory + "/status", sizeHint: 2048).get()).map(ProcStatus.init(parsing:))
        let link = try? SystemIO.readLink(directory + "/exe").get()
        let running = FileStatus.of(directory + "/exe")
        let executable = ExecutableIdentity.decide(link: link, exe: running, statPath: FileStatus.of)
        let named = ProcessName.name(comm: comm, exePath: executable.path)
        var identity = ProcessIdentity(
            uid: status?.realUID.map(Int.init), exeDeleted: executable.deleted, pathVerified: executable.verified,
            pathProblem: executable.problem)
        if case .success(let file) = running, let path = executable.path {
            identity.nameMismatch = rename.isMismatch(comm: comm, exePath: path, exe: file.id)
            if hash { identity.sha256 = hasher.hash(exeLink: directory + "/exe") }
        }
        if case .success(let namespace) = FileStatus.of(directory + "/ns/mnt") { identity.mountNamespace = namespace.id.inode }
        if case .success(let bytes) = SystemIO.readFile(directory + "/cgroup", sizeHint: 256) {
            let cgroup = CgroupIdentity(parsing: bytes)
            identity.cgroup = cgroup.cgroup
            identity.unit = cgroup.unit
            identity.containerID = cgroup.containerID
        }
        if let ppid = status?.ppid, ppid > 0 {
            let parent = parent(ppid)
            identity.parentName = parent.name
            identity.parentPath = parent.path
        }
        return ProcessFact(
            pid: Int(pid),
            ppid: status?.ppid,
            name: named.name,
            nameTruncated: named.truncated,
            path: executable.path,
            cmdline: ProcessName.cmdline(cmdlineBytes),
            user: status?.realUID.map { users.name(of: $0) },
            identity: identity,
            source: SourceLocation(file: directory)
        )
    }

    /// The parent's name (`comm`, extended by its executable's basename) and executable path,
    /// each nil when unreadable.
    private mutating func parent(_ pid: Int) -> (name: String?, path: String?) {
        if let known = parents[pid] { return known }
        let directory = procRoot + "/" + String(pid)
        let comm = (try? SystemIO.readFile(directory + "/comm", sizeHint: 64).get()).map(ProcessName.comm(fromFile:))
        let link = try? SystemIO.readLink(directory + "/exe").get()
        let executable = ExecutableIdentity.decide(link: link, exe: FileStatus.of(directory + "/exe"), statPath: FileStatus.of)
        let name = comm.map { ProcessName.name(comm: $0, exePath: executable.path).name }
        let result = (name: name, path: executable.path)
        parents[pid] = result
        return result
    }
}
