extension Snapshot {
    /// Reads a snapshot JSON document (docs/architecture.md, "Contracts"): `--snapshot FILE.json`, probe plugins.
    ///
    /// Versions 1 and 2 are read. Enums are closed within a version: a `platform`, `protocol`,
    /// `family`, `state`, `ownership`, diagnostic `severity` or coverage value this build does
    /// not know (`"LISTEN"`, `"TCP"`, `"ERROR"`) is an `invalidDocument` error at the value,
    /// never read as something else. Unknown keys are ignored, except in `host.coverage`, whose
    /// keys can turn a pass into `unknown` (``Coverage/init(_:version:)``). A snapshot-1
    /// coverage is mapped conservatively: its levels as written, every state, port and user, the
    /// host's namespace only, and an ``Coverage/assumed`` line that says so. Keys whose value may
    /// be `null` may also be missing.
    ///
    /// - Parameters:
    ///   - jsonBytes: the document, UTF-8.
    ///   - file: the file name used in error locations.
    /// - Throws: ``JSONReadError``: `unsupportedVersion` when `hostcheck_snapshot` is newer than
    ///   ``Snapshot/formatVersion``; `syntax`, `limitExceeded` or `invalidDocument` (a missing
    ///   required key, a wrong type, a value outside its version's enum) with the location of the problem.
    public init(jsonBytes: [UInt8], file: String) throws(JSONReadError) {
        try self.init(jsonBytes: jsonBytes, file: file, limits: JSONParser.Limits())
    }

    /// ``init(jsonBytes:file:)`` with the parser's size and depth caps given.
    package init(jsonBytes: [UInt8], file: String, limits: JSONParser.Limits) throws(JSONReadError) {
        let root = try JSONParser(limits: limits).parse(jsonBytes, file: file)
        let document = try JSONFields(root, file: file, what: "the snapshot")
        guard let versionNode = document.object["hostcheck_snapshot"] else {
            throw document.error("missing key 'hostcheck_snapshot': not a hostcheck snapshot", at: root)
        }
        let version = try document.int("hostcheck_snapshot")
        guard version <= Snapshot.formatVersion else {
            throw JSONReadError(
                .unsupportedVersion(version),
                "snapshot version \(version) is newer than this hostcheck reads (\(Snapshot.formatVersion))",
                at: document.location(of: versionNode))
        }
        guard version >= Snapshot.oldestFormatVersion else {
            throw document.error("unsupported snapshot version \(version)", at: versionNode)
        }
        let generatorFields = try document.fields("generator")
        generator = Generator(name: try generatorFields.string("name"), version: try generatorFields.string("version"))
        host = try HostInfo(try document.fields("host"), version: version)
        var sockets: [SocketFact] = []
        let socketNodes = try document.array("sockets")
        sockets.reserveCapacity(socketNodes.count)
        for node in socketNodes {
            sockets.append(try SocketFact(try JSONFields(node, file: file, what: "socket")))
        }
        var processes: [ProcessFact] = []
        let processNodes = try document.array("processes")
        processes.reserveCapacity(processNodes.count)
        for node in processNodes {
            processes.append(try ProcessFact(try JSONFields(node, file: file, what: "process")))
        }
        var read: [Diagnostic] = []
        for node in try document.array("diagnostics") {
            read.append(try Diagnostic(try JSONFields(node, file: file, what: "diagnostic")))
        }
        self.sockets = sockets
        self.processes = processes
        self.diagnostics = read
    }
}

extension HostInfo {
    init(_ fields: JSONFields, version: Int) throws(JSONReadError) {
        var sources: [CaptureSource] = []
        for node in try fields.array("sources") {
            let source = try JSONFields(node, file: fields.file, what: "source")
            sources.append(CaptureSource(
                file: try source.string("file"), format: try source.string("format"),
                encoding: try source.optionalString("encoding")))
        }
        var labels: [String: String] = [:]
        if let labelFields = try fields.optionalFields("labels") {
            for member in labelFields.object.members {
                guard case .string(let text) = member.value.value else {
                    throw labelFields.error("expected a string for label '\(member.key)', found \(member.value.value.typeName)", at: member.value)
                }
                labels[member.key] = text
            }
        }
        self.init(
            name: try fields.string("name"),
            platform: try fields.word("platform", Platform.self),
            capturedAt: try fields.optionalString("captured_at"),
            sources: sources,
            coverage: try Coverage(try fields.fields("coverage"), version: version),
            labels: labels)
    }
}

extension SourceLocation {
    init(_ fields: JSONFields) throws(JSONReadError) {
        self.init(
            file: try fields.string("file"),
            line: try fields.optionalInt("line", in: 1...Int.max),
            column: try fields.optionalInt("column", in: 1...Int.max))
    }
}

extension SocketFact {
    init(_ fields: JSONFields) throws(JSONReadError) {
        let proto = try fields.word("protocol", TransportProtocol.self)
        let family = try fields.word("family", AddressFamily.self)
        let state = try fields.word("state", SocketState.self)
        let ownership = try fields.word("ownership", Ownership.self)
        var pids: [Int] = []
        for node in try fields.array("pids") {
            pids.append(try JSONFields.integer(node, key: "pids", in: 0...Int.max, fields: fields))
        }
        self.init(
            protocol: proto, family: family,
            localAddress: try fields.string("local_address"),
            localPort: try fields.optionalInt("local_port", in: 0...65535),
            localPortName: try fields.optionalString("local_port_name"),
            localZone: try fields.optionalString("local_zone"),
            remoteAddress: try fields.optionalString("remote_address"),
            remotePort: try fields.optionalInt("remote_port", in: 0...65535),
            remotePortName: try fields.optionalString("remote_port_name"),
            state: state,
            rawState: try fields.optionalString("state_raw"),
            v6only: try fields.optionalBool("v6only"),
            netns: try fields.optionalUInt64("netns"),
            ownership: ownership,
            ownershipReason: try fields.optionalString("ownership_reason").map { OwnershipReason(rawValue: $0) },
            pids: pids,
            source: try SourceLocation(try fields.fields("source", what: "socket source")))
    }
}

extension ProcessFact {
    init(_ fields: JSONFields) throws(JSONReadError) {
        self.init(
            pid: try fields.int("pid", in: 0...Int.max),
            ppid: try fields.optionalInt("ppid", in: 0...Int.max),
            name: try fields.optionalString("name"),
            nameTruncated: try fields.optionalBool("name_truncated") ?? false,
            path: try fields.optionalString("path"),
            cmdline: try fields.optionalString("cmdline"),
            user: try fields.optionalString("user"),
            services: try fields.strings("services", required: false),
            servicesListed: fields.optional("services") != nil,
            kernel: try fields.optionalBool("kernel") ?? false,
            identity: try ProcessIdentity(fields),
            source: try SourceLocation(try fields.fields("source", what: "process source")))
    }
}

extension ProcessIdentity {
    /// The identity members of a process object; all absent in snapshot-1.
    init(_ fields: JSONFields) throws(JSONReadError) {
        self.init(
            uid: try fields.optionalInt("uid", in: 0...Int(UInt32.max)),
            exeDeleted: try fields.optionalBool("exe_deleted"),
            pathVerified: try fields.optionalBool("path_verified"),
            pathProblem: try fields.optionalString("path_problem"),
            sha256: try fields.optionalString("sha256"),
            mountNamespace: try fields.optionalUInt64("mnt_ns"),
            unit: try fields.optionalString("unit"),
            cgroup: try fields.optionalString("cgroup"),
            containerID: try fields.optionalString("container_id"),
            parentName: try fields.optionalString("parent_name"),
            parentPath: try fields.optionalString("parent_path"),
            nameMismatch: try fields.optionalBool("name_mismatch"),
            signer: try fields.optionalString("signer"),
            signatureStatus: try fields.optionalString("signature_status"))
    }
}

extension Diagnostic {
    init(_ fields: JSONFields) throws(JSONReadError) {
        let severity = try fields.word("severity", DiagnosticSeverity.self)
        let location = try fields.optionalFields("source", what: "diagnostic source").map { (source) throws(JSONReadError) in
            try SourceLocation(source)
        }
        self.init(severity, try fields.string("message"), at: location)
    }
}
