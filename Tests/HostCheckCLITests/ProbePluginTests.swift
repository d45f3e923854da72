import Foundation
import Testing
@testable import HostCheckCLI

/// `--probe NAME` (docs/plugins.md, "Probe plugins"): a working plugin's snapshot is evaluated
/// like any other; every way a plugin can fail makes its host `error` (exit 2), never a pass,
/// with its standard error's tail as the diagnostic, and a hanging plugin is killed with its
/// process group at `--plugin-timeout`.
@Suite struct ProbePluginTests {
    /// The rules pass or fail as the plugin's snapshot says; its arguments arrive as given,
    /// without a shell in between, and its standard input is empty.
    @Test(arguments: [(23, Int32(1), "0 pass, 1 fail"), (22, 0, "1 pass, 0 fail")])
    func workingPluginIsEvaluated(port: Int, status: Int32, summary: String) throws {
        let fixtures = try PluginFixtures()
        let snapshot = try fixtures.file("snapshot.json", PluginFixtures.snapshot(port: port))
        let arguments = fixtures.root.appendingPathComponent("arguments").path
        try fixtures.plugin(.probe, "fake", """
            for argument in "$@"; do printf '[%s]' "$argument"; done > \(arguments)
            printf '(%s)' "$(cat)" >> \(arguments)
            cat \(snapshot)
            """)
        let run = try HostCheckRunner.run(
            ["check", try fixtures.telnetPack(), "--probe", "fake", "--probe-arg", "two words", "--probe-arg", "-x",
             "--probe-arg", "$HOME;*"],
            environment: fixtures.environment)
        #expect(run.status == status, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("1 host, 1 rule: \(summary)"), "\(run.stdout)")
        #expect(run.stdout.contains("plugged (linux)"), "\(run.stdout)")
        #expect(try String(contentsOfFile: arguments, encoding: .utf8) == "[two words][-x][$HOME;*]()")
    }

    /// `facts --probe` shows the plugin's snapshot; `--host` renames the host.
    @Test func factsShowsThePluginsSnapshot() throws {
        let fixtures = try PluginFixtures()
        let snapshot = try fixtures.file("snapshot.json", PluginFixtures.snapshot(port: 23))
        try fixtures.plugin(.probe, "fake", "cat \(snapshot)")
        let run = try HostCheckRunner.run(
            ["facts", "--probe", "fake", "--host", "renamed", "--format", "json"], environment: fixtures.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#""name":"renamed""#) && run.stdout.contains(#""local_port":23"#), "\(run.stdout)")
    }

    /// Each failure: (plugin body, extra options, a phrase the diagnostic must hold).
    static let failures: [(String, [String], String)] = [
        ("echo 'cannot open the socket table' >&2; exit 3", [], "exited with status 3; its standard error ends: cannot open the socket table"),
        ("echo 'about to hang' >&2; sleep 100", ["--plugin-timeout", "2"], "did not finish within 2 s (--plugin-timeout); its process group was killed; its standard error ends: about to hang"),
        ("sleep 100 & sleep 100", ["--plugin-timeout", "2"], "did not finish within 2 s"),
        ("echo '{not json'", [], "expected a string key"),
        ("echo '{\"hostcheck_snapshot\":99}'", [], "snapshot version 99 is newer than this hostcheck reads (2)"),
        ("exec yes", [], "wrote more than 64 MiB, the limit for a snapshot"),
        ("kill -9 $$", [], "was killed by signal 9"),
        ("true", [], "wrote no snapshot this build reads"),
    ]

    @Test(arguments: failures)
    func failingPluginIsAnError(body: String, options: [String], phrase: String) throws {
        let fixtures = try PluginFixtures()
        try fixtures.plugin(.probe, "broken", body)
        let run = try BoundedRunner.run(
            ["check", try fixtures.telnetPack(), "--probe", "broken"] + options, environment: fixtures.environment, timeout: 20)
        #expect(run.status == 2, "\(run.output)")
        #expect(run.output.contains("0 pass, 0 fail, 0 unknown, 1 error"), "\(run.output)")
        #expect(run.output.contains(phrase), "\(run.output)")
        if options.contains("--plugin-timeout") {
            #expect(run.seconds < 3.5, "took \(run.seconds) s with --plugin-timeout 2")
        }
    }

    /// What a plugin leaves running is killed with its process group, whether it ends in time
    /// (its snapshot is still read) or not.
    @Test(arguments: [(false, Int32(1)), (true, 2)])
    func leftoverChildrenAreKilled(hangs: Bool, status: Int32) throws {
        let fixtures = try PluginFixtures()
        let snapshot = try fixtures.file("snapshot.json", PluginFixtures.snapshot(port: 23))
        let pidFile = fixtures.root.appendingPathComponent("grandchild.pid").path
        try fixtures.plugin(.probe, "parent", """
            sleep 100 > /dev/null 2>&1 &
            echo $! > \(pidFile)
            cat \(snapshot)
            \(hangs ? "sleep 100" : "exit 0")
            """)
        let run = try BoundedRunner.run(
            ["check", try fixtures.telnetPack(), "--probe", "parent", "--plugin-timeout", "2"], environment: fixtures.environment)
        #expect(run.status == status, "\(run.output)")
        #expect(run.seconds < 3.5)
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).split(separator: "\n").first ?? ""))
        var dead = PluginFixtures.isDead(pid)
        for _ in 0..<50 where !dead {
            usleep(20_000)
            dead = PluginFixtures.isDead(pid)
        }
        #expect(dead, "the plugin's child \(pid) outlived the run")
        if !dead { kill(pid, SIGKILL) }
    }

    /// `--probe` is an input of its own, and `--probe-arg` needs it: usage errors (64).
    @Test(arguments: [
        ["--probe", "fake", "--capture", "x.txt"], ["--probe", "fake", "--snapshot", "x.json"], ["--probe", "fake", "--fleet", "d"],
        ["--probe", "fake", "--live"], ["--probe", "fake", "--netns", "1"], ["--probe", "fake", "--socket-source", "procfs"],
        ["--probe", "fake", "--all-namespaces"], ["--probe-arg", "x"], ["--probe", "fake", "--plugin-timeout", "0"],
        ["--probe", "../fake"], ["--probe", "missing"], ["--probe", "linux-proc", "--probe-arg", "x"],
    ])
    func misusedProbeIsAUsageError(_ options: [String]) throws {
        let fixtures = try PluginFixtures()
        try fixtures.plugin(.probe, "fake", "exit 0")
        let run = try HostCheckRunner.run(["check", try fixtures.telnetPack()] + options, environment: fixtures.environment)
        #expect(run.status == 64, "\(options): \(run.stderr)")
    }

    /// A built-in probe's id selects the built-in probe, not an executable of that name.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/net/tcp"), "needs /proc"))
    func builtinProbeIDSelectsTheBuiltin() throws {
        let fixtures = try PluginFixtures()
        try fixtures.plugin(.probe, "linux-proc", "echo 'the plugin ran' >&2; exit 3")
        let run = try HostCheckRunner.run(["facts", "--probe", "linux-proc", "--format", "json"], environment: fixtures.environment)
        #expect(run.stdout.contains(#""format":"linux-proc""#), "\(run.stderr)")
        #expect(!run.stderr.contains("the plugin ran"))
    }
}
