import Foundation
import Testing

/// Regular expressions through the binary: refused constructs are located lint errors (65),
/// and a pathological pattern against a long hostile name is decided quickly.
@Suite struct RegexCLITests {
    static func pack(regex: String, cmdline: String, outcome: String) -> String {
        """
        hostcheck: 1
        pack: { id: regex-cli, version: 1.0.0 }
        rules:
          - id: r
            title: regex
            select: { local_port: 9 }
            expect: { owner: { cmdline: { regex: "\(regex)" } } }
            examples:
              - name: one
                sockets: [{ protocol: tcp, local_address: 0.0.0.0, local_port: 9, pids: [1] }]
                processes: [{ pid: 1, name: x, cmdline: "\(cmdline)" }]
                outcome: \(outcome)

        """
    }

    static func write(_ text: String) throws -> String {
        let file = try HostCheckRunner.temporaryDirectory().appendingPathComponent("regex.yaml")
        try Data(text.utf8).write(to: file)
        return file.path
    }

    @Test func lookaheadIsALocatedLintError() throws {
        let path = try Self.write(Self.pack(regex: "^svc(?=\\\\.exe)", cmdline: "svc.exe", outcome: "pass"))
        let run = try HostCheckRunner.run(["lint", path])
        #expect(run.status == 65)
        #expect(run.stdout.contains("regex.yaml:7:42: error: invalid regular expression '^svc(?=\\.exe)' at character 5: lookahead (?=...) is not supported"), "\(run.stdout)")
    }

    @Test(arguments: [
        ("^(a+)+$", String(repeating: "a", count: 5_000) + "!", "fail"),
        ("^([a-z0-9]+[-_.]?)+\\\\.exe$", String(repeating: "a", count: 5_000) + "!exe", "fail"),
        ("^([a-z0-9]+[-_.]?)+\\\\.exe$", "magaya-net_1.exe", "pass"),
    ])
    func hostileNamesAreDecidedQuickly(regex: String, cmdline: String, outcome: String) throws {
        let path = try Self.write(Self.pack(regex: regex, cmdline: cmdline, outcome: outcome))
        let clock = ContinuousClock()
        var run: HostCheckRun?
        let elapsed = try clock.measure { run = try HostCheckRunner.run(["test", path]) }
        #expect(run?.status == 0, "\(run?.stdout ?? "") \(run?.stderr ?? "")")
        #expect(elapsed < .seconds(5))
    }
}
