import HostCheckCore

/// Joins kernel sockets to the PIDs of an fd walk, deciding ownership per docs/architecture.md, "Facts".
struct OwnerJoin {
    var walk: FDWalkResult
    var procRoot: String
    /// Address texts already made: a host has few local addresses, so most sockets reuse one.
    private var texts: [AddressFamily: [KernelAddress: String]] = [.ipv4: [:], .ipv6: [:]]
    /// How many of the facts made so far are `unknown`-owned.
    private(set) var unknownCount = 0

    init(walk: FDWalkResult, procRoot: String) {
        self.walk = walk
        self.procRoot = procRoot
    }

    /// Every socket as a fact, in order.
    mutating func facts(for sockets: [KernelSocket]) -> [SocketFact] {
        var facts: [SocketFact] = []
        facts.reserveCapacity(sockets.count)
        for socket in sockets { facts.append(fact(for: socket)) }
        return facts
    }

    mutating func text(_ address: KernelAddress, family: AddressFamily) -> String {
        if let known = texts[family]?[address] { return known }
        let made = address.text(family: family)
        texts[family]?[address] = made
        return made
    }

    /// The reason for an inode nobody was seen holding during an incomplete walk: a process
    /// the probe cannot see at all first, then an fd directory it could not read.
    var incompleteReason: OwnershipReason {
        if walk.hiddenProcesses != nil { return .holderNotVisible }
        return walk.unreadable > 0 ? .fdDirectoryUnreadable : .processVanished
    }

    mutating func fact(for socket: KernelSocket) -> SocketFact {
        let ownership: Ownership
        var reason: OwnershipReason?
        var pids: [Int] = []
        if socket.inode == 0 {
            ownership = .unowned
            reason = .inodeZero
        } else if let holders = walk.owners[socket.inode], !holders.isEmpty {
            ownership = .owned
            pids = holders
        } else if walk.isComplete {
            ownership = .unowned
            reason = .noProcessHoldsInode
        } else {
            ownership = .unknown
            reason = incompleteReason
            unknownCount += 1
        }
        let (state, rawState) = socket.state
        let wildcard = socket.remoteIsWildcard
        return SocketFact(
            protocol: socket.protocol, family: socket.family,
            localAddress: text(socket.localAddress, family: socket.family), localPort: socket.localPort,
            localZone: socket.zone,
            remoteAddress: wildcard ? nil : text(socket.remoteAddress, family: socket.family),
            remotePort: wildcard ? nil : socket.remotePort,
            state: state, rawState: rawState, v6only: socket.v6only, netns: socket.netns,
            ownership: ownership, ownershipReason: reason, pids: pids,
            source: socket.source
        )
    }

    /// Partial when some fact made so far has an unknown owner, or when a directory was unreadable (an
    /// owned socket may then have further, hidden owners); else full.
    func ownersCoverage() -> CoverageLevel {
        if walk.unreadable > 0 || walk.hiddenProcesses != nil || unknownCount > 0 { return .partial }
        return .full
    }

    /// One summary diagnostic for an incomplete walk (never one per process).
    func diagnostics(processCount: Int) -> [Diagnostic] {
        let unknown = unknownCount
        var result: [Diagnostic] = []
        let location = SourceLocation(file: procRoot)
        let owners = "owners of \(count(unknown, "socket")) unknown"
        if let hidden = walk.hiddenProcesses {
            result.append(Diagnostic(.warning, "\(hidden); \(owners)", at: location))
        }
        if walk.unreadable > 0 {
            let cause = walk.firstUnreadableErrno.map { SystemError(code: $0).description } ?? "unreadable"
            let directories = processCount == 1 ? "fd directory" : "fd directories"
            result.append(Diagnostic(
                .warning,
                "could not read \(walk.unreadable) of \(processCount) \(directories) (\(cause)); \(owners)",
                at: location))
        } else if walk.vanished > 0, unknown > 0 {
            result.append(Diagnostic(
                .note,
                "\(count(walk.vanished, "process", plural: "processes")) exited during the fd walk; \(owners)",
                at: location))
        }
        return result
    }

    /// `1 socket`, `2 sockets`.
    func count(_ value: Int, _ singular: String, plural: String? = nil) -> String {
        "\(value) \(value == 1 ? singular : plural ?? singular + "s")"
    }
}
