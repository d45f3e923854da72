import Foundation
import HostCheckCore
@testable import HostCheckRules

/// Builders shared by the rules tests.
enum TestSupport {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func source(_ text: String, path: String = "test.yaml") -> PackSource {
        PackSource(path: path, bytes: Array(text.utf8))
    }

    /// Loads one pack from text; the pack is nil when it has errors.
    static func load(_ text: String, path: String = "test.yaml", vars: [String] = []) -> (LoadedPacks?, [Diagnostic]) {
        let result = PackLoader.load([source(text, path: path)], variableOverrides: vars)
        return (result.packs, result.diagnostics)
    }

    /// A pack with one rule given as YAML lines (indented under `- `).
    static func pack(rule: String, vars: String = "") -> String {
        let body = rule.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        return """
        hostcheck: 1
        pack:
          id: test
          version: 1.0.0
        \(vars)
        rules:
          - id: r
        \(body)
        """
    }

    static func socket(
        _ proto: TransportProtocol = .tcp, _ address: String = "0.0.0.0", _ port: Int? = 3691,
        state: SocketState = .listening, ownership: Ownership = .owned, reason: OwnershipReason? = nil,
        pids: [Int] = [], line: Int = 1, remote: String? = nil, remotePort: Int? = nil
    ) -> SocketFact {
        let family: AddressFamily = address.contains(":") ? .ipv6 : .ipv4
        return SocketFact(
            protocol: proto, family: family, localAddress: address, localPort: port,
            remoteAddress: remote, remotePort: remotePort, state: state,
            ownership: ownership, ownershipReason: reason, pids: pids,
            source: SourceLocation(file: "netstat.txt", line: line)
        )
    }

    static func process(_ pid: Int, _ name: String?, truncated: Bool = false, path: String? = nil, user: String? = nil, services: [String] = [], kernel: Bool = false) -> ProcessFact {
        ProcessFact(pid: pid, name: name, nameTruncated: truncated, path: path, user: user, services: services, kernel: kernel,
                    source: SourceLocation(file: "tasklist.csv", line: pid))
    }

    static func snapshot(
        _ sockets: [SocketFact], _ processes: [ProcessFact] = [], platform: Platform = .windows,
        name: String = "wh-berlin-02", coverage: Coverage = .full, diagnostics: [Diagnostic] = []
    ) -> Snapshot {
        Snapshot(host: HostInfo(name: name, platform: platform, coverage: coverage), sockets: sockets, processes: processes, diagnostics: diagnostics)
    }

    /// Evaluates a one-rule pack against a snapshot; nil when the pack does not load.
    static func outcome(_ packText: String, _ snapshot: Snapshot) -> RuleResult? {
        guard let packs = load(packText).0,
              let evaluator = try? Evaluator(packs: packs, filter: .none, waivers: nil, now: Date(timeIntervalSince1970: 0)) else { return nil }
        return evaluator.evaluate(snapshot).results.first
    }

    static func errors(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.filter { $0.severity == .error }.map(\.description)
    }
}
