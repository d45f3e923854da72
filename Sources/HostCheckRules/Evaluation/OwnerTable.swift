import HostCheckCore

/// The owners of one host's sockets, looked up once per host (Benchmarks/README.md, "Fleet").
/// Each PID with a process record gets one ``Owner`` and one process list, and every socket
/// that PID alone owns shares them: a host's contexts hold references to its few process
/// records instead of a copy of the record per socket.
struct OwnerTable {
    /// An owner's PID with its process record (nil when the snapshot has none). A class: a
    /// predicate reads the record in place, where an owner held by value is copied, with each
    /// of the record's strings, for every condition judged on it.
    final class Owner: Sendable {
        let pid: Int
        let process: ProcessFact?

        init(pid: Int, process: ProcessFact?) {
            self.pid = pid
            self.process = process
        }
    }

    /// The lists of a socket owned by one PID that has a process record.
    private struct Single {
        let owners: [Owner]
        let processes: [ProcessFact]
    }

    private let single: [Int: Single]
    private let platform: Platform

    /// Indexes `processes` by PID (the first record of a PID wins, as in
    /// ``HostCheckCore/Snapshot/processesByPID()``).
    init(processes: [ProcessFact], platform: Platform) {
        var single: [Int: Single] = [:]
        single.reserveCapacity(processes.count)
        // Indices, not elements: iterating the elements would copy each record once more.
        for index in processes.indices where single[processes[index].pid] == nil {
            let pid = processes[index].pid
            single[pid] = Single(owners: [Owner(pid: pid, process: processes[index])], processes: [processes[index]])
        }
        self.single = single
        self.platform = platform
    }

    /// The owners of `socket` with their process records, and the records alone. On Windows,
    /// PID 4 without a process record is the kernel process (``WindowsKernelProcess``).
    func owners(of socket: SocketFact) -> (owners: [Owner], processes: [ProcessFact]) {
        guard socket.ownership == .owned else { return ([], []) }
        if socket.pids.count == 1, let shared = single[socket.pids[0]] { return (shared.owners, shared.processes) }
        let owners: [Owner] = socket.pids.map { pid in
            if let shared = single[pid] { return shared.owners[0] }
            return Owner(pid: pid, process: WindowsKernelProcess.standIn(for: pid, platform: platform, source: socket.source))
        }
        return (owners, owners.compactMap(\.process))
    }
}
