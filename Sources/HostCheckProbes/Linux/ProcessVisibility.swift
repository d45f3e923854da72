/// Whether the proc root can show this probe every process that may hold a socket of its
/// network namespaces. When it cannot, no fd walk is complete, so an inode nobody was seen
/// holding is `unknown` (`holder-not-visible`), never `unowned` (docs/architecture.md, "Facts":
/// never fail open).
///
/// Two things hide processes: a proc root that shows a PID namespace other than the initial
/// one (a container with its own PIDs, `unshare --pid --fork --mount-proc`), and a proc mount
/// with `hidepid=` that applies to the probe. Everything is read through the proc root
/// (`self/status`, `self/mountinfo`, `self/ns/*`, `1/ns/pid`), so fixture trees test it.
enum ProcessVisibility {
    /// The inode of the initial PID namespace (`PROC_PID_INIT_INO`), the same on every kernel.
    static let initialPIDNamespace: UInt64 = 4_026_531_836
    /// The inode of the initial user namespace (`PROC_USER_INIT_INO`).
    static let initialUserNamespace: UInt64 = 4_026_531_837
    /// `CAP_SYS_PTRACE`: with it in the initial user namespace, `hidepid` hides nothing.
    static let capSysPtrace: UInt64 = 1 << 19

    /// What the proc root says about the probe, read once.
    struct Evidence: Sendable, Hashable {
        /// `self/status`.
        var status: [UInt8]?
        /// `self/mountinfo`.
        var mountinfo: [UInt8]?
        /// The inode in `self/ns/pid` (`pid:[N]`).
        var ownPIDNamespace: UInt64?
        /// The inode in `1/ns/pid`: the namespace the proc root shows (nil when not ours to read).
        var rootPIDNamespace: UInt64?
        /// The inode in `self/ns/user`.
        var userNamespace: UInt64?
        /// Where the proc root is mounted (`/proc`): the mountinfo entry to read.
        var mountPoint: String

        init(
            status: [UInt8]? = nil, mountinfo: [UInt8]? = nil, ownPIDNamespace: UInt64? = nil,
            rootPIDNamespace: UInt64? = nil, userNamespace: UInt64? = nil, mountPoint: String
        ) {
            self.status = status
            self.mountinfo = mountinfo
            self.ownPIDNamespace = ownPIDNamespace
            self.rootPIDNamespace = rootPIDNamespace
            self.userNamespace = userNamespace
            self.mountPoint = mountPoint
        }
    }

    /// Why some processes are invisible, or nil when nothing says so.
    static func hiddenProcessesReason(procRoot: String, mountPoint: String) -> String? {
        hiddenProcessesReason(evidence(procRoot: procRoot, mountPoint: mountPoint))
    }

    /// Reads the evidence under `procRoot`; a file that cannot be read is nil.
    static func evidence(procRoot: String, mountPoint: String) -> Evidence {
        func namespace(_ path: String, kind: String) -> UInt64? {
            guard case .success(let target) = SystemIO.readLink(procRoot + path) else { return nil }
            return namespaceInode(linkTarget: target, kind: kind)
        }
        func file(_ path: String, sizeHint: Int = 4096) -> [UInt8]? {
            if case .success(let bytes) = SystemIO.readFile(procRoot + path, sizeHint: sizeHint) { return bytes }
            return nil
        }
        return Evidence(
            status: file("/self/status"), mountinfo: file("/self/mountinfo", sizeHint: 16 * 1024),
            ownPIDNamespace: namespace("/self/ns/pid", kind: "pid"), rootPIDNamespace: namespace("/1/ns/pid", kind: "pid"),
            userNamespace: namespace("/self/ns/user", kind: "user"), mountPoint: mountPoint)
    }

    /// The reason for `evidence`, or nil when every process is visible.
    static func hiddenProcessesReason(_ evidence: Evidence) -> String? {
        if showsChildPIDNamespace(evidence) {
            return "the probe runs in a child pid namespace, so processes outside it are not visible"
        }
        if let hidepid = hidepid(evidence), !seesEveryProcess(evidence, exemptGroup: hidepid.group) {
            return "\(evidence.mountPoint) is mounted with hidepid=\(hidepid.value), so other users' processes are not visible"
        }
        return nil
    }

    /// Whether the proc root shows a PID namespace other than the initial one. Its PID 1 says
    /// which namespace it shows, when we may read it (root); else our own namespace does: not
    /// the initial one's inode, or `NSpid` with more than one entry (we sit below the namespace
    /// the proc root shows; with `/proc` mounted inside a container it has one entry, so the
    /// inode is the test that counts).
    static func showsChildPIDNamespace(_ evidence: Evidence) -> Bool {
        if let root = evidence.rootPIDNamespace { return root != initialPIDNamespace }
        if let own = evidence.ownPIDNamespace, own != initialPIDNamespace { return true }
        return evidence.status.map(inChildPIDNamespace(status:)) ?? false
    }

    /// `NSpid:` lists one PID per nested namespace; more than one means a child namespace.
    static func inChildPIDNamespace(status: [UInt8]) -> Bool {
        (statusFields("NSpid:", in: status)?.count ?? 0) > 1
    }

    /// The fields after `key` in a `status` file, or nil when it has no such line.
    static func statusFields(_ key: String, in status: [UInt8]) -> [Substring]? {
        let key = Array(key.utf8)
        for line in status.split(separator: 0x0A) where line.starts(with: key) {
            return String(decoding: line.dropFirst(key.count), as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" })
        }
        return nil
    }

    /// The `hidepid=` value (other than `0`/`off`) and `gid=` of the proc mount at the
    /// evidence's mount point, or nil when that mount hides nothing (or none is found). With
    /// mounts stacked on one point, the one in use is the one no other of them is mounted on
    /// (the last listed, if that does not decide).
    static func hidepid(_ evidence: Evidence) -> (value: String, group: UInt32?)? {
        guard let mountinfo = evidence.mountinfo else { return nil }
        var stacked: [(id: Substring, parent: Substring, type: Substring, options: Substring)] = []
        for line in mountinfo.split(separator: 0x0A) {
            let fields = String(decoding: line, as: UTF8.self).split(separator: " ")
            guard fields.count > 4, unescapedMountPoint(fields[4]) == evidence.mountPoint,
                  let dash = fields.firstIndex(of: "-"), dash + 3 < fields.count else { continue }
            stacked.append((fields[0], fields[1], fields[dash + 1], fields[dash + 3]))
        }
        let parents = Set(stacked.map(\.parent))
        guard let top = stacked.last(where: { !parents.contains($0.id) }) ?? stacked.last, top.type == "proc" else {
            return nil
        }
        var value: String?
        var group: UInt32?
        for option in top.options.split(separator: ",") {
            if option.hasPrefix("hidepid=") {
                let text = String(option.dropFirst("hidepid=".count))
                value = text == "0" || text == "off" ? nil : text
            } else if option.hasPrefix("gid=") {
                group = UInt32(option.dropFirst("gid=".count))
            }
        }
        return value.map { ($0, group) }
    }

    /// `\040` (space) and the other octal escapes mountinfo writes in paths, decoded.
    static func unescapedMountPoint(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var bytes: [UInt8] = []
        let raw = Array(field.utf8)
        var index = 0
        while index < raw.count {
            if raw[index] == UInt8(ascii: "\\"), index + 3 < raw.count,
               let value = UInt8(String(decoding: raw[(index + 1)...(index + 3)], as: UTF8.self), radix: 8) {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(raw[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `hidepid` hides nothing from a member of its `gid=` group, nor from a process with
    /// `CAP_SYS_PTRACE` in the initial user namespace (root on the host; not root in a user
    /// namespace of its own, nor a container without that capability).
    static func seesEveryProcess(_ evidence: Evidence, exemptGroup: UInt32?) -> Bool {
        guard let status = evidence.status else { return false }
        if let exemptGroup {
            let fsgid = statusFields("Gid:", in: status).flatMap { $0.count > 3 ? UInt32($0[3]) : nil }
            let groups = (statusFields("Groups:", in: status) ?? []).compactMap { UInt32($0) }
            if fsgid == exemptGroup || groups.contains(exemptGroup) { return true }
        }
        guard evidence.userNamespace == initialUserNamespace,
              let effective = statusFields("CapEff:", in: status)?.first, let mask = UInt64(effective, radix: 16) else {
            return false
        }
        return mask & capSysPtrace != 0
    }

    /// The inode in a `pid:[4026531836]` (`kind` `pid`) link target.
    static func namespaceInode(linkTarget bytes: [UInt8], kind: String) -> UInt64? {
        let prefix = Array((kind + ":[").utf8)
        guard bytes.count > prefix.count + 1, bytes.starts(with: prefix), bytes.last == UInt8(ascii: "]") else { return nil }
        let digits = bytes[prefix.count..<(bytes.count - 1)]
        guard digits.count <= 20, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return UInt64(String(decoding: digits, as: UTF8.self))
    }
}
