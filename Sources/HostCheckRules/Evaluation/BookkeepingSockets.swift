import HostCheckCore

/// Sockets the kernel keeps after their process let go: a Windows PID 0 row or a Linux
/// inode 0 socket that is not listening (TIME_WAIT, a half-open request socket). A rule about
/// owners does not see them unless its `select` names a `state`, so "only Magaya on 3691"
/// does not fail on the TIME_WAIT row of a connection Magaya closed (docs/rule-packs.md,
/// "Held by no process").
enum BookkeepingSockets {
    /// Whether `socket` is such a socket.
    static func contains(_ socket: SocketFact) -> Bool {
        guard socket.ownership == .unowned, socket.state != .listening, socket.state != .bound else { return false }
        return socket.ownershipReason == .windowsPidZero || socket.ownershipReason == .inodeZero
    }

    /// Whether `rule` sees these sockets: it tests no owner, or its `select` names a state.
    static func isSeen(by rule: Rule) -> Bool {
        if rule.select.narrows(.state) { return true }
        if case .predicate(let expect) = rule.expect, expect.readsOwner { return false }
        return !rule.select.readsOwner
    }

    /// The contexts `rule` judges: all of them, or all but the bookkeeping sockets.
    static func visible(_ contexts: [SocketContext], to rule: Rule) -> [SocketContext] {
        guard !isSeen(by: rule), contexts.contains(where: { contains($0.socket) }) else { return contexts }
        return contexts.filter { !contains($0.socket) }
    }
}
