extension Snapshot {
    /// Reads a snapshot JSON document (docs/architecture.md, "Contracts"): `--snapshot FILE.json`, probe plugins.
    ///
    /// Versioning: unknown keys are ignored; an unknown `platform`, `state` or `ownership`
    /// reads as `unknown` (the raw state word kept in `state_raw`), an unknown coverage level as
    /// `none`, an unknown diagnostic severity as `warning`. A socket whose `protocol` or `family`
    /// this build does not know is left out with a warning diagnostic at the socket, never
    /// silently. Keys whose value may be `null` may also be missing.
    ///
    /// - Parameters:
    ///   - jsonBytes: the document, UTF-8.
    ///   - file: the file name used in error locations.
    /// - Throws: ``JSONReadError``: `unsupportedVersion` when `hostcheck_snapshot` is newer than
    ///   ``Snapshot/formatVersion``; `syntax`, `limitExceeded` or `invalidDocument` (a missing
    ///   required key or a wrong type) with the location of the problem.
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
        guard version >= 1 else {
            throw document.error("unsupported snapshot version \(version)", at: versionNode)
        }
        let generatorFields = try document.fields("generator")
        generator = Generator(name: try generatorFields.string("name"), version: try generatorFields.string("version"))
        host = try HostInfo(try document.fields("host"))
        var diagnostics: [Diagnostic] = []
        var sockets: [SocketFact] = []
        let socketNodes = try document.array("sockets")
        sockets.reserveCapacity(socketNodes.count)
        for node in socketNodes {
            let fields = try JSONFields(node, file: file, what: "socket")
            switch try SocketFact.read(fields) {
            case .socket(let socket): sockets.append(socket)
            case .skipped(let diagnostic): diagnostics.append(diagnostic)
            }
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
        self.diagnostics = read + diagnostics
    }
}

extension HostInfo {
    init(_ fields: JSONFields) throws(JSONReadError) {
        let coverage = try fields.fields("coverage")
        func level(_ key: String) throws(JSONReadError) -> CoverageLevel {
            CoverageLevel(rawValue: try coverage.string(key)) ?? CoverageLevel.none
        }
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
            platform: Platform(rawValue: try fields.string("platform")) ?? .unknown,
            capturedAt: try fields.optionalString("captured_at"),
            sources: sources,
            coverage: Coverage(
                tcp: try level("tcp"), udp: try level("udp"), ipv4: try level("ipv4"),
                ipv6: try level("ipv6"), owners: try level("owners")),
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
    enum ReadResult {
        case socket(SocketFact)
        case skipped(Diagnostic)
    }

    static func read(_ fields: JSONFields) throws(JSONReadError) -> ReadResult {
        let protocolName = try fields.string("protocol")
        let familyName = try fields.string("family")
        guard let proto = TransportProtocol(rawValue: protocolName), let family = AddressFamily(rawValue: familyName) else {
            let word = TransportProtocol(rawValue: protocolName) == nil ? "protocol '\(protocolName)'" : "family '\(familyName)'"
            return .skipped(Diagnostic(
                .warning, "socket with unknown \(TerminalText.neutralised(String(word.prefix(60)))) left out",
                at: fields.location(of: fields.node)))
        }
        let stateName = try fields.string("state")
        let state = SocketState(rawValue: stateName)
        let ownershipName = try fields.string("ownership")
        var pids: [Int] = []
        for node in try fields.array("pids") {
            pids.append(try JSONFields.integer(node, key: "pids", in: 0...Int.max, fields: fields))
        }
        let socket = SocketFact(
            protocol: proto, family: family,
            localAddress: try fields.string("local_address"),
            localPort: try fields.optionalInt("local_port", in: 0...65535),
            localPortName: try fields.optionalString("local_port_name"),
            localZone: try fields.optionalString("local_zone"),
            remoteAddress: try fields.optionalString("remote_address"),
            remotePort: try fields.optionalInt("remote_port", in: 0...65535),
            remotePortName: try fields.optionalString("remote_port_name"),
            state: state ?? .unknown,
            rawState: try fields.optionalString("state_raw") ?? (state == nil ? stateName : nil),
            v6only: try fields.optionalBool("v6only"),
            netns: try fields.optionalUInt64("netns"),
            ownership: Ownership(rawValue: ownershipName) ?? .unknown,
            ownershipReason: try fields.optionalString("ownership_reason").map { OwnershipReason(rawValue: $0) },
            pids: pids,
            source: try SourceLocation(try fields.fields("source", what: "socket source")))
        return .socket(socket)
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
            kernel: try fields.optionalBool("kernel") ?? false,
            source: try SourceLocation(try fields.fields("source", what: "process source")))
    }
}

extension Diagnostic {
    init(_ fields: JSONFields) throws(JSONReadError) {
        let severity = DiagnosticSeverity(rawValue: try fields.string("severity")) ?? .warning
        let location = try fields.optionalFields("source", what: "diagnostic source").map { (source) throws(JSONReadError) in
            try SourceLocation(source)
        }
        self.init(severity, try fields.string("message"), at: location)
    }
}
