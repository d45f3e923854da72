/// One network namespace to read sockets from.
struct NamespaceTarget: Sendable, Hashable {
    /// The namespace inode (`net:[INODE]`); nil when the proc root does not say.
    var inode: UInt64?
    /// A process inside it; nil for the probe's own namespace.
    var pid: Int32?
    /// Other processes inside it, tried in turn when `pid` exits before it is read.
    var alternates: [Int32] = []

    /// The same namespace entered through the next process, if one is left.
    func next() -> NamespaceTarget? {
        guard let first = alternates.first else { return nil }
        return NamespaceTarget(inode: inode, pid: first, alternates: Array(alternates.dropFirst()))
    }
}

/// Finds network namespaces through `<root>/[pid]/ns/net` links.
enum NetworkNamespaces {
    /// The inode in a `net:[4026531840]` link target.
    static func inode(linkTarget bytes: [UInt8]) -> UInt64? {
        let prefix = Array("net:[".utf8)
        guard bytes.count > prefix.count + 1, bytes.starts(with: prefix), bytes.last == UInt8(ascii: "]") else { return nil }
        let digits = bytes[prefix.count..<(bytes.count - 1)]
        guard digits.count <= 20, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return UInt64(String(decoding: digits, as: UTF8.self))
    }

    /// The namespace of `<root>/<who>/ns/net` (`who` is `self` or a PID).
    static func inode(procRoot: String, of who: String) -> Result<UInt64, SystemError> {
        switch SystemIO.readLink(procRoot + "/" + who + "/ns/net") {
        case .failure(let error): return .failure(error)
        case .success(let target):
            guard let inode = inode(linkTarget: target) else { return .failure(SystemError(code: 22)) }
            return .success(inode)
        }
    }

    /// The namespaces of `pids` other than `own`, one target each (entered through its
    /// lowest PID, the others kept as alternates), and how many processes' namespaces could
    /// not be read (not ours to read; a process that exited is not counted).
    static func others(procRoot: String, pids: [Int32], own: UInt64?) -> (targets: [NamespaceTarget], unreadable: Int) {
        var targets: [NamespaceTarget] = []
        var index: [UInt64: Int] = [:]
        var unreadable = 0
        for pid in pids {
            switch inode(procRoot: procRoot, of: String(pid)) {
            case .success(let inode):
                guard inode != own else { continue }
                if let at = index[inode] {
                    targets[at].alternates.append(pid)
                } else {
                    index[inode] = targets.count
                    targets.append(NamespaceTarget(inode: inode, pid: pid))
                }
            case .failure(let error):
                if !error.isGone { unreadable += 1 }
            }
        }
        return (targets, unreadable)
    }

    /// Whether `target`'s process has exited (or its PID now names another namespace), so
    /// the namespace must be entered through another process.
    static func hasLeft(_ target: NamespaceTarget, procRoot: String) -> Bool {
        guard let pid = target.pid else { return false }
        switch inode(procRoot: procRoot, of: String(pid)) {
        case .success(let now): return target.inode.map { $0 != now } ?? false
        case .failure(let error): return error.isGone
        }
    }
}
