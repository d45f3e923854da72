import Foundation
import HostCheckCore
import Testing
@testable import HostCheckRules

/// A rule's `examples:` are facts written as in the snapshot JSON: the sockets and processes
/// of `hostcheck facts --format json`, pasted as they are (JSON is YAML), read back as the same
/// facts, with every key of ``SnapshotKeys``.
@Suite struct ExampleFactsTests {
    static let sockets = [
        SocketFact(
            protocol: .udp, family: .ipv6, localAddress: "fe80::1", localPort: 500, localPortName: "isakmp",
            localZone: "eth0", remoteAddress: "2001:db8::1", remotePort: 443, remotePortName: "https",
            state: .established, rawState: "ESTAB", v6only: true, netns: 4_026_531_840,
            ownership: .owned, pids: [812, 813], source: SourceLocation(file: "ss.txt", line: 3)),
        SocketFact(
            protocol: .tcp, family: .ipv4, localAddress: "0.0.0.0", localPort: 3691, state: .listening,
            ownership: .unknown, ownershipReason: .captureHasNoOwners, source: SourceLocation(file: "netstat.txt", line: 8)),
    ]
    static let processes = [
        ProcessFact(
            pid: 812, ppid: 1, name: "sshd", nameTruncated: true, path: "/usr/sbin/sshd", cmdline: "sshd -D", user: "root",
            services: ["ssh"], kernel: false, source: SourceLocation(file: "ss.txt", line: 3)),
    ]

    /// The JSON text of the snapshot's array member `key` (`sockets`, `processes`): from its `[`
    /// to the matching `]`, brackets inside strings aside.
    static func member(_ key: String, of json: String) throws -> String {
        let start = try #require(json.range(of: "\"\(key)\":[")).upperBound
        var depth = 1
        var inString = false
        var escaped = false
        var index = start
        while depth > 0, index < json.endIndex {
            let character = json[index]
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "[" || character == "{" {
                depth += 1
            } else if character == "]" || character == "}" {
                depth -= 1
            }
            index = json.index(after: index)
        }
        return "[" + String(json[start..<index])
    }

    @Test func snapshotFactsPastedAsAnExampleReadBackTheSame() throws {
        let snapshot = Snapshot(
            host: HostInfo(name: "h", platform: .linux, coverage: .full), sockets: Self.sockets, processes: Self.processes)
        let json = String(decoding: snapshot.jsonBytes(pretty: false), as: UTF8.self)
        let rule = """
            select: { local_port: 3691 }
            expect: none
            examples:
              - outcome: fail
                sockets: \(try Self.member("sockets", of: json))
                processes: \(try Self.member("processes", of: json))
            """
        let (packs, diagnostics) = TestSupport.load(TestSupport.pack(rule: rule))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let example = try #require(packs?.rules.first?.examples.first)
        func located(_ socket: SocketFact) -> SocketFact {
            var copy = socket
            copy.source = SourceLocation(file: "-")
            return copy
        }
        #expect(example.snapshot.sockets.map(located) == Self.sockets.map(located))
        var processes = example.snapshot.processes
        for index in processes.indices { processes[index].source = Self.processes[index].source }
        #expect(processes == Self.processes)
    }

    @Test func aKeyTheSnapshotDoesNotHaveIsAnError() {
        let rule = """
            select: { local_port: 3691 }
            expect: none
            examples:
              - outcome: pass
                sockets: [{ protocol: tcp, local_address: 0.0.0.0, local_port: 1, exe: x }]
            """
        let errors = TestSupport.errors(TestSupport.load(TestSupport.pack(rule: rule)).1)
        #expect(errors.contains { $0.contains("exe") }, "\(errors)")
    }
}
