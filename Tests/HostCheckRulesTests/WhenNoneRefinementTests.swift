import Foundation
import HostCheckCore
import Testing
@testable import HostCheckRules

/// `when_none: fail` needs a socket that is certainly selected; one that only may be selected
/// (a port printed as a service name) makes a required-service rule unknown, not pass.
@Suite struct WhenNoneRefinementTests {
    static let pack = """
    hostcheck: 1
    pack: { id: required, version: 1.0.0 }
    rules:
      - id: sshd-up
        select: { protocol: tcp, local_port: 22, state: listening }
        expect: { owner: { name: sshd } }
        when_none: fail
      - id: no-telnet-owner-check
        select: { protocol: tcp, local_port: 22, state: listening }
        expect: { owner: { name: sshd } }
    """

    func outcomes(_ sockets: [SocketFact]) throws -> [String: Outcome] {
        let packs = try #require(PackLoader.load([PackSource(path: "required.yaml", bytes: Array(Self.pack.utf8))], variableOverrides: []).packs)
        let evaluator = try Evaluator(packs: packs, filter: .none, waivers: nil, now: Date())
        let snapshot = Snapshot(
            host: HostInfo(name: "h", platform: .linux, coverage: .full), sockets: sockets,
            processes: [ProcessFact(pid: 700, name: "sshd", source: SourceLocation(file: "t"))])
        return Dictionary(uniqueKeysWithValues: evaluator.evaluate(snapshot).results.map { ($0.rule, $0.outcome) })
    }

    func listener(port: Int?, name: String? = nil) -> SocketFact {
        SocketFact(protocol: .tcp, family: .ipv4, localAddress: "0.0.0.0", localPort: port, localPortName: name,
                   state: .listening, ownership: .owned, pids: [700], source: SourceLocation(file: "t", line: 1))
    }

    @Test func portNamedOnlyIsUnknownForARequiredService() throws {
        let result = try outcomes([listener(port: nil, name: "ssh")])
        #expect(result["sshd-up"] == .unknown)
        #expect(result["no-telnet-owner-check"] == .pass)
    }

    @Test func certainlySelectedPasses() throws {
        #expect(try outcomes([listener(port: 22)])["sshd-up"] == .pass)
    }

    @Test func nothingSelectedFails() throws {
        #expect(try outcomes([listener(port: 2222)])["sshd-up"] == .fail)
    }
}
