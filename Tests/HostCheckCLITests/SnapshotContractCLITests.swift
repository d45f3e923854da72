import Foundation
import Testing

/// The snapshot contract end to end: an honest snapshot-2 written by `facts --format json`
/// round-trips and passes; a value outside the version's enums, or a newer version, is exit 65
/// for `--snapshot` and an `error` host (exit 2, never 0) for a `--fleet` entry.
@Suite struct SnapshotContractCLITests {
    static let netstat = HostCheckRunner.fixture("windows/netstat-ano-3691.txt")
    static let tasklist = HostCheckRunner.fixture("windows/tasklist-magaya.csv")
    static let pack = "rules/magaya-network.yaml"

    /// The honest snapshot of a compliant Windows host, as `facts --format json` writes it.
    static func honestSnapshot() throws -> String {
        let facts = try HostCheckRunner.run(["facts", "--capture", netstat, "--capture", tasklist, "--format", "json"])
        #expect(facts.status == 0, "\(facts.stderr)")
        return facts.stdout
    }

    static func write(_ text: String, named name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Replaces the first occurrence of `find`.
    static func replacingFirst(_ find: String, with replacement: String, in text: String) throws -> String {
        let range = try #require(text.range(of: find), "\(find) not in the snapshot")
        return text.replacingCharacters(in: range, with: replacement)
    }

    @Test func honestSnapshot2RoundTripsAndPasses() throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let text = try Self.honestSnapshot()
        #expect(text.hasPrefix(#"{"hostcheck_snapshot":2,"#))
        #expect(text.contains(#""coverage":{"tcp":"full","udp":"full","ipv4":"full","ipv6":"full","owners":"full","states":"all","ports":"all","users":"all","netns":"host-only","assumed":["#))
        let path = try Self.write(text, named: "h.json", in: directory)
        let again = try HostCheckRunner.run(["facts", "--snapshot", path, "--format", "json"])
        #expect(again.status == 0 && again.stdout == text, "\(again.stderr)")
        let check = try HostCheckRunner.run(["check", Self.pack, "--snapshot", path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("0 fail, 0 unknown, 0 error"), "\(check.stdout)")
        let fleet = directory.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: fleet, withIntermediateDirectories: true)
        _ = try Self.write(text, named: "h1.json", in: fleet)
        let fleetCheck = try HostCheckRunner.run(["check", Self.pack, "--fleet", fleet.path])
        #expect(fleetCheck.status == 0, "\(fleetCheck.stdout)\(fleetCheck.stderr)")
    }

    /// Each was read as something else before (not listening, a dropped socket, a warning) and
    /// let the rules pass.
    @Test(arguments: [
        (#""state":"listening""#, #""state":"LISTEN""#, "unknown state 'LISTEN' in socket"),
        (#""state":"listening""#, #""state":"Listening""#, "unknown state 'Listening' in socket"),
        (#""protocol":"tcp""#, #""protocol":"TCP""#, "unknown protocol 'TCP' in socket"),
        (#""diagnostics":[]"#, #""diagnostics":[{"severity":"ERROR","message":"m","source":null}]"#, "unknown severity 'ERROR' in diagnostic"),
        (#""platform":"windows""#, #""platform":"Windows""#, "unknown platform 'Windows' in 'host'"),
        (#""states":"all""#, #""states":"listening-ish""#, "unknown states 'listening-ish' in 'coverage'"),
        (#""netns":"host-only""#, #""netns":"host-only","sctp":"none""#, "unknown key 'sctp' in 'coverage'"),
        (#""hostcheck_snapshot":2"#, #""hostcheck_snapshot":3"#, "snapshot version 3 is newer than this hostcheck reads (2)"),
    ])
    func unreadableSnapshotIsExit65AndAFleetError(find: String, replace: String, message: String) throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        let text = try Self.replacingFirst(find, with: replace, in: try Self.honestSnapshot())
        let path = try Self.write(text, named: "h.json", in: directory)
        for command in ["check", "facts"] {
            let arguments = command == "check" ? ["check", Self.pack, "--snapshot", path] : ["facts", "--snapshot", path]
            let run = try HostCheckRunner.run(arguments)
            #expect(run.status == 65, "\(command): \(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains("h.json:1:"), "\(run.stderr)")
            #expect(run.stderr.contains("error: " + message), "\(run.stderr)")
        }
        let fleet = directory.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: fleet, withIntermediateDirectories: true)
        _ = try Self.write(text, named: "h1.json", in: fleet)
        let results = directory.appendingPathComponent("results.json").path
        let run = try HostCheckRunner.run(["check", Self.pack, "--fleet", fleet.path, "--format", "text", "--format", "json:" + results])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains(message), "\(run.stdout)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: results))) as? [String: Any])
        let outcomes = (document["results"] as? [[String: Any]])?.compactMap { $0["outcome"] as? String } ?? []
        #expect(!outcomes.isEmpty && outcomes.allSatisfy { $0 == "error" }, "\(outcomes)")
    }

    /// Snapshot-1 stays readable: the same facts as version 1 pass, and every report says the
    /// dimensions snapshot-1 does not record were assumed.
    @Test func snapshot1IsReadWithItsAssumptionShown() throws {
        let directory = try HostCheckRunner.temporaryDirectory()
        var text = try Self.replacingFirst(#""hostcheck_snapshot":2"#, with: #""hostcheck_snapshot":1"#, in: try Self.honestSnapshot())
        let v2Keys = try #require(text.range(of: #","states":"all","ports":"all","users":"all","netns":"host-only","assumed":\[[^\]]*\],"full_capture":("[^"]*"|null)"#, options: .regularExpression))
        text.removeSubrange(v2Keys)
        let path = try Self.write(text, named: "v1.json", in: directory)
        let facts = try HostCheckRunner.run(["facts", "--snapshot", path, "--format", "json"])
        #expect(facts.status == 0, "\(facts.stderr)")
        #expect(facts.stdout.contains(#""netns":"host-only","assumed":["states, ports, users, netns: assumed from snapshot-1, which does not record them","processes: partial: a snapshot-1 document lists only the processes that hold a socket"]"#), "\(facts.stdout)")
        let results = directory.appendingPathComponent("results.json").path
        let check = try HostCheckRunner.run(["check", Self.pack, "--snapshot", path, "--format", "json:" + results])
        #expect(check.status == 0, "\(check.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: results))) as? [String: Any])
        #expect(document["hostcheck_results"] as? Int == 3)
        let host = try #require((document["hosts"] as? [[String: Any]])?.first)
        #expect((host["coverage_line"] as? String)?.hasSuffix("netns=host-only (states, ports, users, netns: assumed from snapshot-1, which does not record them; processes: partial: a snapshot-1 document lists only the processes that hold a socket)") == true)
        let v1WithAV2Key = try Self.replacingFirst(#""owners":"full""#, with: #""owners":"full","states":"listening""#, in: text)
        let bad = try Self.write(v1WithAV2Key, named: "v1bad.json", in: directory)
        let refused = try HostCheckRunner.run(["check", Self.pack, "--snapshot", bad])
        #expect(refused.status == 65 && refused.stderr.contains("'states' in 'coverage' is a snapshot-2 key"), "\(refused.stderr)")
    }
}
