import HostCheckCore

/// Merges the rows of several listings that describe one socket (docs/captures.md, "One socket
/// in two listings"): macOS `netstat -an` shows every socket without owners, `lsof -i -P -n`
/// the same sockets with them. A socket of one file whose owner that file did not show is
/// the same socket as an owned one of another file with the same protocol, family, local and
/// remote endpoint and state; the pair becomes the owned socket, completed with what only the
/// owner-less row knew (`v6only`, the zone). Rows are paired one to one, so two sockets on one
/// endpoint stay two; an owner-less row left without a partner keeps its unknown owner.
enum SocketMerge {
    /// What must be equal for two rows to describe one socket.
    struct Key: Hashable {
        var `protocol`: TransportProtocol
        var family: AddressFamily
        var local: String
        var localPort: Int?
        var localPortName: String?
        var remote: String?
        var remotePort: Int?
        var state: SocketState

        init(_ socket: SocketFact) {
            `protocol` = socket.protocol
            family = socket.family
            local = Self.canonical(socket.localAddress)
            localPort = socket.localPort
            localPortName = socket.localPort == nil ? socket.localPortName : nil
            remote = socket.remoteAddress.map(Self.canonical)
            remotePort = socket.remotePort
            state = socket.state
        }

        /// `::ffff:10.0.0.5` and `10.0.0.5` stay apart (the families differ); `0:0::1` is `::1`.
        static func canonical(_ text: String) -> String {
            IPAddress(text)?.description ?? text
        }
    }

    /// Whether the source of `socket` did not show its owner (a listing without owners, or a
    /// row without one), so another listing's owner may complete it.
    static func lacksOwner(_ socket: SocketFact) -> Bool {
        guard socket.ownership == .unknown, socket.pids.isEmpty else { return false }
        return socket.ownershipReason == .captureHasNoOwners || socket.ownershipReason == .captureRowHasNoOwner
    }

    /// `sockets` with each owner-less row that has an owned partner from another file merged
    /// into that partner; the number of rows merged.
    static func merged(_ sockets: [SocketFact]) -> (sockets: [SocketFact], merged: Int) {
        guard fromSeveralFiles(sockets), sockets.contains(where: { $0.ownership == .owned }),
              sockets.contains(where: lacksOwner) else {
            return (sockets, 0)
        }
        var owned: [Key: [Int]] = [:]
        for index in sockets.indices where sockets[index].ownership == .owned {
            owned[Key(sockets[index]), default: []].append(index)
        }
        var result = sockets
        var dropped = Set<Int>()
        for index in sockets.indices where lacksOwner(sockets[index]) {
            let key = Key(sockets[index])
            guard var partners = owned[key],
                  let slot = partners.firstIndex(where: { sockets[$0].source.file != sockets[index].source.file }) else { continue }
            let partner = partners.remove(at: slot)
            owned[key] = partners
            complete(&result[partner], with: sockets[index])
            dropped.insert(index)
        }
        guard !dropped.isEmpty else { return (sockets, 0) }
        let kept = result.indices.filter { !dropped.contains($0) }.map { result[$0] }
        return (kept, dropped.count)
    }

    /// Whether the sockets come from more than one file (no set of names is built: nearly
    /// every host's sockets come from one listing).
    static func fromSeveralFiles(_ sockets: [SocketFact]) -> Bool {
        guard let first = sockets.first?.source.file else { return false }
        for index in sockets.indices.dropFirst() where sockets[index].source.file != first { return true }
        return false
    }

    /// Fills what the owned row does not know from the owner-less one.
    static func complete(_ socket: inout SocketFact, with other: SocketFact) {
        if socket.v6only == nil { socket.v6only = other.v6only }
        if socket.localZone == nil { socket.localZone = other.localZone }
    }
}
