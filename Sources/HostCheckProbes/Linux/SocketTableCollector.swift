import HostCheckCore

/// Reads the four socket tables of each namespace target, through netlink or `/proc/net/*`
/// as the options say, falling back per table.
struct SocketTableCollector {
    var procRoot: String
    var source: LinuxProbeOptions.SocketSource
    /// Whether the TCP and UDP tables may be dumped on two threads at once.
    var parallelDumps = false

    /// Netlink is used only on the live `/proc` (a fixture tree has no kernel behind it).
    var triesNetlink: Bool {
        switch source {
        case .procfs: false
        case .netlink: true
        case .automatic: procRoot == "/proc"
        }
    }

    /// The tables of one namespace; `netlinkUsed` is set when any table came from netlink.
    /// A process that exits before its namespace is read (or whose PID is reused meanwhile)
    /// hands over to the target's next process; when none is left, the namespace went with
    /// them and its reading is marked ``SocketTableReading/namespaceVanished``.
    /// - Throws: ``LinuxProbeError`` when netlink is forced and no socket can be opened, or
    ///   forced on a proc root other than `/proc` (a fixture tree has no kernel behind it).
    func read(_ target: NamespaceTarget, netlinkUsed: inout Bool) throws -> SocketTableReading {
        if source == .netlink, procRoot != "/proc" {
            throw LinuxProbeError("netlink sock_diag describes only the live kernel; read this root as procfs", path: procRoot)
        }
        var current = target
        while true {
            var used = false
            if let reading = try readUnlessGone(current, netlinkUsed: &used) {
                netlinkUsed = netlinkUsed || used
                return reading
            }
            guard let next = current.next() else {
                var reading = SocketTableReading()
                reading.namespaceVanished = true
                let name = target.inode.map { "net:[\($0)]" } ?? "a network namespace"
                reading.diagnostics.append(Diagnostic(
                    .note, "\(name) was not read: every process in it exited while the probe ran",
                    at: SourceLocation(file: procRoot + "/\(target.pid.map(String.init) ?? "self")/ns/net")))
                return reading
            }
            current = next
        }
    }

    /// One attempt at `target`; nil when its process left before (or while) the tables were read.
    private func readUnlessGone(_ target: NamespaceTarget, netlinkUsed: inout Bool) throws -> SocketTableReading? {
        let netDirectory = procRoot + (target.pid.map { "/\($0)" } ?? "") + "/net"
        guard triesNetlink else {
            let reading = ProcNetReader.read(netDirectory: netDirectory, netns: target.inode)
            return NetworkNamespaces.hasLeft(target, procRoot: procRoot) ? nil : reading
        }

        let namespacePath = target.pid.map { procRoot + "/\($0)/ns/net" }
        let opened = namespacePath.map { NetlinkSockDiag.Connection.make(namespacePath: $0, inode: target.inode) }
            ?? NetlinkSockDiag.Connection.make()
        let connection: NetlinkSockDiag.Connection
        switch opened {
        case .success(let open):
            connection = open
        case .failure(let error):
            if target.pid != nil, error.isGone || NetworkNamespaces.hasLeft(target, procRoot: procRoot) { return nil }
            let what = namespacePath ?? "own network namespace"
            if source == .netlink {
                throw LinuxProbeError("cannot open netlink sock_diag in \(what): \(error)", path: namespacePath ?? procRoot)
            }
            var reading = ProcNetReader.read(netDirectory: netDirectory, netns: target.inode)
            if NetworkNamespaces.hasLeft(target, procRoot: procRoot) { return nil }
            reading.diagnostics.insert(Diagnostic(
                .note, "netlink sock_diag refused (\(error)); read \(netDirectory) instead",
                at: SourceLocation(file: namespacePath ?? "NETLINK_SOCK_DIAG")), at: 0)
            return reading
        }
        defer { connection.release() }

        var reading = SocketTableReading()
        for (table, dumped) in dumps(connection, netns: target.inode, ownNamespace: target.pid == nil) {
            switch dumped {
            case .success(let sockets):
                netlinkUsed = true
                reading.readTables.insert(table)
                reading.sockets.append(contentsOf: InterfaceNames.named(sockets, ownNamespace: target.pid == nil))
            case .failure(let error):
                let location = SourceLocation(file: NetlinkSockDiag.sourceName(table))
                if source == .netlink {
                    reading.diagnostics.append(Diagnostic(.warning, "netlink sock_diag dump failed: \(error)", at: location))
                    continue
                }
                reading.diagnostics.append(Diagnostic(
                    .note, "netlink sock_diag dump failed (\(error)); read /proc text instead", at: location))
                ProcNetReader.read(table, netDirectory: netDirectory, netns: target.inode, into: &reading)
            }
        }
        return reading
    }

    /// Every table's dump, in ``ProcNetTable`` order. Both TCP tables come from one dump
    /// (``NetlinkSockDiag/Connection/dumpTCP(netns:)``, one per family if the kernel refuses
    /// it); with ``parallelDumps``, in the probe's own namespace, the UDP tables are dumped
    /// on a second socket and thread meanwhile.
    func dumps(
        _ connection: NetlinkSockDiag.Connection, netns: UInt64?, ownNamespace: Bool
    ) -> [(ProcNetTable, Result<[KernelSocket], SystemError>)] {
        let all = ProcNetTable.allCases
        let tcpTables = all.filter { $0.protocol == .tcp }
        let udpTables = all.filter { $0.protocol == .udp }
        func tcp() -> [(ProcNetTable, Result<[KernelSocket], SystemError>)] {
            guard case .success(let both) = connection.dumpTCP(netns: netns) else {
                return tcpTables.map { ($0, connection.dump($0, netns: netns)) }
            }
            return tcpTables.map { ($0, .success($0.family == .ipv4 ? both.tcp : both.tcp6)) }
        }
        guard parallelDumps, ownNamespace, case .success(let second) = NetlinkSockDiag.Connection.make() else {
            return tcp() + udpTables.map { ($0, connection.dump($0, netns: netns)) }
        }
        defer { second.release() }
        let (tcpDumps, udpDumps) = BlockingThread.both(tcp, { udpTables.map { ($0, second.dump($0, netns: netns)) } })
        return tcpDumps + udpDumps
    }
}

/// The socket tables of every namespace a probe reads.
struct SocketTables: Sendable {
    var sockets: [KernelSocket] = []
    var diagnostics: [Diagnostic] = []
    /// The meet of every namespace's coverage; nil when no namespace was read.
    var coverage: Coverage?
    /// Whether any table came from netlink.
    var netlinkUsed = false
}
