import Testing
import HostCheckCore
@testable import HostCheckReporters

/// The evidence of results-3 leaves out the keys whose value is `null` (docs/architecture.md,
/// "Contracts"), and only those: a value that is known, `false`, `0` and `[]` included, is
/// written, and a `fail` result keeps every piece of its evidence with everything known about it.
@Suite struct ResultsEvidenceTests {
    /// A process with nothing known but its pid and the file it came from.
    static let bareProcess = ProcessFact(pid: 7, name: nil, source: SourceLocation(file: "/proc/7"))
    /// A socket with nothing optional known.
    static let bareSocket = SocketFact(
        protocol: .udp, family: .ipv6, localAddress: "::", localPort: nil, state: .unknown, ownership: .unknown,
        source: SourceLocation(file: "/proc/net/udp6"))

    /// A process with every field known.
    static let fullProcess = ProcessFact(
        pid: 6120, ppid: 4, name: "nc64.exe", nameTruncated: true, path: "C:\\tools\\nc64.exe", cmdline: "nc64.exe -l -p 3691",
        user: "NT AUTHORITY\\SYSTEM", services: ["Spooler"], kernel: false,
        identity: ProcessIdentity(
            uid: 0, exeDeleted: false, pathVerified: false, pathProblem: "other-file", sha256: String(repeating: "ab", count: 32),
            mountNamespace: 4_026_531_840, unit: "nc.service", cgroup: "/system.slice/nc.service", containerID: "0123abcd",
            parentName: "services.exe", parentPath: "C:\\Windows\\System32\\services.exe", nameMismatch: false,
            signer: "CN=Nobody", signatureStatus: "NotSigned"),
        source: SourceLocation(file: "tasklist.csv", line: 9, column: 1))
    /// A socket with every field known.
    static let fullSocket = SocketFact(
        protocol: .tcp, family: .ipv6, localAddress: "fe80::1", localPort: 3691, localPortName: "magaya", localZone: "eth0",
        remoteAddress: "fe80::2", remotePort: 0, remotePortName: "any", state: .unknown, rawState: "ABHÖREN", v6only: false,
        netns: 0, ownership: .owned, ownershipReason: .sourcesDisagree, pids: [6120],
        source: SourceLocation(file: "netstat.txt", line: 8, column: 3))

    /// The evidence of a `fail` result on one host, as results-3 and as a self-contained
    /// NDJSON result line (every key, `null` when unknown) write it.
    static func written(_ evidence: [Evidence], total: Int? = nil) throws -> (results3: [JSONNode], selfContained: [JSONNode], total: Int?) {
        let host = HostResults(host: Samples.windowsHost, results: [RuleResult(
            host: "wh-berlin-02", pack: "p", rule: "r", severity: .high, outcome: .fail, message: "m",
            evidence: evidence, evidenceTotal: total)])
        let root = try parseJSON(try Samples.renderJSON([host]))
        let result = try #require(root["results"]?.items.first)
        let lines = try Samples.render(NDJSONReporter(options: ReporterOptions()), hosts: [host]).split(separator: "\n")
        let line = try parseJSON(String(lines[1]))
        return (result["evidence"]?.items ?? [], line["result"]?["evidence"]?.items ?? [], result["evidence_total"]?.int)
    }

    static func single(_ evidence: Evidence) throws -> JSONNode {
        try #require(try written([evidence]).results3.first)
    }

    @Test func aProcessWithNothingOptionalKnownWritesNoneOfIt() throws {
        let evidence = try Self.single(Evidence(socket: Self.bareSocket, processes: [Self.bareProcess]))
        let process = try #require(evidence["processes"]?.items.first)
        #expect(process.keys == ["pid", "name_truncated", "kernel", "source"])
        #expect(process["pid"]?.int == 7)
        #expect(process["name_truncated"]?.value == .bool(false) && process["kernel"]?.value == .bool(false))
        #expect(process["source"]?.keys == ["file"])
    }

    @Test func aSocketWithNothingOptionalKnownWritesNoneOfIt() throws {
        let evidence = try Self.single(Evidence(socket: Self.bareSocket))
        #expect(evidence.keys == ["socket", "processes", "source"])
        #expect(evidence["socket"]?.keys == ["protocol", "family", "local_address", "state", "ownership", "pids", "source"])
        #expect(evidence["socket"]?["pids"]?.items.isEmpty == true)
        #expect(evidence["processes"]?.items.isEmpty == true)
    }

    /// Evidence with neither socket, source nor note is its (empty) processes alone.
    @Test func evidenceAboutNothingKeepsOnlyItsProcesses() throws {
        #expect(try Self.single(Evidence()).keys == ["processes"])
        let noted = try Self.single(Evidence(source: SourceLocation(file: "netstat.txt"), note: "unreadable"))
        #expect(noted.keys == ["processes", "source", "note"])
        #expect(noted["source"]?.keys == ["file"])
        #expect(noted["note"]?.string == "unreadable")
    }

    /// A field of a process, set on ``bareProcess``, and the JSON value it must be written as.
    struct ProcessField: Sendable, CustomTestStringConvertible {
        var key: String
        var set: @Sendable (inout ProcessFact) -> Void
        var json: String
        var testDescription: String { key }
    }

    static let processFields: [ProcessField] = [
        ProcessField(key: "ppid", set: { $0.ppid = 0 }, json: "0"),
        ProcessField(key: "name", set: { $0.name = "sshd" }, json: #""sshd""#),
        ProcessField(key: "path", set: { $0.path = "/usr/sbin/sshd" }, json: #""/usr/sbin/sshd""#),
        ProcessField(key: "cmdline", set: { $0.cmdline = "" }, json: #""""#),
        ProcessField(key: "user", set: { $0.user = "root" }, json: #""root""#),
        ProcessField(key: "services", set: { $0.servicesListed = true }, json: "[]"),
        ProcessField(key: "uid", set: { $0.identity.uid = 0 }, json: "0"),
        ProcessField(key: "exe_deleted", set: { $0.identity.exeDeleted = false }, json: "false"),
        ProcessField(key: "path_verified", set: { $0.identity.pathVerified = false }, json: "false"),
        ProcessField(key: "path_problem", set: { $0.identity.pathProblem = "not-checked" }, json: #""not-checked""#),
        ProcessField(key: "sha256", set: { $0.identity.sha256 = String(repeating: "0", count: 64) }, json: "\"\(String(repeating: "0", count: 64))\""),
        ProcessField(key: "mnt_ns", set: { $0.identity.mountNamespace = 0 }, json: "0"),
        ProcessField(key: "unit", set: { $0.identity.unit = "ssh.service" }, json: #""ssh.service""#),
        ProcessField(key: "cgroup", set: { $0.identity.cgroup = "/" }, json: #""/""#),
        ProcessField(key: "container_id", set: { $0.identity.containerID = "c0ffee" }, json: #""c0ffee""#),
        ProcessField(key: "parent_name", set: { $0.identity.parentName = "init" }, json: #""init""#),
        ProcessField(key: "parent_path", set: { $0.identity.parentPath = "/sbin/init" }, json: #""/sbin/init""#),
        ProcessField(key: "name_mismatch", set: { $0.identity.nameMismatch = false }, json: "false"),
        ProcessField(key: "signer", set: { $0.identity.signer = "CN=x" }, json: #""CN=x""#),
        ProcessField(key: "signature_status", set: { $0.identity.signatureStatus = "Valid" }, json: #""Valid""#),
    ]

    /// One optional field known: it is written, with its value (`false`, `0`, `""` and `[]` are
    /// values, not unknowns), in its place among the snapshot's keys.
    @Test(arguments: processFields)
    func aKnownProcessFieldIsWritten(field: ProcessField) throws {
        var process = Self.bareProcess
        field.set(&process)
        let written = try #require(try Self.single(Evidence(processes: [process]))["processes"]?.items.first)
        let order = try #require(try ResultsSchemaTests.schema("results-3.json")["$defs"]?["evidence_process"]?["properties"]?.keys)
        #expect(written.keys == order.filter { ["pid", "name_truncated", "kernel", "source", field.key].contains($0) })
        #expect(written[field.key]?.value == (try parseJSON(field.json)).value)
    }

    /// A field of a socket, set on ``bareSocket``, and the JSON value it must be written as.
    struct SocketField: Sendable, CustomTestStringConvertible {
        var key: String
        var set: @Sendable (inout SocketFact) -> Void
        var json: String
        var testDescription: String { key }
    }

    static let socketFields: [SocketField] = [
        SocketField(key: "local_port", set: { $0.localPort = 0 }, json: "0"),
        SocketField(key: "local_port_name", set: { $0.localPortName = "https" }, json: #""https""#),
        SocketField(key: "local_zone", set: { $0.localZone = "11" }, json: #""11""#),
        SocketField(key: "remote_address", set: { $0.remoteAddress = "10.0.0.2" }, json: #""10.0.0.2""#),
        SocketField(key: "remote_port", set: { $0.remotePort = 0 }, json: "0"),
        SocketField(key: "remote_port_name", set: { $0.remotePortName = "ssh" }, json: #""ssh""#),
        SocketField(key: "state_raw", set: { $0.rawState = "ABHÖREN" }, json: #""ABHÖREN""#),
        SocketField(key: "v6only", set: { $0.v6only = false }, json: "false"),
        SocketField(key: "netns", set: { $0.netns = 0 }, json: "0"),
        SocketField(key: "ownership_reason", set: { $0.ownershipReason = .captureHasNoOwners }, json: #""capture-has-no-owners""#),
    ]

    @Test(arguments: socketFields)
    func aKnownSocketFieldIsWritten(field: SocketField) throws {
        var socket = Self.bareSocket
        field.set(&socket)
        let written = try #require(try Self.single(Evidence(socket: socket))["socket"])
        let order = try #require(try ResultsSchemaTests.schema("results-3.json")["$defs"]?["evidence_socket"]?["properties"]?.keys)
        let always = ["protocol", "family", "local_address", "state", "ownership", "pids", "source"]
        #expect(written.keys == order.filter { always.contains($0) || $0 == field.key })
        #expect(written[field.key]?.value == (try parseJSON(field.json)).value)
    }

    /// A source line is written when known, and so is its column.
    @Test func aKnownSourceLineIsWritten() throws {
        let evidence = try Self.single(Evidence(source: SourceLocation(file: "netstat.txt", line: 8, column: 2)))
        #expect(evidence["source"]?.keys == ["file", "line", "column"])
        #expect(evidence["source"]?["line"]?.int == 8)
    }

    /// A `fail` result keeps its evidence whole: every piece (up to the cap, with the total), and
    /// in each exactly the self-contained evidence without its `null` members; evidence with
    /// everything known has every key of the schema.
    @Test(arguments: [false, true])
    func aFailResultsEvidenceIsComplete(capped: Bool) throws {
        let pieces = [
            Evidence(socket: Self.fullSocket, processes: [Self.fullProcess, Self.bareProcess], note: "owner nc64.exe does not match magaya*"),
            Evidence(socket: Self.bareSocket),
            Evidence(socket: Samples.netstatSocket, processes: [Samples.ncProcess]),
            Evidence(source: SourceLocation(file: "netstat.txt", line: 2), note: "line not understood"),
        ]
        let evidence = capped ? Array(repeating: pieces, count: 15).flatMap { $0 } : pieces
        let written = try Self.written(evidence)
        #expect(written.total == evidence.count)
        #expect(written.results3.count == min(evidence.count, RuleResult.evidenceLimit))
        #expect(written.results3.count == written.selfContained.count)
        for (sparse, whole) in zip(written.results3, written.selfContained) {
            #expect(Self.isWithoutNulls(sparse, of: whole), "\(sparse) is not \(whole) without its nulls")
        }
        let schema = try ResultsSchemaTests.schema("results-3.json")
        let full = try #require(written.results3.first)
        #expect(full["socket"]?.keys == schema["$defs"]?["evidence_socket"]?["properties"]?.keys)
        #expect(full["processes"]?.items.first?.keys == schema["$defs"]?["evidence_process"]?["properties"]?.keys)
        #expect(full["processes"]?.items.first?["services"]?.items.map(\.string) == ["Spooler"])
        #expect(full["socket"]?["state_raw"]?.string == "ABHÖREN")
    }

    /// Whether `sparse` is `whole` with every `null` member of its objects left out, at any depth.
    static func isWithoutNulls(_ sparse: JSONNode, of whole: JSONNode) -> Bool {
        switch (sparse.value, whole.value) {
        case (.object(let kept), .object(let all)):
            let known = all.members.filter { $0.value.value != .null }
            return kept.members.map(\.key) == known.map(\.key)
                && zip(kept.members, known).allSatisfy { isWithoutNulls($0.value, of: $1.value) }
        case (.array(let kept), .array(let all)):
            return kept.count == all.count && zip(kept, all).allSatisfy { isWithoutNulls($0, of: $1) }
        default:
            return sparse.value == whole.value
        }
    }
}
