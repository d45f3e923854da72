import HostCheckCore

/// One socket with its owners looked up, ready for predicates. A class: every rule of a host
/// walks the same contexts, and handing one on costs one reference count, not a copy of the
/// socket's fields (Benchmarks/README.md, "Fleet").
final class SocketContext: Sendable {
    /// How `owner` is quantified over several owners.
    enum Quantifier {
        /// `select`: some owner satisfies it.
        case some
        /// `expect`: every owner satisfies it, except supervisors when another owner exists.
        case every(supervisors: [String])
    }

    let socket: SocketFact
    /// The owners' PIDs with their process records (nil when the snapshot has none).
    let owners: [OwnerTable.Owner]
    /// The process records known for this socket's owners.
    let processes: [ProcessFact]

    /// Looks up the owners of `socket` in its host's `table`.
    init(socket: SocketFact, owners table: OwnerTable) {
        (owners, processes) = table.owners(of: socket)
        self.socket = socket
    }

    func evaluate(_ predicate: Predicate, _ quantifier: Quantifier) -> Truth {
        switch predicate {
        case .all(let items): Truth.all(items.lazy.map { self.evaluate($0, quantifier) })
        case .any(let items): Truth.any(items.lazy.map { self.evaluate($0, quantifier) })
        case .none(let items): Truth.any(items.lazy.map { self.evaluate($0, quantifier) }).negated
        case .field(let field, let matcher): matcher.evaluate(field.value(in: socket))
        case .owner(let owner): evaluateOwners(owner, quantifier)
        }
    }

    private func evaluateOwners(_ predicate: Predicate, _ quantifier: Quantifier) -> Truth {
        switch socket.ownership {
        case .unknown:
            return .maybe(.ownership)
        case .unowned:
            return Self.evaluateHeldByNoProcess(predicate)
        case .owned:
            guard !owners.isEmpty else { return .maybe(.ownership) }
            switch quantifier {
            case .some:
                return Truth.any(owners.lazy.map { $0.evaluate(predicate) })
            case .every(let supervisors):
                func isKept(_ owner: OwnerTable.Owner) -> Bool {
                    // A renamed process is no supervisor, whatever it calls itself.
                    guard let name = owner.process?.name, owner.process?.identity.nameMismatch != true else { return true }
                    return !supervisors.contains(name)
                }
                // The owners judged, in their order, without copying them into a new array.
                if supervisors.isEmpty || !owners.contains(where: isKept) {
                    return Truth.all(owners.lazy.map { $0.evaluate(predicate) })
                }
                return Truth.all(owners.lazy.filter(isKept).map { $0.evaluate(predicate) })
            }
        }
    }

    /// A condition on the owner of a socket known to be held by no process (ownership
    /// `unowned`: Windows PID 0, Linux inode 0, an inode no process holds after a complete
    /// walk). It has no owner, so no owner condition holds, except the held-by-no-process
    /// matcher `kernel: true`, which holds; a condition that names `kernel` reads every other
    /// owner field as absent (docs/rule-packs.md, "Held by no process").
    private static func evaluateHeldByNoProcess(_ predicate: Predicate) -> Truth {
        let namesKernel = predicate.contains { node in
            if case .field(let field, _) = node { field == .ownerKernel } else { false }
        }
        guard namesKernel else { return .no }
        return evaluateAbsentOwner(predicate)
    }

    /// A condition on the missing owner: `kernel` is true, every other owner field absent.
    private static func evaluateAbsentOwner(_ predicate: Predicate) -> Truth {
        switch predicate {
        case .all(let items): Truth.all(items.lazy.map(evaluateAbsentOwner))
        case .any(let items): Truth.any(items.lazy.map(evaluateAbsentOwner))
        case .none(let items): Truth.any(items.lazy.map(evaluateAbsentOwner)).negated
        case .field(let field, let matcher): matcher.evaluate(field == .ownerKernel ? .boolean(true) : .absent)
        case .owner(let inner): evaluateAbsentOwner(inner)
        }
    }

    /// `tcp 0.0.0.0:3691`.
    var endpoint: String { MessageText.clip(socket.localEndpointDescription, limit: 80) }

    /// `is owned by nc64.exe (pid 6120)`, `has no owning process`, `has an unknown owner (capture-has-no-owners)`.
    var ownerPhrase: String {
        switch socket.ownership {
        case .unknown:
            return "has an unknown owner (\(socket.ownershipReason?.rawValue ?? "no reason given"))"
        case .unowned:
            return "has no owning process"
        case .owned:
            if owners.isEmpty { return "owner unknown (no pid)" }
            let names = owners.prefix(3).map { owner in
                let name = owner.process?.name.map { MessageText.clip($0, limit: 40) } ?? "an unlisted process"
                return "\(name) (pid \(owner.pid))"
            }
            let more = owners.count > 3 ? " and \(owners.count - 3) more" : ""
            return "is owned by " + names.joined(separator: ", ") + more
        }
    }

    /// Why an owner field may be unknown here, for messages; nil when nothing is missing.
    var ownerGap: String? {
        switch socket.ownership {
        case .unknown:
            return "owner unknown (\(socket.ownershipReason?.rawValue ?? "no reason given"))"
        case .unowned:
            return nil
        case .owned:
            if owners.isEmpty { return "owner unknown (no pid)" }
            if let missing = owners.first(where: { $0.process == nil }) {
                return "owner pid \(missing.pid) has no process record"
            }
            if let truncated = owners.first(where: { $0.process?.nameTruncated == true }), let name = truncated.process?.name {
                return "owner name \(MessageText.quote(name)) (pid \(truncated.pid)) may be truncated"
            }
            return nil
        }
    }
}
