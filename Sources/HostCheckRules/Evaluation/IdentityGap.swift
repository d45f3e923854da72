import HostCheckCore

/// What would settle a rule left `unknown` by a missing identity record of an owner (a
/// `signer` rule on an owner without a signature row), for its message: fail closed, and say
/// which evidence is missing (docs/rule-packs.md, "Windows identity: signer, signature status,
/// sha256 and image").
extension SocketContext {
    /// The evidence each identity field needs, by field name.
    static let identityEvidence: [String: String] = [
        "owner.signer": "a signature row (signatures.csv of scripts/capture-windows.ps1, run elevated) showing status Valid",
        "owner.signature_status": "a signature row (signatures.csv of scripts/capture-windows.ps1, run elevated)",
    ]

    /// `pid 2044 (magaya.exe): signer unknown: a signature row (...) settles it` for the first
    /// owner whose identity field named in `predicate` is unknown; nil when none is.
    func identityGap(in predicate: Predicate?) -> String? {
        guard let predicate else { return nil }
        if let gap = dualStackGap(in: predicate) { return gap }
        var fields: [Field] = []
        predicate.visit { node in
            if case .field(let field, _) = node, Self.identityEvidence[field.name] != nil, !fields.contains(field) {
                fields.append(field)
            }
            return true
        }
        for field in fields {
            for owner in owners {
                guard let process = owner.process, case .unknown = field.value(pid: owner.pid, process: process) else { continue }
                let name = process.name.map { " (\(MessageText.clip($0, limit: 40)))" } ?? ""
                let status = process.identity.signatureStatus.map { " (status \(MessageText.quote($0)))" } ?? ""
                return "pid \(owner.pid)\(name): \(field.key) unknown\(status); \(Self.identityEvidence[field.name] ?? "") settles it"
            }
        }
        return nil
    }
}

extension SocketContext {
    /// `v6only unknown: ...` when `predicate` tests `family` or `v6only` and the source does not
    /// say whether this IPv6 any-address socket accepts IPv4 (docs/captures.md, "Dual-stack sockets").
    func dualStackGap(in predicate: Predicate) -> String? {
        guard socket.family == .ipv6, socket.v6only == nil, socket.acceptedFamilies == nil else { return nil }
        let tested = predicate.contains { node in
            if case .field(let field, _) = node { field == .family || field == .v6only } else { false }
        }
        guard tested else { return nil }
        return "v6only unknown: the source does not say whether this IPv6 socket on the any address also accepts IPv4 "
            + "(dual-stack); the live probe, a newer ss or macOS netstat -an settles it"
    }
}
