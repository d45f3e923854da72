import Foundation
import HostCheckCore
@testable import HostCheckProbes
import Testing

/// What a bundle's `host.json` declares, at the level of facts: `sources` commands per file,
/// `coverage` for the host, what a version-1 file may not say, and what is warned about.
@Suite struct BundleDeclarationTests {
    /// A bundle of the Windows `netstat -ano` fixture with `host.json` text.
    static func bundle(hostJSON: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: CaptureFixtures.windows("netstat-ano-3691.txt"), toPath: directory.appendingPathComponent("netstat.txt").path)
        try hostJSON.write(to: directory.appendingPathComponent("host.json"), atomically: true, encoding: .utf8)
        return directory.path
    }

    @Test func sourcesAndCoverageAreAppliedInOrder() throws {
        let path = try Self.bundle(hostJSON: """
            {"hostcheck_bundle": 2,
             "sources": [{"file": "netstat.txt", "command": "netstat -ano | findstr LISTENING"}],
             "coverage": {"ipv6": "none"}}
            """)
        let snapshot = try CaptureProbe(paths: [path], hostName: nil).snapshot()
        let coverage = snapshot.host.coverage
        #expect(snapshot.problems.isEmpty, "\(snapshot.problems)")
        #expect(coverage.states == .listening)
        #expect(coverage.udp == CoverageLevel.none)
        #expect(coverage.ipv6 == CoverageLevel.none)
        #expect(coverage.assumed.suffix(2) == [
            "tcp, udp, ipv4, ipv6, owners, states, ports: declared: netstat -ano | findstr LISTENING",
            "ipv6: declared in host.json",
        ])
    }

    @Test(arguments: [
        (#""sources": [{"file": "netstat.txt", "command": "netstat -ano 5"}]"#,
         "the command of netstat.txt declares no coverage: netstat: '5' is not read (an interval repeats the output)"),
        (#""sources": [{"file": "gone.txt", "command": "netstat -ano"}]"#, "'sources' names gone.txt, which is not in the bundle"),
    ])
    func aSourceThatDeclaresNothingIsAWarning(_ key: String, _ message: String) throws {
        let path = try Self.bundle(hostJSON: #"{"hostcheck_bundle": 2, "# + key + "}")
        let snapshot = try CaptureProbe(paths: [path], hostName: nil).snapshot()
        #expect(snapshot.problems.map(\.message) == [message])
        #expect(snapshot.problems.allSatisfy { $0.severity == .warning && $0.location?.line == 1 })
        #expect(!snapshot.host.coverage.assumed.contains { $0.contains("declared") })
    }

    /// Version 1 has no `coverage`: a version-1 reader would ignore it, so this one does, with a warning.
    @Test func version1IgnoresCoverageWithAWarning() throws {
        let path = try Self.bundle(hostJSON: #"{"hostcheck_bundle": 1, "coverage": {"tcp": "full"}}"#)
        let snapshot = try CaptureProbe(paths: [path], hostName: nil).snapshot()
        #expect(snapshot.problems.map(\.message) == [#"'coverage' is read from "hostcheck_bundle": 2 on; ignored in version 1"#])
        #expect(!snapshot.host.coverage.assumed.contains { $0.contains("declared") })
    }

    /// Claims are checked: a platform the captures contradict is an error, and the host's
    /// platform is unknown (no rule skipped for the claim).
    @Test(arguments: [("linux", true), ("windows", false), ("beos", false)])
    func platformClaimIsChecked(_ platform: String, _ contradicts: Bool) throws {
        let path = try Self.bundle(hostJSON: #"{"hostcheck_bundle": 2, "platform": ""# + platform + #""}"#)
        let snapshot = try CaptureProbe(paths: [path], hostName: nil).snapshot()
        #expect(snapshot.diagnostics.contains { $0.severity == .error } == contradicts)
        #expect(snapshot.host.platform == (contradicts ? .unknown : .windows))
        if platform == "beos" { #expect(snapshot.problems.map(\.severity) == [.warning]) }
    }

    @Test func aSnapshotIsRecognisedByItsKey() {
        #expect(BundledSnapshot.isSnapshot(FileBytes(Array("\u{FEFF}  {\"hostcheck_snapshot\": 2}".utf8))))
        #expect(!BundledSnapshot.isSnapshot(FileBytes(Array("{\"hostcheck_bundle\": 2}".utf8))))
        #expect(!BundledSnapshot.isSnapshot(FileBytes(Array("Active Connections \"hostcheck_snapshot\"".utf8))))
    }
}
