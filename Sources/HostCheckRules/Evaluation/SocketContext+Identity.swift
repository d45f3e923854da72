import HostCheckCore

/// What the messages say about an owner's identity (docs/rule-packs.md, "How strong is this
/// identity?"): a rename, a path that does not verify, a deleted executable, a missing member.
extension SocketContext {
    /// Why an identity field a rule tests (`fields`) is unknown on this socket's first owner
    /// that has such a gap; nil when none has.
    func identityGap(fields: Set<Field>) -> String? {
        let names = Set(fields.map(\.name))
        for owner in owners {
            guard let process = owner.process else { continue }
            if names.contains("owner.name"), let note = Self.renameNote(process) { return note + "; a path, unit or sha256 rule settles it" }
            if names.contains("owner.path"), let note = Self.pathNote(process) { return note }
            let missing = fields.filter { $0.value(pid: owner.pid, process: process) == .unknown(.identity) }.map(\.key).sorted()
            if let key = missing.first {
                return "the sources record no \(key) for \(Self.label(process))"
                    + (key == "sha256" ? " (hashed only for the owners of listening sockets, up to 256 MiB)" : "")
            }
        }
        return nil
    }

    /// The rename (``renameNote(_:)``) or the path's problem (``pathNote(_:)``) of an owner, for
    /// a fail message; nil when its identity raises no doubt.
    static func identityNote(_ process: ProcessFact) -> String? {
        renameNote(process) ?? pathNote(process)
    }

    /// `owner name 'magaya-server' (pid 5) is not its executable's name 'python3.11' (/usr/bin/python3.11): renamed`.
    static func renameNote(_ process: ProcessFact) -> String? {
        guard process.identity.nameMismatch == true else { return nil }
        let name = MessageText.quote(process.name ?? "")
        guard let path = process.path else { return "owner name \(name) (pid \(process.pid)) is not its executable's name: renamed" }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return "owner name \(name) (pid \(process.pid)) is not its executable's name \(MessageText.quote(base))"
            + " (\(MessageText.clip(path, limit: 80))): renamed"
    }

    /// `owner path '/opt/x' (pid 5) is not verified: not found in hostcheck's mount namespace`.
    static func pathNote(_ process: ProcessFact) -> String? {
        let identity = process.identity
        guard identity.pathVerified == false || identity.exeDeleted == true else { return nil }
        let path = MessageText.quote(process.path ?? "", limit: 100)
        let reason: String
        switch identity.exeDeleted == true ? "deleted" : (identity.pathProblem ?? "") {
        case "deleted": reason = "the executable was deleted or replaced after the process started"
        case "not-found":
            let namespace = identity.mountNamespace.map { " (the process's mount namespace is mnt:[\($0)])" } ?? ""
            reason = "not found in hostcheck's mount namespace\(namespace)"
        case "other-file": reason = "in hostcheck's mount namespace it names another file than the one running"
        case "unreadable": reason = "the running file could not be compared (/proc/\(process.pid)/exe unreadable)"
        case let other: reason = other.isEmpty ? "not verified" : other
        }
        return "owner path \(path) (pid \(process.pid)) is not verified: \(reason)"
    }

    static func label(_ process: ProcessFact) -> String {
        "\(MessageText.clip(process.name ?? "an unnamed process", limit: 40)) (pid \(process.pid))"
    }

    /// `; name only: magaya (pid 5)`: the owners whose only identity in the sources is their
    /// name, when the rule tests names (the pass then rests on a name alone).
    func nameOnlyNote() -> String? {
        let named = processes.filter(\.hasOnlyName)
        guard !named.isEmpty else { return nil }
        return "name only: " + named.prefix(3).map(Self.label).joined(separator: ", ")
            + " (the sources record no path, sha256 or signer)"
    }
}

extension Rule {
    /// The fields the rule's `select` and `expect` test.
    var testedFields: Set<Field> {
        var names: Set<Field> = []
        let collect: (Predicate) -> Bool = { node in
            if case .field(let field, _) = node { names.insert(field) }
            return true
        }
        select.visit(collect)
        if case .predicate(let predicate) = expect { predicate.visit(collect) }
        return names
    }
}
