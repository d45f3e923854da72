import Foundation
@testable import HostCheckCLI

/// Small plugin scripts in a temporary directory, and the snapshot a probe plugin prints
/// (docs/plugins.md). The directory is 0755 and the scripts 0755, as root requires.
struct PluginFixtures {
    let root: URL
    /// The plugin directory: `HOSTCHECK_PLUGIN_PATH`.
    let directory: URL

    init() throws {
        root = try HostCheckRunner.temporaryDirectory()
        directory = root.appendingPathComponent("plugins")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.setMode(0o755, directory.path)
    }

    /// The environment that makes the plugin directory the only place searched (`PATH` keeps
    /// `/usr/bin:/bin`, which hold no hostcheck plugin, so that scripts find `sleep` and `cat`).
    var environment: [String: String] {
        ["HOSTCHECK_PLUGIN_PATH": directory.path, "PATH": "/usr/bin:/bin"]
    }

    /// Writes `#!/bin/sh` + `body` as `hostcheck-KIND-NAME` (0755) in `directory`.
    @discardableResult
    func plugin(_ kind: PluginKind, _ name: String, _ body: String, in directory: URL? = nil, mode: mode_t = 0o755) throws -> String {
        let url = (directory ?? self.directory).appendingPathComponent(kind.executableName(name))
        try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: url)
        try Self.setMode(mode, url.path)
        return url.path
    }

    /// Writes `text` as `name` in the root and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A pack with one rule: nothing listens on port 23.
    func telnetPack() throws -> String {
        try file("pack.yaml", """
            hostcheck: 1
            pack:
              id: plugged
              version: 1.0.0
            rules:
              - id: no-telnet
                title: Nothing listens on 23
                select: { local_port: 23, state: listening }
                expect: none
            """)
    }

    static func setMode(_ mode: mode_t, _ path: String) throws {
        guard chmod(path, mode) == 0 else { throw HostCheckRunnerError(message: "chmod \(path) failed") }
    }

    /// A complete snapshot document of host `host`: one TCP listener on `port` owned by pid 10
    /// (`telnetd`), every coverage dimension full.
    static func snapshot(host: String = "plugged", port: Int, version: Int = 2) -> String {
        let source = #"{"file":"plugin","line":null}"#
        return """
            {"hostcheck_snapshot":\(version),"generator":{"name":"test-plugin","version":"1"},
             "host":{"name":"\(host)","platform":"linux","captured_at":null,"sources":[],
              "coverage":{"tcp":"full","udp":"full","ipv4":"full","ipv6":"full","owners":"full","states":"all","ports":"all",
               "users":"all","netns":"host-only","assumed":[],"full_capture":null},"labels":{}},
             "sockets":[{"protocol":"tcp","family":"ipv4","local_address":"0.0.0.0","local_port":\(port),"local_port_name":null,
              "local_zone":null,"remote_address":null,"remote_port":null,"remote_port_name":null,"state":"listening",
              "state_raw":null,"v6only":null,"netns":null,"ownership":"owned","ownership_reason":null,"pids":[10],"source":\(source)}],
             "processes":[{"pid":10,"ppid":1,"name":"telnetd","name_truncated":false,"path":"/usr/sbin/telnetd","cmdline":null,
              "user":"root","services":[],"kernel":false,"uid":0,"exe_deleted":null,"path_verified":null,"path_problem":null,
              "sha256":null,"mnt_ns":null,"unit":null,"cgroup":null,"container_id":null,"parent_name":null,"parent_path":null,
              "name_mismatch":null,"signer":null,"signature_status":null,"source":\(source)}],
             "diagnostics":[]}
            """
    }

    /// Whether process `pid` is gone or a zombie (killed, not yet reaped by its new parent).
    static func isDead(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        let state = stat[stat.index(after: close)...].split(separator: " ").first ?? ""
        return state == "Z" || state == "X"
    }
}
