import Foundation
import Testing
import HostCheckCore

@Suite struct JSONSnapshotTests {
    static let sample = Snapshot(
        generator: Generator(name: "hostcheck", version: "0.1.0"),
        host: HostInfo(
            name: "wh-berlin-02", platform: .windows, capturedAt: "2026-11-27T10:00:00Z",
            sources: [
                CaptureSource(file: "netstat.txt", format: "windows-netstat", encoding: "cp850"),
                CaptureSource(file: "/proc", format: "proc-net-tcp"),
            ],
            coverage: Coverage(
                tcp: .full, udp: .none, ipv4: .full, ipv6: .partial, owners: .partial, states: .listening,
                ports: [3691, 22], users: ["alice"], netns: .all,
                assumed: ["ports, states: assumed from the rows: every row contains :3691 (a findstr filter)"],
                fullCapture: "netstat -ano"),
            labels: ["env": "prod", "site": "berlin"]),
        sockets: [
            SocketFact(
                protocol: .tcp, family: .ipv4, localAddress: "0.0.0.0", localPort: 3691, state: .listening,
                ownership: .owned, pids: [6120], source: SourceLocation(file: "netstat.txt", line: 8)),
            SocketFact(
                protocol: .udp, family: .ipv6, localAddress: "fe80::1", localPort: nil, localPortName: "https",
                localZone: "eth0", remoteAddress: "2001:db8::1", remotePort: 443, remotePortName: "https",
                state: .unknown, rawState: "ABHÖREN", v6only: true, netns: 4_026_531_840,
                ownership: .unknown, ownershipReason: .captureHasNoOwners, pids: [],
                source: SourceLocation(file: "/proc/net/udp6", line: 3, column: 2)),
        ],
        processes: [
            ProcessFact(pid: 6120, name: "nc64.exe", source: SourceLocation(file: "tasklist.csv", line: 9)),
            ProcessFact(
                pid: 4, ppid: 0, name: "<script>\"evil\"\n\u{1B}[31m", nameTruncated: true, path: "C:\\Windows\\x.exe",
                cmdline: "x --flag", user: "NT AUTHORITY\\SYSTEM", services: ["LanmanServer", "W32Time"], kernel: true,
                identity: ProcessIdentity(
                    uid: 0, exeDeleted: false, pathVerified: false, pathProblem: "not-found",
                    sha256: String(repeating: "ab", count: 32), mountNamespace: 4_026_531_841, unit: "sshd.service",
                    cgroup: "/system.slice/sshd.service", containerID: "0123abcd", parentName: "systemd",
                    parentPath: "/usr/lib/systemd/systemd", nameMismatch: true, signer: "Microsoft Windows",
                    signatureStatus: "Valid"),
                source: SourceLocation(file: "tasklist.csv", line: 2)),
        ],
        diagnostics: [
            Diagnostic(.warning, "line not understood", at: SourceLocation(file: "netstat.txt", line: 3, column: 1)),
            Diagnostic(.error, "no location"),
        ])

    private func read(_ text: String) throws(JSONReadError) -> Snapshot {
        try Snapshot(jsonBytes: Array(text.utf8), file: "snap.json")
    }

    private func readError(_ text: String) -> JSONReadError? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [false, true])
    func roundTrips(pretty: Bool) throws {
        let bytes = Self.sample.jsonBytes(pretty: pretty)
        #expect(bytes.last == UInt8(ascii: "\n"))
        let back = try Snapshot(jsonBytes: bytes, file: "snap.json")
        #expect(back == Self.sample)
    }

    @Test func emptySnapshotRoundTrips() throws {
        let empty = Snapshot(host: HostInfo(name: "h", platform: .unknown, coverage: .none))
        #expect(try Snapshot(jsonBytes: empty.jsonBytes(pretty: false), file: "e.json") == empty)
    }

    @Test func writesTheDesignShapeWithEveryKey() throws {
        let snapshot = Snapshot(
            host: HostInfo(name: "wh-berlin-02", platform: .windows, sources: [CaptureSource(file: "netstat.txt", format: "windows-netstat", encoding: "cp850")], coverage: .full),
            sockets: [Self.sample.sockets[0]],
            processes: [Self.sample.processes[0]])
        let text = String(decoding: snapshot.jsonBytes(pretty: false), as: UTF8.self)
        let expected = #"{"hostcheck_snapshot":2,"generator":{"name":"hostcheck","version":"0.1.0"},"#
            + #""host":{"name":"wh-berlin-02","platform":"windows","captured_at":null,"sources":[{"file":"netstat.txt","format":"windows-netstat","encoding":"cp850"}],"#
            + #""coverage":{"tcp":"full","udp":"full","ipv4":"full","ipv6":"full","owners":"full","states":"all","ports":"all","#
            + #""users":"all","netns":"all","assumed":[],"full_capture":null},"labels":{}},"#
            + #""sockets":[{"protocol":"tcp","family":"ipv4","local_address":"0.0.0.0","local_port":3691,"local_port_name":null,"local_zone":null,"#
            + #""remote_address":null,"remote_port":null,"remote_port_name":null,"state":"listening","state_raw":null,"v6only":null,"netns":null,"#
            + #""ownership":"owned","ownership_reason":null,"pids":[6120],"source":{"file":"netstat.txt","line":8}}],"#
            + #""processes":[{"pid":6120,"ppid":null,"name":"nc64.exe","name_truncated":false,"path":null,"cmdline":null,"user":null,"#
            + #""services":null,"kernel":false,"uid":null,"exe_deleted":null,"path_verified":null,"path_problem":null,"sha256":null,"#
            + #""mnt_ns":null,"unit":null,"cgroup":null,"container_id":null,"parent_name":null,"parent_path":null,"#
            + #""name_mismatch":null,"signer":null,"signature_status":null,"source":{"file":"tasklist.csv","line":9}}],"diagnostics":[]}"#
            + "\n"
        #expect(text == expected)
    }

    @Test func hostileTextIsEscaped() {
        let text = String(decoding: Self.sample.jsonBytes(pretty: true), as: UTF8.self)
        #expect(text.contains(#""name": "<script>\"evil\"\u000a\u001b[31m""#))
        #expect(!text.contains("\u{1B}"))
    }

    /// A minimal snapshot of `version` with `socket` as its one socket, `coverage` as its coverage
    /// members and `diagnostic` as its one diagnostic.
    static func document(
        version: Int = 2, platform: String = "linux",
        coverage: String = #""tcp": "full", "udp": "full", "ipv4": "full", "ipv6": "full", "owners": "full", "states": "all", "ports": "all", "users": "all", "netns": "host-only", "assumed": [], "full_capture": null"#,
        socket: String = #""protocol": "tcp", "family": "ipv4", "state": "listening", "ownership": "owned""#,
        severity: String = "warning"
    ) -> String {
        """
        {"hostcheck_snapshot": \(version), "generator": {"name": "g", "version": "1"},
         "host": {"name": "h", "platform": "\(platform)", "sources": [],
                  "coverage": {\(coverage)}},
         "sockets": [
           {\(socket), "local_address": "0.0.0.0", "local_port": 23, "pids": [1], "source": {"file": "x", "line": 1}}],
         "processes": [], "diagnostics": [{"severity": "\(severity)", "message": "m", "source": null}]}
        """
    }

    static let levelsOnly = #""tcp": "full", "udp": "full", "ipv4": "full", "ipv6": "full", "owners": "full""#

    @Test func unknownKeysOutsideCoverageAreIgnored() throws {
        let snapshot = try read("""
        {"hostcheck_snapshot": 2, "future": {"x": [1]},
         "generator": {"name": "probe-x", "version": "9", "extra": true},
         "host": {"name": "h", "platform": "linux", "sources": [], "identity": {"machine_id": "x"},
                  "coverage": {"tcp": "full", "udp": "none", "ipv4": "full", "ipv6": "none", "owners": "partial",
                               "states": "listening", "ports": [3691, 22, 3691], "users": ["bob", "alice"], "netns": "all"}},
         "sockets": [{"protocol": "tcp", "family": "ipv4", "local_address": "10.0.0.1", "local_port": 22,
                      "state": "unknown", "state_raw": "half-open", "ownership": "unknown", "pids": [], "source": {"file": "x"}, "new_key": 1}],
         "processes": [{"pid": 1, "source": {"file": "x", "line": 1}}],
         "diagnostics": [{"severity": "note", "message": "m", "source": null}]}
        """)
        #expect(snapshot.host.coverage == Coverage(
            tcp: .full, udp: .none, ipv4: .full, ipv6: .none, owners: .partial, states: .listening,
            ports: [22, 3691], users: ["alice", "bob"], netns: .all))
        #expect(snapshot.host.capturedAt == nil)
        #expect(snapshot.sockets.first?.state == .unknown)
        #expect(snapshot.sockets.first?.rawState == "half-open")
        #expect(snapshot.sockets.first?.remoteAddress == nil)
        #expect(snapshot.processes.first == ProcessFact(pid: 1, name: nil, source: SourceLocation(file: "x", line: 1)))
        #expect(snapshot.diagnostics == [Diagnostic(.note, "m")])
    }

    static let states = "listening, established, time_wait, close_wait, syn_sent, syn_received, fin_wait_1, fin_wait_2, last_ack, closing, closed, bound, unknown"

    /// Enums are closed within a version: a value this build does not know is a located error,
    /// never read as `unknown`, a dropped socket or a warning (each of these passed a rule).
    @Test(arguments: [
        (document(socket: #""protocol": "tcp", "family": "ipv4", "state": "LISTEN", "ownership": "owned""#),
         #""LISTEN""#, "unknown state 'LISTEN' in socket; expected one of \(states)"),
        (document(socket: #""protocol": "tcp", "family": "ipv4", "state": "Listening", "ownership": "owned""#),
         #""Listening""#, "unknown state 'Listening' in socket; expected one of \(states)"),
        (document(socket: #""protocol": "TCP", "family": "ipv4", "state": "listening", "ownership": "owned""#),
         #""TCP""#, "unknown protocol 'TCP' in socket; expected one of tcp, udp"),
        (document(socket: #""protocol": "sctp", "family": "ipv4", "state": "listening", "ownership": "owned""#),
         #""sctp""#, "unknown protocol 'sctp' in socket; expected one of tcp, udp"),
        (document(socket: #""protocol": "tcp", "family": "inet", "state": "listening", "ownership": "owned""#),
         #""inet""#, "unknown family 'inet' in socket; expected one of ipv4, ipv6"),
        (document(socket: #""protocol": "tcp", "family": "ipv4", "state": "listening", "ownership": "shared""#),
         #""shared""#, "unknown ownership 'shared' in socket; expected one of owned, unowned, unknown"),
        (document(severity: "ERROR"),
         #""ERROR""#, "unknown severity 'ERROR' in diagnostic; expected one of note, warning, error"),
        (document(platform: "plan9"),
         #""plan9""#, "unknown platform 'plan9' in 'host'; expected one of linux, windows, macos, unknown"),
        (document(coverage: #""tcp": "full", "udp": "sometimes""#),
         #""sometimes""#, "unknown udp 'sometimes' in 'coverage'; expected one of full, partial, none"),
        (document(coverage: levelsOnly + #", "states": "ALL""#),
         #""ALL""#, "unknown states 'ALL' in 'coverage'; expected one of all, listening"),
        (document(coverage: levelsOnly + #", "states": "all", "ports": "any""#),
         #""any""#, "unknown ports 'any' in 'coverage'; expected \"all\" or a list"),
        (document(coverage: levelsOnly + #", "states": "all", "ports": [70000]"#),
         "70000", "'ports' in 'coverage' is 70000, outside 0...65535"),
        (document(coverage: levelsOnly + #", "states": "all", "ports": "all", "users": [1]"#),
         "1]", "expected strings in 'users' in 'coverage', found number"),
        (document(coverage: levelsOnly + #", "states": "all", "ports": "all", "users": "all", "netns": "host""#),
         #""host"}"#, "unknown netns 'host' in 'coverage'; expected one of all, host-only"),
        (document(coverage: levelsOnly + #", "states": "all", "ports": "all", "users": "all""#),
         #"{"tcp""#, "missing key 'netns' in 'coverage'"),
        (document(coverage: levelsOnly + #", "states": "all", "ports": "all", "users": "all", "netns": "all", "sctp": "none""#),
         #""none""#, "unknown key 'sctp' in 'coverage'; expected tcp, udp, ipv4, ipv6, owners, states, ports, users, netns, assumed, full_capture"),
        (document(version: 1, coverage: levelsOnly + #", "states": "listening""#),
         #""listening"}"#, "'states' in 'coverage' is a snapshot-2 key; a snapshot that records it must say \"hostcheck_snapshot\": 2"),
        (document(version: 1, coverage: levelsOnly, socket: #""protocol": "tcp", "family": "ipv4", "state": "LISTEN", "ownership": "owned""#),
         #""LISTEN""#, "unknown state 'LISTEN' in socket; expected one of \(states)"),
        (document(version: 1, coverage: levelsOnly, severity: "ERROR"),
         #""ERROR""#, "unknown severity 'ERROR' in diagnostic; expected one of note, warning, error"),
    ])
    func valuesOutsideTheVersionsEnumsAreLocatedErrors(input: String, at token: String, message: String) throws {
        let error = try #require(readError(input))
        #expect(error.kind == .invalidDocument)
        #expect(error.message == message)
        let start = try #require(input.range(of: token)).lowerBound
        let before = input[..<start]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        #expect(error.location == SourceLocation(file: "snap.json", line: line, column: column))
    }

    /// Snapshot-1 stays readable, mapped conservatively: its levels as written, every state,
    /// port and user, the host's namespace only, and a line saying so.
    @Test func snapshot1IsReadWithTheMissingDimensionsAssumed() throws {
        let snapshot = try read(Self.document(
            version: 1, coverage: Self.levelsOnly.replacingOccurrences(of: #""ipv6": "full""#, with: #""ipv6": "partial""#)))
        #expect(snapshot.host.coverage == Coverage(
            tcp: .full, udp: .full, ipv4: .full, ipv6: .partial, owners: .full, states: .all, ports: nil, users: nil,
            netns: .hostOnly, assumed: [
                "states, ports, users, netns: assumed from snapshot-1, which does not record them",
                "processes: partial: a snapshot-1 document lists only the processes that hold a socket",
            ]))
        #expect(snapshot.host.coverage.line.hasSuffix(
            "netns=host-only (states, ports, users, netns: assumed from snapshot-1, which does not record them; "
                + "processes: partial: a snapshot-1 document lists only the processes that hold a socket)"))
        #expect(snapshot.sockets.count == 1 && snapshot.diagnostics == [Diagnostic(.warning, "m")])
    }

    @Test func writtenSnapshotsAreVersion2() throws {
        let text = String(decoding: Self.sample.jsonBytes(pretty: false), as: UTF8.self)
        #expect(text.hasPrefix(#"{"hostcheck_snapshot":2,"#))
        #expect(Snapshot.formatVersion == 2 && Snapshot.oldestFormatVersion == 1)
    }

    @Test(arguments: [3, 99])
    func newerVersionIsASpecificError(version: Int) {
        let error = readError(#"{"hostcheck_snapshot": \#(version), "totally": "different"}"#)
        #expect(error?.kind == .unsupportedVersion(version))
        #expect(error?.description == "snap.json:1:24: error: snapshot version \(version) is newer than this hostcheck reads (2)")
    }

    @Test(arguments: [
        (#"[]"#, "snap.json:1:1: error: expected an object for the snapshot, found array"),
        (#"{"sockets": []}"#, "snap.json:1:1: error: missing key 'hostcheck_snapshot': not a hostcheck snapshot"),
        (#"{"hostcheck_snapshot": "1"}"#, "snap.json:1:24: error: expected an integer for 'hostcheck_snapshot' in the snapshot, found string"),
        (#"{"hostcheck_snapshot": 0}"#, "snap.json:1:24: error: unsupported snapshot version 0"),
        (#"{"hostcheck_snapshot": 1}"#, "snap.json:1:1: error: missing key 'generator' in the snapshot"),
    ])
    func documentErrorsAreLocated(input: String, expected: String) {
        #expect(readError(input)?.description == expected)
    }

    @Test func wrongTypesDeepInsideAreLocated() throws {
        var text = String(decoding: Self.sample.jsonBytes(pretty: true), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"local_port\": 3691", with: "\"local_port\": \"3691\"")
        let error = try #require(readError(text))
        #expect(error.kind == .invalidDocument)
        #expect(error.message == "expected an integer for 'local_port' in socket, found string")
        let line = try #require(error.location.line)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[line - 1].contains("\"local_port\": \"3691\""))
    }

    @Test(arguments: [
        ("\"local_port\": 3691", "\"local_port\": 70000", "'local_port' in socket is 70000, outside 0...65535"),
        ("\"pids\": [\n        6120\n      ]", "\"pids\": [-1]", "'pids' in socket is -1, outside 0...9223372036854775807"),
        ("\"pid\": 6120", "\"pid\": 1.5", "expected an integer for 'pid' in process, found number"),
        ("\"protocol\": \"tcp\",", "", "missing key 'protocol' in socket"),
        ("\"kernel\": false", "\"kernel\": \"no\"", "expected a boolean or null for 'kernel' in process, found string"),
        ("\"udp\": \"none\"", "\"udp\": 0", "expected a string for 'udp' in 'coverage', found number"),
        ("\"netns\": \"all\"", "\"netns\": null", "expected a string for 'netns' in 'coverage', found null"),
    ])
    func invalidValuesAreErrors(find: String, replace: String, message: String) {
        let text = String(decoding: Self.sample.jsonBytes(pretty: true), as: UTF8.self)
        let range = text.range(of: find)
        #expect(range != nil, "fixture text not found")
        guard let range else { return }
        let error = readError(text.replacingCharacters(in: range, with: replace))
        #expect(error?.kind == .invalidDocument)
        #expect(error?.message == message)
    }

    @Test func mutatedSnapshotsReadOrFailWithALocatedOneLineError() {
        let original = Self.sample.jsonBytes(pretty: true)
        var generator = SystemRandomNumberGenerator()
        let replacements: [UInt8] = Array(#"{}[]:,"\0129-.eE tfn"#.utf8) + [0x00, 0x0A, 0xC3, 0xFF]
        for _ in 0..<1500 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = replacements.randomElement(using: &generator) ?? 0
                case 1: bytes.remove(at: index)
                default: bytes.insert(replacements.randomElement(using: &generator) ?? 0, at: index)
                }
            }
            do {
                let snapshot = try Snapshot(jsonBytes: bytes, file: "m.json")
                #expect(snapshot.sockets.count <= Self.sample.sockets.count)
            } catch {
                #expect((error.location.line ?? 0) >= 1)
                #expect(!error.message.contains("\n"))
                #expect(error.message.count < 200)
            }
        }
    }

    @Test func truncatedSnapshotsAreErrorsNeverCrashes() {
        let bytes = Self.sample.jsonBytes(pretty: false)
        for length in stride(from: 0, to: bytes.count - 1, by: 7) {
            #expect(throws: JSONReadError.self) { try Snapshot(jsonBytes: Array(bytes[..<length]), file: "t.json") }
        }
    }
}
