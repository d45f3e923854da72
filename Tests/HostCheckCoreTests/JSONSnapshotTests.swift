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
            coverage: Coverage(tcp: .full, udp: .none, ipv4: .full, ipv6: .partial, owners: .partial),
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
        let expected = #"{"hostcheck_snapshot":1,"generator":{"name":"hostcheck","version":"0.1.0"},"#
            + #""host":{"name":"wh-berlin-02","platform":"windows","captured_at":null,"sources":[{"file":"netstat.txt","format":"windows-netstat","encoding":"cp850"}],"#
            + #""coverage":{"tcp":"full","udp":"full","ipv4":"full","ipv6":"full","owners":"full"},"labels":{}},"#
            + #""sockets":[{"protocol":"tcp","family":"ipv4","local_address":"0.0.0.0","local_port":3691,"local_port_name":null,"local_zone":null,"#
            + #""remote_address":null,"remote_port":null,"remote_port_name":null,"state":"listening","state_raw":null,"v6only":null,"netns":null,"#
            + #""ownership":"owned","ownership_reason":null,"pids":[6120],"source":{"file":"netstat.txt","line":8}}],"#
            + #""processes":[{"pid":6120,"ppid":null,"name":"nc64.exe","name_truncated":false,"path":null,"cmdline":null,"user":null,"#
            + #""services":[],"kernel":false,"source":{"file":"tasklist.csv","line":9}}],"diagnostics":[]}"#
            + "\n"
        #expect(text == expected)
    }

    @Test func hostileTextIsEscaped() {
        let text = String(decoding: Self.sample.jsonBytes(pretty: true), as: UTF8.self)
        #expect(text.contains(#""name": "<script>\"evil\"\u000a\u001b[31m""#))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func unknownKeysAreIgnoredAndUnknownEnumsReadAsUnknown() throws {
        let snapshot = try read("""
        {"hostcheck_snapshot": 1, "future": {"x": [1]},
         "generator": {"name": "probe-x", "version": "9", "extra": true},
         "host": {"name": "h", "platform": "plan9", "sources": [],
                  "coverage": {"tcp": "full", "udp": "sometimes", "ipv4": "full", "ipv6": "none", "owners": "partial"}},
         "sockets": [{"protocol": "tcp", "family": "ipv4", "local_address": "10.0.0.1", "local_port": 22,
                      "state": "half-open", "ownership": "shared", "pids": [], "source": {"file": "x"}, "new_key": 1}],
         "processes": [{"pid": 1, "source": {"file": "x", "line": 1}}],
         "diagnostics": [{"severity": "fatal", "message": "m", "source": null}]}
        """)
        #expect(snapshot.host.platform == .unknown)
        #expect(snapshot.host.coverage.udp == CoverageLevel.none)
        #expect(snapshot.host.coverage.owners == .partial)
        #expect(snapshot.host.capturedAt == nil)
        #expect(snapshot.sockets.first?.state == .unknown)
        #expect(snapshot.sockets.first?.rawState == "half-open")
        #expect(snapshot.sockets.first?.ownership == .unknown)
        #expect(snapshot.sockets.first?.remoteAddress == nil)
        #expect(snapshot.processes.first == ProcessFact(pid: 1, name: nil, source: SourceLocation(file: "x", line: 1)))
        #expect(snapshot.diagnostics == [Diagnostic(.warning, "m")])
    }

    @Test func socketOfUnknownProtocolIsLeftOutWithAWarning() throws {
        let snapshot = try read("""
        {"hostcheck_snapshot": 1, "generator": {"name": "g", "version": "1"},
         "host": {"name": "h", "platform": "linux", "sources": [],
                  "coverage": {"tcp": "full", "udp": "full", "ipv4": "full", "ipv6": "full", "owners": "full"}},
         "sockets": [
           {"protocol": "sctp", "family": "ipv4", "local_address": "0.0.0.0", "state": "listening",
            "ownership": "owned", "pids": [1], "source": {"file": "x", "line": 1}}],
         "processes": [], "diagnostics": []}
        """)
        #expect(snapshot.sockets.isEmpty)
        #expect(snapshot.diagnostics.map(\.description) == ["snap.json:5:4: warning: socket with unknown protocol 'sctp' left out"])
    }

    @Test func newerVersionIsASpecificError() {
        let error = readError(#"{"hostcheck_snapshot": 2, "totally": "different"}"#)
        #expect(error?.kind == .unsupportedVersion(2))
        #expect(error?.description == "snap.json:1:24: error: snapshot version 2 is newer than this hostcheck reads (1)")
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
