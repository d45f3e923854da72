/// One process of a host (docs/architecture.md, "Facts").
///
/// Names and command lines are set by the process itself and are attacker-controlled;
/// `path` (the Linux exe link) is what built-in Linux rules should match.
public struct ProcessFact: Sendable, Hashable {
    /// The process id.
    public var pid: Int
    /// The parent process id; nil when unknown.
    public var ppid: Int?
    /// The process or image name (`nc64.exe`, `sshd`).
    public var name: String?
    /// True when `name` may be a prefix of the real name (Linux `comm`, `tasklist` at 25 characters).
    public var nameTruncated: Bool
    /// The executable path, when known.
    public var path: String?
    /// The command line, arguments joined by spaces.
    public var cmdline: String?
    /// The user name (or numeric uid as text when no name is known).
    public var user: String?
    /// Windows services hosted by the process.
    public var services: [String]
    /// True when the source lists the process's services (`tasklist /svc`), so empty
    /// ``services`` means it hosts none (`N/A`); false when services were not captured.
    public var servicesListed: Bool
    /// True for the kernel process (Windows PID 4 "System").
    public var kernel: Bool
    /// What shows which program it runs beyond its own name: verified path, hash, signer, unit.
    public var identity: ProcessIdentity
    /// Where the process came from: capture file and line, or the `/proc` path.
    public var source: SourceLocation

    /// Creates a process fact; the facts not given default to nil, false or empty.
    public init(
        pid: Int, ppid: Int? = nil, name: String?, nameTruncated: Bool = false, path: String? = nil,
        cmdline: String? = nil, user: String? = nil, services: [String] = [], servicesListed: Bool = false, kernel: Bool = false,
        identity: ProcessIdentity = ProcessIdentity(), source: SourceLocation
    ) {
        self.pid = pid
        self.ppid = ppid
        self.name = name
        self.nameTruncated = nameTruncated
        self.path = path
        self.cmdline = cmdline
        self.user = user
        self.services = services
        self.servicesListed = servicesListed || !services.isEmpty
        self.kernel = kernel
        self.identity = identity
        self.source = source
    }
}
