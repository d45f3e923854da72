import HostCheckProbes
import Testing
@testable import HostCheckCLI

/// The live probe that starts before parsing is used only for the input it read.
@Suite struct LivePrefetchTests {
    @Test(arguments: [
        (["facts"], true),
        (["facts", "--live", "--format", "json"], true),
        (["check", "rules/magaya-network.yaml", "--host", "web-1"], true),
        (["check", "--", "--capture"], true),
        (["facts", "--capture", "netstat.txt"], false),
        (["facts", "--capture=netstat.txt"], false),
        (["check", "--snapshot", "s.json"], false),
        (["check", "--fleet", "dir"], false),
        (["facts", "--all-namespaces"], false),
        (["facts", "--netns", "1"], false),
        (["facts", "--socket-source", "procfs"], false),
        (["facts", "--proc-root", "/tmp/proc"], false),
        (["facts", "--help"], false),
        (["check", "-h"], false),
        (["lint", "rules"], false),
        (["explain", "3691"], false),
        ([], false),
    ])
    func startsOnlyForALiveFactsOrCheck(arguments: [String], starts: Bool) {
        #expect((LivePrefetch.start(arguments: arguments) != nil) == starts)
    }

    @Test func servesOnlyTheDefaultProbe() throws {
        let prefetch = try #require(LivePrefetch.start(arguments: ["facts"]))
        #expect(prefetch.snapshot(procRoot: "/proc", options: LinuxProbeOptions(), hostName: nil) != nil)
        #expect(prefetch.snapshot(procRoot: "/tmp/proc", options: LinuxProbeOptions(), hostName: nil) == nil)
        #expect(prefetch.snapshot(procRoot: "/proc", options: LinuxProbeOptions(namespaces: .all), hostName: nil) == nil)
        #expect(prefetch.snapshot(procRoot: "/proc", options: LinuxProbeOptions(socketSource: .procfs), hostName: nil) == nil)
    }

    @Test func hostNameReplacesTheSystemName() async throws {
        let prefetch = try #require(LivePrefetch.start(arguments: ["facts", "--host", "web-1"]))
        let load = try #require(prefetch.snapshot(procRoot: "/proc", options: LinuxProbeOptions(), hostName: "web-1"))
        let snapshot = await load()
        #expect(snapshot.host.name == "web-1")
    }

    /// Through the binary: the prefetched facts name the `--host` given.
    @Test func factsUsesThePrefetchedSnapshot() throws {
        let run = try HostCheckRunner.run(["facts", "--live", "--host", "prefetched-host", "--format", "json", "--port", "1"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains(#""name":"prefetched-host""#))
    }
}
