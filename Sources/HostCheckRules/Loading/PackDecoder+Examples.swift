import HostCheckCore

extension PackDecoder {
    static let exampleKeys = ["name", "host", "sockets", "processes", "outcome", "message"]
    /// The host keys an example may set: the snapshot's, less what only a probe records.
    static let exampleHostKeys = SnapshotKeys.host.filter { $0 != "captured_at" && $0 != "sources" }

    /// The fields of a mapping without JSON `null`s (plain `null` or `~`), so a socket or
    /// process pasted from `hostcheck facts --format json` reads as written.
    private mutating func factFields(_ node: YAMLNode, allowed: [String], what: String) -> [String: YAMLPair]? {
        reader.mapping(node, allowed: allowed, what: what)?.filter { _, pair in
            if case .scalar(let text, .plain) = pair.value.content, text == "null" || text == "~" { return false }
            return true
        }
    }

    /// `examples:` — facts written as in the snapshot JSON (``SnapshotKeys``) (docs/architecture.md, "Contracts"), in YAML.
    mutating func decodeExamples(_ node: YAMLNode, scope: Scope?) -> [RuleExample] {
        guard let items = node.items else {
            reader.error("examples must be a list, found a \(node.kindName)", at: node.location)
            return []
        }
        return items.compactMap { decodeExample($0, scope: scope) }
    }

    private mutating func decodeExample(_ node: YAMLNode, scope: Scope?) -> RuleExample? {
        guard let fields = reader.mapping(node, allowed: Self.exampleKeys, what: "an example") else { return nil }
        var outcome: Outcome?
        if let outcomeNode = fields["outcome"] {
            let words = Outcome.allCases.filter { $0 != .waived }.map(\.rawValue)
            outcome = reader.word(outcomeNode.value, among: words, what: "outcome").flatMap(Outcome.init(rawValue:))
        } else {
            reader.missing("outcome", in: "an example", at: node.location)
        }
        var host = HostInfo(name: "example", platform: scope?.platforms.first ?? .linux, coverage: .full)
        if let hostNode = fields["host"] { decodeExampleHost(hostNode.value, into: &host) }
        let file = "\(self.file):\(node.location.line ?? 0) example"
        var sockets: [SocketFact] = []
        if let list = fields["sockets"] {
            for (index, item) in (list.value.items ?? []).enumerated() {
                if let socket = decodeSocket(item, source: SourceLocation(file: file, line: index + 1)) { sockets.append(socket) }
            }
            if list.value.items == nil { reader.error("sockets must be a list", at: list.value.location) }
        }
        var processes: [ProcessFact] = []
        if let list = fields["processes"] {
            for (index, item) in (list.value.items ?? []).enumerated() {
                if let process = decodeProcess(item, source: SourceLocation(file: file, line: index + 1)) { processes.append(process) }
            }
            if list.value.items == nil { reader.error("processes must be a list", at: list.value.location) }
        }
        guard let outcome else { return nil }
        return RuleExample(
            name: fields["name"].flatMap { reader.string($0.value, what: "example name") },
            snapshot: Snapshot(host: host, sockets: sockets, processes: processes),
            outcome: outcome,
            message: fields["message"].flatMap { reader.string($0.value, what: "example message") },
            location: node.location
        )
    }

    private mutating func decodeExampleHost(_ node: YAMLNode, into host: inout HostInfo) {
        guard let fields = reader.mapping(node, allowed: Self.exampleHostKeys, what: "an example host") else { return }
        if let name = fields["name"].flatMap({ reader.string($0.value, what: "host name") }) { host.name = name }
        if let platform = fields["platform"].flatMap({ reader.word($0.value, among: Platform.allCases.map(\.rawValue), what: "platform") }) {
            host.platform = Platform(rawValue: platform) ?? .unknown
        }
        if let coverageNode = fields["coverage"], let coverage = decodeExampleCoverage(coverageNode.value) {
            host.coverage = coverage
        }
        if let labels = fields["labels"]?.value.pairs {
            for pair in labels {
                if let value = reader.string(pair.value, what: "label \(pair.key)") { host.labels[pair.key] = value }
            }
        }
    }

    private mutating func decodeSocket(_ node: YAMLNode, source: SourceLocation) -> SocketFact? {
        guard let fields = factFields(node, allowed: SnapshotKeys.socket, what: "an example socket") else { return nil }
        func word<T: RawRepresentable<String> & CaseIterable>(_ key: String, _ type: T.Type) -> T? {
            fields[key].flatMap { reader.word($0.value, among: T.allCases.map(\.rawValue), what: key) }.flatMap(T.init(rawValue:))
        }
        guard let proto = word("protocol", TransportProtocol.self) else {
            if fields["protocol"] == nil { reader.missing("protocol", in: "an example socket", at: node.location) }
            return nil
        }
        guard let addressNode = fields["local_address"], let address = reader.string(addressNode.value, what: "local_address") else {
            reader.missing("local_address", in: "an example socket", at: node.location)
            return nil
        }
        let pids = fields["pids"].map { numbers($0.value, what: "pids") } ?? []
        let family = word("family", AddressFamily.self) ?? (address.contains(":") ? .ipv6 : .ipv4)
        let ownership = word("ownership", Ownership.self) ?? (pids.isEmpty ? .unknown : .owned)
        return SocketFact(
            protocol: proto, family: family, localAddress: address,
            localPort: fields["local_port"].flatMap { number($0.value, what: "local_port") },
            localPortName: fields["local_port_name"].flatMap { reader.string($0.value, what: "local_port_name") },
            localZone: fields["local_zone"].flatMap { reader.string($0.value, what: "local_zone") },
            remoteAddress: fields["remote_address"].flatMap { reader.string($0.value, what: "remote_address") },
            remotePort: fields["remote_port"].flatMap { number($0.value, what: "remote_port") },
            remotePortName: fields["remote_port_name"].flatMap { reader.string($0.value, what: "remote_port_name") },
            state: word("state", SocketState.self) ?? .listening,
            rawState: fields["state_raw"].flatMap { reader.string($0.value, what: "state_raw") },
            v6only: fields["v6only"].flatMap { reader.boolean($0.value, what: "v6only") },
            netns: fields["netns"].flatMap { number($0.value, what: "netns") }.map(UInt64.init),
            ownership: ownership,
            ownershipReason: fields["ownership_reason"].flatMap { reader.string($0.value, what: "ownership_reason") }.map(OwnershipReason.init(rawValue:)),
            pids: pids, source: source
        )
    }

    private mutating func decodeProcess(_ node: YAMLNode, source: SourceLocation) -> ProcessFact? {
        guard let fields = factFields(node, allowed: SnapshotKeys.process, what: "an example process") else { return nil }
        guard let pidNode = fields["pid"], let pid = number(pidNode.value, what: "pid") else {
            if fields["pid"] == nil { reader.missing("pid", in: "an example process", at: node.location) }
            return nil
        }
        return ProcessFact(
            pid: pid,
            ppid: fields["ppid"].flatMap { number($0.value, what: "ppid") },
            name: fields["name"].flatMap { reader.string($0.value, what: "name") },
            nameTruncated: fields["name_truncated"].flatMap { reader.boolean($0.value, what: "name_truncated") } ?? false,
            path: fields["path"].flatMap { reader.string($0.value, what: "path") },
            cmdline: fields["cmdline"].flatMap { reader.string($0.value, what: "cmdline") },
            user: fields["user"].flatMap { reader.string($0.value, what: "user") },
            services: fields["services"].flatMap { reader.stringList($0.value, what: "services") } ?? [],
            kernel: fields["kernel"].flatMap { reader.boolean($0.value, what: "kernel") } ?? false,
            identity: ProcessIdentity(
                uid: fields["uid"].flatMap { number($0.value, what: "uid") },
                exeDeleted: fields["exe_deleted"].flatMap { reader.boolean($0.value, what: "exe_deleted") },
                pathVerified: fields["path_verified"].flatMap { reader.boolean($0.value, what: "path_verified") },
                pathProblem: fields["path_problem"].flatMap { reader.string($0.value, what: "path_problem") },
                sha256: fields["sha256"].flatMap { reader.string($0.value, what: "sha256") },
                mountNamespace: fields["mnt_ns"].flatMap { number($0.value, what: "mnt_ns") }.map(UInt64.init),
                unit: fields["unit"].flatMap { reader.string($0.value, what: "unit") },
                cgroup: fields["cgroup"].flatMap { reader.string($0.value, what: "cgroup") },
                containerID: fields["container_id"].flatMap { reader.string($0.value, what: "container_id") },
                parentName: fields["parent_name"].flatMap { reader.string($0.value, what: "parent_name") },
                parentPath: fields["parent_path"].flatMap { reader.string($0.value, what: "parent_path") },
                nameMismatch: fields["name_mismatch"].flatMap { reader.boolean($0.value, what: "name_mismatch") },
                signer: fields["signer"].flatMap { reader.string($0.value, what: "signer") },
                signatureStatus: fields["signature_status"].flatMap { reader.string($0.value, what: "signature_status") }),
            source: source
        )
    }

    /// A number of at most 12 digits, or an error naming `what`.
    mutating func number(_ node: YAMLNode, what: String) -> Int? {
        guard let text = reader.string(node, what: what) else { return nil }
        guard text.count <= 12, !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
            reader.error("\(what) must be a number, found \(MessageText.quote(text))", at: node.location)
            return nil
        }
        return value
    }

    private mutating func numbers(_ node: YAMLNode, what: String) -> [Int] {
        if node.scalar != nil { return number(node, what: what).map { [$0] } ?? [] }
        guard let items = node.items else {
            reader.error("\(what) must be a list of numbers", at: node.location)
            return []
        }
        return items.compactMap { number($0, what: what) }
    }
}
