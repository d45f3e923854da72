/// One network namespace to read sockets from.
struct NamespaceTarget: Sendable, Hashable {
    /// The namespace inode (`net:[INODE]`); nil when the proc root does not say.
    var inode: UInt64?
    /// A process inside it; nil for the probe's own namespace.
    var pid: Int32?
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

    /// The namespaces of `pids` other than `own`, one target (the lowest PID) each, and how
    /// many processes' namespaces could not be read (they exited or are not ours to read).
    static func others(procRoot: String, pids: [Int32], own: UInt64?) -> (targets: [NamespaceTarget], unreadable: Int) {
        var seen: Set<UInt64> = own.map { [$0] } ?? []
        var targets: [NamespaceTarget] = []
        var unreadable = 0
        for pid in pids {
            switch inode(procRoot: procRoot, of: String(pid)) {
            case .success(let inode):
                if seen.insert(inode).inserted { targets.append(NamespaceTarget(inode: inode, pid: pid)) }
            case .failure(let error):
                if !error.isGone { unreadable += 1 }
            }
        }
        return (targets, unreadable)
    }
}
