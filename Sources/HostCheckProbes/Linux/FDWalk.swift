/// One walk of `/proc/[pid]/fd`: socket inode → every PID holding it, and how complete the
/// walk was (docs/architecture.md, "Facts": `unowned` only after a complete walk).
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

    /// Sorts and de-duplicates every PID list (after merging partial walks).
    mutating func normalise() {
        for (inode, pids) in owners where pids.count > 1 {
            owners[inode] = Array(Set(pids)).sorted()
        }
    }
}

enum FDWalk {
    /// Walks the `fd` directories of `pids` in order, recording only inodes in `wanted` (every
    /// socket inode when it is nil).
    static func run(reader: some FDDirectoryReader, pids: some Sequence<Int32>, wanted: Set<UInt64>?) -> FDWalkResult {
        var result = FDWalkResult()
        for pid in pids {
            var lastInode: UInt64 = 0
            let outcome = reader.forEachSocketInode(pid: pid) { inode in
                if let wanted, !wanted.contains(inode) { return }
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

/// One unit of parallel walk work: a whole `fd` directory, or one lane's share of a big one.
struct FDWalkItem: Sendable, Hashable {
    var pid: Int32
    var lane: Int
    var lanes: Int
    /// Estimated descriptors to read.
    var weight: Int
}

extension FDWalk {
    /// Walks `pids` on up to `threads` threads of their own (``BlockingThread``) and merges the
    /// results. Directories are
    /// spread by their descriptor counts (longest first, each to the least loaded task); a
    /// directory holding at least `splitAbove` descriptors (default: more than a task's fair
    /// share, and at least 512) is split by descriptor number across every task.
    static func run(
        reader: any FDDirectoryReader, pids: [Int32], wanted: Set<UInt64>?, threads: Int, splitAbove: Int? = nil
    ) async -> FDWalkResult {
        let lanes = max(1, min(threads, max(pids.count, 1)))
        if lanes == 1 { return await BlockingThread.run { run(reader: reader, pids: pids, wanted: wanted) } }
        let plan = schedule(reader: reader, pids: pids, lanes: lanes, splitAbove: splitAbove)
        return await withTaskGroup(of: (FDWalkResult, [Int32: FDDirectoryOutcome]).self) { group in
            for items in plan where !items.isEmpty {
                group.addTask { await BlockingThread.run { runItems(reader: reader, items: items, wanted: wanted) } }
            }
            var merged = FDWalkResult()
            var failed: [Int32: FDDirectoryOutcome] = [:]
            for await (part, failures) in group {
                for (inode, owners) in part.owners { merged.owners[inode, default: []].append(contentsOf: owners) }
                for (pid, outcome) in failures where failed[pid] == nil || outcome != .vanished { failed[pid] = outcome }
            }
            merged.normalise()
            for outcome in failed.values {
                switch outcome {
                case .read: break
                case .vanished: merged.vanished += 1
                case .unreadable(let code):
                    merged.unreadable += 1
                    if merged.firstUnreadableErrno == nil { merged.firstUnreadableErrno = code }
                }
            }
            merged.directoriesRead = pids.count - failed.count
            return merged
        }
    }

    /// Items per task: big directories split across every task, the rest spread by weight.
    static func schedule(reader: any FDDirectoryReader, pids: [Int32], lanes: Int, splitAbove: Int?) -> [[FDWalkItem]] {
        let counts = pids.map { reader.descriptorCount(pid: $0) ?? 0 }
        let threshold = splitAbove ?? max(512, counts.reduce(0, +) / lanes)
        var items: [FDWalkItem] = []
        for (pid, count) in zip(pids, counts) {
            if count >= threshold {
                for lane in 0..<lanes { items.append(FDWalkItem(pid: pid, lane: lane, lanes: lanes, weight: count / lanes + 1)) }
            } else {
                items.append(FDWalkItem(pid: pid, lane: 0, lanes: 1, weight: count + 1))
            }
        }
        var plan = Array(repeating: [FDWalkItem](), count: lanes)
        var load = Array(repeating: 0, count: lanes)
        for item in items.sorted(by: { $0.weight != $1.weight ? $0.weight > $1.weight : $0.pid < $1.pid }) {
            // A split directory's shares go to different tasks.
            var target = 0
            for index in 1..<lanes where load[index] < load[target] { target = index }
            if item.lanes > 1 { target = item.lane }
            plan[target].append(item)
            load[target] += item.weight
        }
        return plan
    }

    /// Reads the items of one task; failures are reported per PID (a split directory counts once).
    static func runItems(
        reader: any FDDirectoryReader, items: [FDWalkItem], wanted: Set<UInt64>?
    ) -> (FDWalkResult, [Int32: FDDirectoryOutcome]) {
        var result = FDWalkResult()
        var failures: [Int32: FDDirectoryOutcome] = [:]
        for item in items {
            let owner = Int(item.pid)
            let outcome = reader.forEachSocketInode(pid: item.pid, lane: item.lane, of: item.lanes) { inode in
                if let wanted, !wanted.contains(inode) { return }
                if let last = result.owners[inode]?.last, last == owner { return }
                result.owners[inode, default: []].append(owner)
            }
            if outcome != .read { failures[item.pid] = outcome }
        }
        return (result, failures)
    }
}
