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
        #expect((LivePrefetch.start(arguments: arguments, registry: .builtin) != nil) == starts)
    }

    /// The prefetch is the live probe with its default options: only input options that leave
    /// every live option at its default let ``HostInputs`` take it.
    @Test(arguments: [
        ([], true),
        (["--live"], true),
        (["--socket-source", "automatic"], true),
        (["--proc-root", "/tmp/proc"], false),
        (["--all-namespaces"], false),
        (["--netns", "1"], false),
        (["--socket-source", "procfs"], false),
    ])
    func servesOnlyTheDefaultProbe(arguments: [String], served: Bool) throws {
        let options = try InputOptions<HostsOrFleet>.parse(arguments)
        #expect(options.liveOptions.isEmpty == served)
    }

    @Test func hostNameReplacesTheSystemName() async throws {
        let prefetch = try #require(LivePrefetch.start(arguments: ["facts", "--host", "web-1"], registry: .builtin))
        let load = try #require(prefetch.snapshot(hostName: "web-1"))
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
