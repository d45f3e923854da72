import Foundation
import HostCheckCore
import Testing
@testable import HostCheckRules

/// ``PortFilter`` against the predicate it stands for: on every rule of the built-in packs, the
/// filter's answer is `admits` on the port, and a port it refuses evaluates to `no`.
@Suite struct PortFilterTests {
    typealias T = TestSupport

    static func builtinRules() throws -> [Rule] {
        let directory = T.packageRoot.appendingPathComponent("rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let sources = try names.map { name in
            PackSource(path: "rules/\(name)", bytes: [UInt8](try Data(contentsOf: directory.appendingPathComponent(name))))
        }
        let (packs, diagnostics) = PackLoader.load(sources, variableOverrides: [])
        #expect(T.errors(diagnostics).isEmpty)
        return try #require(packs).rules
    }

    /// Every port where a built-in rule's matchers change, its neighbours, and a spread of others.
    static let ports: [Int] = Array(0...1100) + [1433, 1434, 3306, 3389, 3690, 3691, 3692, 5432, 5900, 5985, 5986, 6000, 6063,
        6379, 8080, 9200, 11211, 27017, 49664, 65534, 65535]

    @Test func theFilterIsAdmitsOnEveryPortOfEveryBuiltinRule() throws {
        let rules = try Self.builtinRules()
        var filtered = 0
        for rule in rules where rule.subject == .sockets {
            guard let filter = PortFilter(select: rule.select) else { continue }
            filtered += 1
            for port in Self.ports {
                #expect(filter.admits(port) == rule.select.admits([.localPort: .integer(port)]), "\(rule.id) port \(port)")
            }
            #expect(filter.admits(-1) && filter.admits(70000))
        }
        #expect(filtered >= 15)
    }

    @Test(arguments: [
        "select: { protocol: tcp, local_port: 23, state: listening }",
        "select: { local_port: { range: 512-514 } }",
        "select: { local_port: [7, 9, 13] }",
        "select: { local_port: { not: 22 } }",
        "select: { any: [{ local_port: 80 }, { owner: { name: nginx } }] }",
    ])
    func aRefusedPortEvaluatesToNo(select: String) throws {
        let (packs, diagnostics) = T.load(T.pack(rule: "\(select)\nexpect: none"))
        #expect(T.errors(diagnostics).isEmpty)
        let rule = try #require(packs?.rules.first)
        let filter = PortFilter(select: rule.select)
        for port in [7, 8, 22, 23, 24, 80, 511, 512, 514, 515, 3691] {
            for socket in [T.socket(.tcp, "0.0.0.0", port, pids: [1]), T.socket(.udp, "::", port, ownership: .unknown)] {
                let sel = SocketContext(socket: socket, owners: OwnerTable(processes: [], platform: .linux)).evaluate(rule.select, .some)
                if filter?.admits(port) == false { #expect(sel.isNo, "\(select) port \(port)") }
            }
        }
    }
}
