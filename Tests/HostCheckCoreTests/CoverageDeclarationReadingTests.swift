@testable import HostCheckCore
import Testing

/// `host.json` `coverage` and `--coverage KEY=VALUE`: one shape, located errors.
@Suite struct CoverageDeclarationReadingTests {
    static func read(_ json: String) throws(JSONReadError) -> CoverageDeclaration {
        let node = try JSONParser().parse(Array(json.utf8), file: "host.json")
        return try CoverageDeclaration(json: node, file: "host.json")
    }

    @Test func everyKeyIsRead() throws {
        let declaration = try Self.read("""
            {"tcp": "full", "udp": "none", "ipv4": "full", "ipv6": "partial", "owners": "none",
             "states": "listening", "ports": [3691, 80], "users": ["alice"], "netns": "host-only", "assumed": []}
            """)
        #expect(declaration.udp == CoverageLevel.none)
        #expect(declaration.ipv6 == .partial)
        #expect(declaration.states == .listening)
        #expect(declaration.ports == .some([80, 3691]))
        #expect(declaration.users == .some(["alice"]))
        #expect(declaration.netns == .hostOnly)
        let all = try Self.read(#"{"ports": "all", "users": "all"}"#)
        #expect(all.ports == .some(nil) && all.users == .some(nil))
        #expect(try Self.read("{}").isEmpty)
    }

    @Test(arguments: [
        (#"{"ipv6": "nope"}"#, "host.json:1:10: error: coverage 'ipv6' takes full, partial or none, not 'nope'"),
        (#"{"ports": [3691, 70000]}"#, "host.json:1:18: error: coverage 'ports' lists port numbers 1-65535"),
        (#"{"ports": "3691"}"#, "host.json:1:11: error: coverage 'ports' takes \"all\" or an array of port numbers, not '3691'"),
        (#"{"states": 1}"#, "host.json:1:12: error: coverage 'states' takes a string: all or listening, found number"),
        (#"{"ipv_6": "none"}"#, "host.json:1:11: error: unknown coverage key 'ipv_6' (expected one of tcp, udp, ipv4, ipv6, owners, states, ports, users, netns)"),
        (#"{"users": [""]}"#, "host.json:1:12: error: coverage 'users' lists user names (non-empty strings)"),
        (#"["tcp"]"#, "host.json:1:1: error: 'coverage' must be an object, found array"),
    ])
    func wrongValuesAreLocatedErrors(_ json: String, _ expected: String) {
        #expect(throws: JSONReadError.self) { try Self.read(json) }
        do {
            _ = try Self.read(json)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func settingsAreReadLaterWinning() throws {
        let declaration = try CoverageDeclaration(settings: ["ports=3691", "states=listening", "ipv6=none", "ports=3691,22"])
        #expect(declaration.ports == .some([22, 3691]))
        #expect(declaration.states == .listening)
        #expect(declaration.ipv6 == CoverageLevel.none)
        #expect(declaration.tcp == nil)
    }

    @Test(arguments: ["ports", "port=1", "ports=0", "ports=1,,2", "states=LISTEN", "users=", "netns=host"])
    func badSettingsAreRefused(_ item: String) {
        #expect(throws: CoverageValueError.self) { try CoverageDeclaration(settings: [item]) }
    }
}
