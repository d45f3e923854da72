import HostCheckCore

/// The live Linux probe: sockets from netlink `sock_diag` or `/proc/net/{tcp,tcp6,udp,udp6}`,
/// owners from one walk of `/proc/[pid]/fd`, process facts from `comm`, `cmdline`, `exe`,
/// `status`, `cgroup` and `ns/mnt`, with the owners' identity (``ProcessFactReader``).
///
/// Ownership follows docs/architecture.md, "Facts": `owned` when a process holds the socket's inode; `unowned`
/// for inode 0 or when a complete walk found no holder; otherwise `unknown` with the reason,
/// and `host.coverage.owners` is `partial`. The proc root is injectable so tests run the probe
/// on fixture trees (which are always read as `/proc/net/*` text).
package struct LinuxProcProbe: Probe {
    /// The proc file system to read (`/proc`, or a fixture tree).
    package var procRoot: String
    /// The host name to report; nil means `gethostname`.
    package var hostName: String?
    /// How uids become user names.
    package var userNames: UserNameLookup
    /// Socket source, namespaces and walk threads.
    package var options: LinuxProbeOptions
    /// The directory reads of the fd walk (tests inject failures here).
    package var fdReader: any FDDirectoryReader
    /// Where the proc root is mounted, to find its `hidepid=` in `self/mountinfo`; nil means
    /// the proc root itself (tests point a fixture tree at `/proc`).
    package var procMountPoint: String?

    /// A probe of `procRoot` (default `/proc`); user names from the system database for
    /// `/proc`, numeric uids for any other root.
    package init(procRoot: String = "/proc", hostName: String? = nil, options: LinuxProbeOptions = LinuxProbeOptions()) {
        self.init(procRoot: procRoot, hostName: hostName, userNames: .default(procRoot: procRoot), options: options)
    }

    /// A probe of `procRoot` with an explicit user-name lookup.
    package init(
        procRoot: String, hostName: String?, userNames: UserNameLookup, options: LinuxProbeOptions = LinuxProbeOptions()
    ) {
        self.procRoot = procRoot
        self.hostName = hostName
        self.userNames = userNames
        self.options = options
        self.fdReader = SystemFDDirectoryReader(procRoot: procRoot)
    }

    /// A probe whose fd-directory reads go through `fdReader`.
    package init(
        procRoot: String, hostName: String?, userNames: UserNameLookup, options: LinuxProbeOptions = LinuxProbeOptions(),
        fdReader: any FDDirectoryReader
    ) {
        self.init(procRoot: procRoot, hostName: hostName, userNames: userNames, options: options)
        self.fdReader = fdReader
    }

    /// Reads the socket tables of the chosen namespaces, walks the fd directories once and
    /// reads every owning process.
    ///
    /// - Throws: ``LinuxProbeError`` when no socket table or the process list cannot be read,
    ///   when `--netns` names a process whose namespace cannot be read, or when netlink is
    ///   forced and refused.
    package func collect() async throws -> Snapshot {
        let capturedAt = SystemIO.utcTimestamp()
        var diagnostics: [Diagnostic] = []
        var namespacesMissed = false
        let targets = try namespaceTargets(diagnostics: &diagnostics, missed: &namespacesMissed)

        let tables = try await readTables(targets)
        diagnostics.append(contentsOf: tables.diagnostics)
        let kernelSockets = tables.sockets

        // Processes are listed after the sockets were read, so every process that could hold
        // one of them is walked; a socket opened later is not in the tables at all.
        let pids = try processIDs()
        let wanted = Set(kernelSockets.lazy.map(\.inode).filter { $0 != 0 })
        var walk = await FDWalk.run(reader: fdReader, pids: pids, wanted: wanted, threads: walkThreads)
        walk.hiddenProcesses = ProcessVisibility.hiddenProcessesReason(procRoot: procRoot, mountPoint: procMountPoint ?? procRoot)
        let netns = namespaceCoverage(
            pids: pids, hidden: walk.hiddenProcesses != nil, missed: namespacesMissed, diagnostics: &diagnostics)

        // The owners' process facts are read on a thread of their own while the sockets'
        // facts are made: every PID the walk recorded holds a socket of the tables.
        // Executables are hashed for the owners of listening sockets only (docs/rule-packs.md,
        // "How strong is this identity?"), bounded by ExecutableHasher.
        let owningPIDs = Set(walk.owners.values.joined()).sorted()
        let listeningInodes = Set(kernelSockets.lazy.filter { $0.state.state == .listening }.map(\.inode))
        let hashedPIDs = Set(listeningInodes.lazy.compactMap { walk.owners[$0] }.joined())
        let procRoot = procRoot
        let userNames = userNames
        // Every visible process is listed, so a rule about processes (`select: { processes }`)
        // can prove that none is running; owners not in the listing (gone since) are read too.
        let listedPIDs = Array(Set(pids.map(Int.init)).union(owningPIDs)).sorted()
        async let processes = BlockingThread.run {
            var processReader = ProcessFactReader(procRoot: procRoot, users: userNames.makeResolver())
            return listedPIDs.compactMap { processReader.read(pid: Int32($0), hash: hashedPIDs.contains($0)) }
        }
        var join = OwnerJoin(walk: walk, procRoot: procRoot)
        let sockets = join.facts(for: kernelSockets)

        var hostCoverage = tables.coverage ?? .none
        if namespacesMissed {
            hostCoverage = hostCoverage.meet(Coverage(tcp: .none, udp: .none, ipv4: .none, ipv6: .none, owners: .full))
        }
        hostCoverage.owners = join.ownersCoverage()
        hostCoverage.netns = netns
        hostCoverage.fullCapture = walk.hiddenProcesses == nil ? Self.fullCapture : Self.fullCaptureWhereAllIsVisible
        if let hidden = walk.hiddenProcesses { hostCoverage.assumed.append("processes: partial: \(hidden)") }
        var sources = [CaptureSource(file: procRoot, format: "linux-proc")]
        if tables.netlinkUsed { sources.append(CaptureSource(file: "NETLINK_SOCK_DIAG", format: "linux-sock-diag")) }
        let host = HostInfo(
            name: hostName ?? SystemIO.hostName() ?? "unknown",
            platform: .linux,
            capturedAt: capturedAt,
            sources: sources,
            coverage: hostCoverage
        )
        return await Snapshot(
            host: host, sockets: sockets, processes: processes,
            diagnostics: diagnostics + join.diagnostics(processCount: pids.count)
        )
    }

    /// The socket tables of every target, read on a thread of their own.
    func readTables(_ targets: [NamespaceTarget]) async throws -> SocketTables {
        let collector = SocketTableCollector(procRoot: procRoot, source: options.socketSource, parallelDumps: walkThreads > 1)
        let procRoot = procRoot
        let read: Result<SocketTables, any Error> = await BlockingThread.run {
            Result {
                var tables = SocketTables()
                for target in targets {
                    let reading = try collector.read(target, netlinkUsed: &tables.netlinkUsed)
                    if reading.namespaceVanished {
                        tables.diagnostics.append(contentsOf: reading.diagnostics)
                        continue
                    }
                    if reading.readTables.isEmpty, targets.count == 1 {
                        throw LinuxProbeError("cannot read any socket table (tcp, tcp6, udp, udp6)", path: procRoot + "/net")
                    }
                    tables.sockets.append(contentsOf: reading.sockets)
                    tables.diagnostics.append(contentsOf: reading.diagnostics)
                    let level = reading.coverage(owners: .full)
                    tables.coverage = tables.coverage.map { $0.meet(level) } ?? level
                }
                return tables
            }
        }
        return try read.get()
    }

    func processIDs() throws -> [Int32] {
        switch fdReader.processIDs() {
        case .success(let list): return list
        case .failure(let error): throw LinuxProbeError("cannot list processes: \(error)", path: procRoot)
        }
    }

    /// One thread per core, at most 4, unless the options say otherwise.
    var walkThreads: Int {
        if let threads = options.walkThreads { return max(1, threads) }
        return min(4, max(1, SystemIO.onlineProcessors()))
    }
}
