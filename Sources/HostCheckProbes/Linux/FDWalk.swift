/// One walk of `/proc/[pid]/fd`: socket inode → every PID holding it, and how complete the
/// walk was (DESIGN.md §2: `unowned` only after a complete walk).
struct FDWalkResult: Sendable {
    /// The owning PIDs of each wanted inode, ascending and without repeats.
    var owners: [UInt64: [Int]] = [:]
    /// Processes whose `fd` directory was read.
    var directoriesRead = 0
    /// Processes whose `fd` directory could not be read (the first `errno` kept).
    var unreadable = 0
    var firstUnreadableErrno: Int32?
    /// Processes that exited before or while their descriptors were read.
    var vanished = 0

    /// Why some processes were not visible to the walk at all (a child pid namespace,
    /// `hidepid`); nil when every process was listed.
    var hiddenProcesses: String?

    /// No directory was unreadable, no process vanished, and none was hidden.
    var isComplete: Bool { unreadable == 0 && vanished == 0 && hiddenProcesses == nil }

    /// Adds the result of walking another set of PIDs.
    mutating func merge(_ other: FDWalkResult) {
        for (inode, pids) in other.owners {
            owners[inode, default: []].append(contentsOf: pids)
        }
        directoriesRead += other.directoriesRead
        unreadable += other.unreadable
        if firstUnreadableErrno == nil { firstUnreadableErrno = other.firstUnreadableErrno }
        vanished += other.vanished
    }

    /// Sorts and de-duplicates every PID list (after merging partial walks).
    mutating func normalise() {
        for (inode, pids) in owners where pids.count > 1 {
            owners[inode] = Array(Set(pids)).sorted()
        }
    }
}

enum FDWalk {
    /// Walks the `fd` directories of `pids` in order, recording only inodes in `wanted`.
    static func run(reader: some FDDirectoryReader, pids: some Sequence<Int32>, wanted: Set<UInt64>) -> FDWalkResult {
        var result = FDWalkResult()
        for pid in pids {
            var lastInode: UInt64 = 0
            let outcome = reader.forEachSocketInode(pid: pid) { inode in
                guard wanted.contains(inode) else { return }
                if inode == lastInode { return }
                lastInode = inode
                let owner = Int(pid)
                if let last = result.owners[inode]?.last, last == owner { return }
                result.owners[inode, default: []].append(owner)
            }
            switch outcome {
            case .read:
                result.directoriesRead += 1
            case .unreadable(let code):
                result.unreadable += 1
                if result.firstUnreadableErrno == nil { result.firstUnreadableErrno = code }
            case .vanished:
                result.vanished += 1
            }
        }
        return result
    }
}

extension FDWalk {
    /// Walks `pids` on up to `threads` concurrent tasks (interleaved so each gets a fair share
    /// of a forked worker pool) and merges the results; one task when `threads` is 1.
    static func run(
        reader: any FDDirectoryReader, pids: [Int32], wanted: Set<UInt64>, threads: Int
    ) async -> FDWalkResult {
        let lanes = max(1, min(threads, pids.count))
        if lanes == 1 { return run(reader: reader, pids: pids, wanted: wanted) }
        return await withTaskGroup(of: FDWalkResult.self) { group in
            for lane in 0..<lanes {
                let share = Array(stride(from: lane, to: pids.count, by: lanes).lazy.map { pids[$0] })
                group.addTask { run(reader: reader, pids: share, wanted: wanted) }
            }
            var merged = FDWalkResult()
            for await part in group { merged.merge(part) }
            merged.normalise()
            return merged
        }
    }
}
