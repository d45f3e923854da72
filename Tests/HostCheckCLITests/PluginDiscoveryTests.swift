import Foundation
import Testing
@testable import HostCheckCLI

/// Where plugins are found and which may run (docs/plugins.md, "Discovery" and "Running as
/// root"): `HOSTCHECK_PLUGIN_PATH`, then `PATH`, first found wins, empty and relative entries
/// skipped; as root, a plugin anyone else may write is refused, never run.
@Suite struct PluginDiscoveryTests {
    static let isRoot = geteuid() == 0

    /// Two directories with a plugin of the same name: the one earlier in the search order runs.
    @Test(arguments: [true, false])
    func earlierDirectoryWins(pluginPathFirst: Bool) throws {
        let fixtures = try PluginFixtures()
        let other = fixtures.root.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try PluginFixtures.setMode(0o755, other.path)
        for (directory, host) in [(fixtures.directory, "from-plugin-path"), (other, "from-path")] {
            let snapshot = try fixtures.file("\(host).json", PluginFixtures.snapshot(host: host, port: 22))
            try fixtures.plugin(.probe, "twice", "cat \(snapshot)", in: directory)
        }
        // Without the plugin directory in HOSTCHECK_PLUGIN_PATH, the one on PATH runs.
        let environment = [
            "HOSTCHECK_PLUGIN_PATH": pluginPathFirst ? "::relative/dir:\(fixtures.directory.path)" : "",
            "PATH": "\(other.path):/usr/bin:/bin",
        ]
        let run = try HostCheckRunner.run(["facts", "--probe", "twice"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(pluginPathFirst ? "from-plugin-path" : "from-path"), "\(run.stdout)")
    }

    /// `.`, an empty entry and a relative entry would all mean the current directory: a plugin
    /// there is never found.
    @Test(arguments: ["", ".", "plugins", ":", "./plugins::"])
    func relativeAndEmptyEntriesAreSkipped(_ pluginPath: String) throws {
        let fixtures = try PluginFixtures()
        try fixtures.plugin(.probe, "here", "exit 0", in: fixtures.root)
        try fixtures.plugin(.probe, "here", "exit 0")
        let run = try HostCheckRunner.run(
            ["facts", "--probe", "here"], in: fixtures.root, environment: ["HOSTCHECK_PLUGIN_PATH": pluginPath, "PATH": "/usr/bin:/bin:"])
        #expect(run.status == 64, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("no probe plugin 'here'"), "\(run.stderr)")
        let discovery = PluginDiscovery(environment: ["HOSTCHECK_PLUGIN_PATH": pluginPath, "PATH": "/usr/bin:/bin:"])
        #expect(discovery.directories == ["/usr/bin", "/bin"])
        #expect(discovery.skipped.count == pluginPath.split(separator: ":", omittingEmptySubsequences: false).count + 1)
    }

    /// `list plugins`: name, kind and path, in search order, a shadowed plugin left out.
    @Test func listShowsEveryPlugin() throws {
        let fixtures = try PluginFixtures()
        let probe = try fixtures.plugin(.probe, "alpha", "exit 0")
        let report = try fixtures.plugin(.report, "beta", "exit 0")
        try fixtures.plugin(.probe, "not-executable", "exit 0", mode: 0o644)
        let later = fixtures.root.appendingPathComponent("later")
        try FileManager.default.createDirectory(at: later, withIntermediateDirectories: true)
        try PluginFixtures.setMode(0o755, later.path)
        try fixtures.plugin(.probe, "alpha", "exit 0", in: later)
        let run = try HostCheckRunner.run(
            ["list", "plugins"], environment: ["HOSTCHECK_PLUGIN_PATH": "\(fixtures.directory.path):\(later.path)", "PATH": ""])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows == [["alpha", "probe", probe], ["beta", "report", report]], "\(run.stdout)")
        #expect(run.stderr.contains("PATH entry '': empty"), "\(run.stderr)")
    }

    /// As root: a plugin that someone other than root or the user could change is refused
    /// (exit 64, the reason named) and listed as refused; the same plugin made safe runs.
    @Test(.enabled(if: isRoot, "needs root"), arguments: ["world-writable file", "group-writable directory", "foreign owner"])
    func rootRefusesPluginsOthersCanWrite(_ hazard: String) throws {
        let fixtures = try PluginFixtures()
        let snapshot = try fixtures.file("snapshot.json", PluginFixtures.snapshot(port: 22))
        let path = try fixtures.plugin(.probe, "risky", "cat \(snapshot)")
        let safe = try HostCheckRunner.run(["check", try fixtures.telnetPack(), "--probe", "risky"], environment: fixtures.environment)
        #expect(safe.status == 0, "\(safe.stdout)\(safe.stderr)")
        let reason: String
        switch hazard {
        case "world-writable file":
            try PluginFixtures.setMode(0o757, path)
            reason = "the file is group- or world-writable (mode 757)"
        case "group-writable directory":
            try PluginFixtures.setMode(0o775, fixtures.directory.path)
            reason = "its directory \(fixtures.directory.path) is group- or world-writable (mode 775)"
        default:
            #expect(chown(path, 4242, 4242) == 0)
            reason = "the file is owned by uid 4242, neither root nor the invoking user"
        }
        let run = try HostCheckRunner.run(["check", try fixtures.telnetPack(), "--probe", "risky"], environment: fixtures.environment)
        #expect(run.status == 64, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("refused: \(reason)"), "\(run.stderr)")
        let list = try HostCheckRunner.run(["list", "plugins"], environment: fixtures.environment)
        #expect(list.stdout.contains("(refused: \(reason)"), "\(list.stdout)")
    }

    /// Not as root, discovery judges nothing (the user may run what they can write).
    @Test func asAnotherUserNothingIsRefused() throws {
        let fixtures = try PluginFixtures()
        let path = try fixtures.plugin(.probe, "mine", "exit 0", mode: 0o777)
        let discovery = PluginDiscovery(environment: ["HOSTCHECK_PLUGIN_PATH": fixtures.directory.path], asRoot: false)
        #expect(try discovery.plugin(.probe, named: "mine").path == path)
        let asRoot = PluginDiscovery(environment: ["HOSTCHECK_PLUGIN_PATH": fixtures.directory.path], asRoot: true)
        #expect(throws: CLIError.self) { try asRoot.plugin(.probe, named: "mine") }
    }

    @Test(arguments: [("psutil", true), ("my_probe-2.1", true), ("", false), (".hidden", false), ("-x", false), ("a/b", false), ("a b", false)])
    func pluginNames(_ name: String, valid: Bool) {
        #expect(PluginDiscovery.isValidName(name) == valid)
    }
}
