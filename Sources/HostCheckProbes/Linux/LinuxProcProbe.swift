import HostCheckCore

/// The live Linux probe: sockets from `/proc/net/{tcp,tcp6,udp,udp6}`, owners from one walk
/// of `/proc/[pid]/fd`, process facts from `comm`, `cmdline`, `exe` and `status`.
///
/// Ownership follows DESIGN.md §2: `owned` when a process holds the socket's inode; `unowned`
/// for inode 0 or when a complete walk found no holder; otherwise `unknown` with the reason,
/// and `host.coverage.owners` is `partial`. The proc root is injectable so tests run the probe
/// on fixture trees.
public struct LinuxProcProbe: Probe {
    public static let id = "linux-proc"
    public static let summary = "live Linux sockets and owners from /proc"

    /// The proc file system to read (`/proc`, or a fixture tree).
    public var procRoot: String
    /// The host name to report; nil means `gethostname`.
    public var hostName: String?
    /// How uids become user names.
    public var userNames: UserNameLookup
    /// The directory reads of the fd walk (tests inject failures here).
    package var fdReader: any FDDirectoryReader

    /// A probe of `procRoot` (default `/proc`); user names from the system database for
    /// `/proc`, numeric uids for any other root.
    public init(procRoot: String = "/proc", hostName: String? = nil) {
        self.init(procRoot: procRoot, hostName: hostName, userNames: .default(procRoot: procRoot))
    }

    /// A probe of `procRoot` with an explicit user-name lookup.
    public init(procRoot: String, hostName: String?, userNames: UserNameLookup) {
        self.procRoot = procRoot
        self.hostName = hostName
        self.userNames = userNames
        self.fdReader = SystemFDDirectoryReader(procRoot: procRoot)
    }

    /// A probe whose fd-directory reads go through `fdReader`.
    package init(procRoot: String, hostName: String?, userNames: UserNameLookup, fdReader: any FDDirectoryReader) {
        self.init(procRoot: procRoot, hostName: hostName, userNames: userNames)
        self.fdReader = fdReader
    }

    /// Reads the socket tables, walks the fd directories once and reads every owning process.
    ///
    /// - Throws: ``LinuxProbeError`` when no socket table or the process list cannot be read.
    public func collect() async throws -> Snapshot {
        let capturedAt = SystemIO.utcTimestamp()
        let netDirectory = procRoot + "/net"
        let reading = ProcNetReader.read(netDirectory: netDirectory)
        guard !reading.readTables.isEmpty else {
            throw LinuxProbeError("cannot read any socket table (tcp, tcp6, udp, udp6)", path: netDirectory)
        }
        let pids: [Int32]
        switch fdReader.processIDs() {
        case .success(let list): pids = list
        case .failure(let error): throw LinuxProbeError("cannot list processes: \(error)", path: procRoot)
        }
        let wanted = Set(reading.sockets.lazy.map(\.inode).filter { $0 != 0 })
        let walk = FDWalk.run(reader: fdReader, pids: pids, wanted: wanted)
        let join = OwnerJoin(walk: walk, procRoot: procRoot)
        let sockets = reading.sockets.map(join.fact(for:))

        var processReader = ProcessFactReader(procRoot: procRoot, users: userNames.makeResolver())
        let owningPIDs = Set(sockets.lazy.flatMap(\.pids)).sorted()
        let processes = owningPIDs.compactMap { processReader.read(pid: Int32($0)) }

        let host = HostInfo(
            name: hostName ?? SystemIO.hostName() ?? "unknown",
            platform: .linux,
            capturedAt: capturedAt,
            sources: [CaptureSource(file: procRoot, format: "linux-proc")],
            coverage: reading.coverage(owners: join.ownersCoverage(sockets: sockets))
        )
        return Snapshot(
            host: host, sockets: sockets, processes: processes,
            diagnostics: reading.diagnostics + join.diagnostics(sockets: sockets, processCount: pids.count)
        )
    }
}
